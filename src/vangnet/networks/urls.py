from django.urls import path

from vangnet.networks import views
from vangnet.networks.importing import urls as import_urls
from vangnet.networks.sessions import offline_urls
from vangnet.networks.sessions import urls as session_urls

app_name = "networks"
urlpatterns = (
    [
        path("", views.network_list, name="list"),
        path("nieuw/", views.network_create, name="create"),
        path("<int:network_id>/", views.network_detail, name="detail"),
        path("<int:network_id>/wijzigen/", views.network_edit, name="edit"),
        path("<int:network_id>/fase/", views.phase_transition, name="phase_transition"),
        path("<int:network_id>/activiteiten/", views.activity_list, name="activity_list"),
        path(
            "<int:network_id>/activiteiten/nieuw/",
            views.activity_create,
            name="activity_create",
        ),
        path(
            "<int:network_id>/activiteiten/<int:activity_id>/",
            views.activity_edit,
            name="activity_edit",
        ),
        path(
            "<int:network_id>/activiteiten/<int:activity_id>/veranderen/",
            views.activity_change,
            name="activity_change",
        ),
        path(
            "<int:network_id>/activiteiten/<int:activity_id>/stoppen/",
            views.activity_end,
            name="activity_end",
        ),
    ]
    + session_urls.urlpatterns
    + offline_urls.urlpatterns
    + import_urls.urlpatterns
)
