from django.urls import path

from vangnet.growth import resource_views, views

app_name = "growth"
urlpatterns = [
    path("", views.index, name="index"),
    path("zelfbeoordeling/nieuw/", views.assessment_create, name="assessment_create"),
    path(
        "zelfbeoordeling/<int:self_assessment_id>/",
        views.assessment_detail,
        name="assessment_detail",
    ),
    path(
        "zelfbeoordeling/<int:self_assessment_id>/wijzigen/",
        views.assessment_edit,
        name="assessment_edit",
    ),
    path(
        "zelfbeoordeling/<int:self_assessment_id>/verwijderen/",
        views.assessment_delete,
        name="assessment_delete",
    ),
    path("team/", views.team, name="team"),
    path("team/<int:user_id>/", views.worker, name="worker"),
    path("coaching/nieuw/", views.coaching_create, name="coaching_create"),
    path("coaching/<int:note_id>/wijzigen/", views.coaching_edit, name="coaching_edit"),
    path("bronnen/", resource_views.resources, name="resources"),
    path("bronnen/nieuw/", resource_views.resource_create, name="resource_create"),
    path("bronnen/<int:resource_id>/wijzigen/", resource_views.resource_edit, name="resource_edit"),
    path(
        "bronnen/<int:resource_id>/verwijderen/",
        resource_views.resource_delete,
        name="resource_delete",
    ),
    path("bronnen/<int:resource_id>/bestand/", resource_views.resource_file, name="resource_file"),
]
