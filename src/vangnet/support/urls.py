from django.urls import path

from vangnet.support import group_views, map_views, views

app_name = "support"
urlpatterns = [
    path("<int:network_id>/", views.tie_list, name="tie_list"),
    path("<int:network_id>/nieuw/", views.tie_create, name="tie_create"),
    path("<int:network_id>/verwijderen/", views.tie_delete, name="tie_delete"),
    path("<int:network_id>/sociogram/", views.sociogram, name="sociogram"),
    path("clienten/", map_views.client_list, name="client_list"),
    path("clienten/nieuw/", map_views.client_create, name="client_create"),
    path("clienten/<int:client_id>/kaart/", map_views.client_map, name="client_map"),
    path("clienten/<int:client_id>/steungroep/", group_views.client_group, name="client_group"),
    path("clienten/overzicht/", group_views.group_overview, name="group_overview"),
    path(
        "deelnemer/<int:participant_id>/kaart/",
        map_views.participant_map,
        name="participant_map",
    ),
]
