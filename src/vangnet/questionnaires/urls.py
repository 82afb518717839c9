from django.urls import path

from vangnet.questionnaires import outcome_views, views, worker_views

app_name = "questionnaires"
urlpatterns = [
    path("", views.template_list, name="template_list"),
    path("nieuw/", views.template_create, name="template_create"),
    path("standaard/", views.default_ensure, name="default_ensure"),
    path("<int:questionnaire_id>/", views.template_detail, name="template_detail"),
    path(
        "<int:questionnaire_id>/versie/<int:version_number>/",
        views.version_detail,
        name="version_detail",
    ),
    path("<int:questionnaire_id>/onderdeel/nieuw/", views.section_create, name="section_create"),
    path("onderdeel/<int:qsection_id>/", views.section_edit, name="section_edit"),
    path("onderdeel/<int:qsection_id>/verwijderen/", views.section_delete, name="section_delete"),
    path("onderdeel/<int:qsection_id>/verplaatsen/", views.section_move, name="section_move"),
    path("onderdeel/<int:qsection_id>/vraag/nieuw/", views.item_create, name="item_create"),
    path("vraag/<int:qitem_id>/", views.item_edit, name="item_edit"),
    path("vraag/<int:qitem_id>/verwijderen/", views.item_delete, name="item_delete"),
    path("vraag/<int:qitem_id>/verplaatsen/", views.item_move, name="item_move"),
    path("<int:questionnaire_id>/werkers/", worker_views.worker_use, name="worker_use"),
    path(
        "deelnemer/<int:participant_id>/",
        worker_views.participant_questionnaires,
        name="participant",
    ),
    path("ingevuld/<int:response_id>/", worker_views.worker_response, name="worker_response"),
    path("uitkomsten/", outcome_views.organisation_outcomes, name="organisation_outcomes"),
    path("uitkomsten/<int:network_id>/", outcome_views.network_outcomes, name="network_outcomes"),
]
