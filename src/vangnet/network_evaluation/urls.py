from django.urls import path

from vangnet.network_evaluation import views
from vangnet.network_evaluation.coherence import views as coherence_views

app_name = "network_evaluation"
urlpatterns = [
    path("samenhang/", coherence_views.organisation, name="coherence_all"),
    path("<int:network_id>/", views.overview, name="overview"),
    path("<int:network_id>/samenhang/", coherence_views.network, name="coherence"),
    path("<int:network_id>/subdoelen/", views.subgoals, name="subgoals"),
    path("<int:network_id>/moment/<slug:moment>/", views.moment_detail, name="moment"),
    path("<int:network_id>/moment/<slug:moment>/bewerken/", views.moment_edit, name="moment_edit"),
    path(
        "<int:network_id>/moment/<slug:moment>/subdoelen/",
        views.subgoals_edit,
        name="subgoals_edit",
    ),
    path(
        "<int:network_id>/moment/<slug:moment>/geschiedenis/",
        views.moment_history,
        name="moment_history",
    ),
    path("<int:network_id>/checklist/", views.checklist, name="checklist"),
    path("<int:network_id>/checklist/nieuw/", views.checklist_create, name="checklist_create"),
    path(
        "<int:network_id>/checklist/<int:assessment_id>/",
        views.checklist_detail,
        name="checklist_detail",
    ),
]
