from django.urls import path

from vangnet.interviews import views
from vangnet.interviews.rounds import views as round_views
from vangnet.interviews.themes import views as theme_views

app_name = "interviews"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("vangnetwerk/<int:network_id>/", views.network_list, name="network"),
    path("vangnetwerk/<int:network_id>/plannen/", views.plan, name="plan"),
    path(
        "vangnetwerk/<int:network_id>/thematisch-verslag/",
        theme_views.network_theme_report,
        name="network_theme_report",
    ),
    path("<int:interview_id>/", views.detail, name="detail"),
    path("<int:interview_id>/wijzigen/", views.edit, name="edit"),
    path("<int:interview_id>/afzeggen/", views.cancel, name="cancel"),
    path("<int:interview_id>/gehouden/", views.held, name="held"),
    path("<int:interview_id>/vragenlijst/", views.questionnaire, name="questionnaire"),
    path("<int:interview_id>/verslag/", views.report_write, name="report_write"),
    path("<int:interview_id>/member-check/", views.member_check, name="member_check"),
    path("<int:interview_id>/voor-deelnemer/", views.participant_print, name="print"),
    path("<int:interview_id>/coderen/", theme_views.code, name="code"),
    path(
        "<int:interview_id>/coderen/verwijderen/",
        theme_views.passage_delete,
        name="passage_delete",
    ),
    path("coderen/", theme_views.coding_list, name="coding_list"),
    path("rondes/", round_views.round_list, name="rounds"),
    path("rondes/<int:round_id>/", round_views.round_edit, name="round_edit"),
    path("themas/", theme_views.themes, name="themes"),
    path("themas/<int:theme_id>/", theme_views.theme_edit, name="theme_edit"),
    path("thematisch-verslag/", theme_views.theme_report, name="theme_report"),
]
