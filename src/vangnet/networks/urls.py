from django.urls import path

from vangnet.networks import import_urls, session_urls, views

app_name = "networks"
urlpatterns = (
    [
        path("", views.network_list, name="list"),
        path("<int:network_id>/", views.network_detail, name="detail"),
    ]
    + session_urls.urlpatterns
    + import_urls.urlpatterns
)
