from django.urls import path

from vangnet.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("gegevens/", views.data_start, name="data_start"),
    path("onderzoek/", views.research_start, name="research_start"),
    path("taak/<int:job_id>/", views.job_detail, name="job"),
    path("taak/<int:job_id>/status/", views.job_status, name="job_status"),
    path("taak/<int:job_id>/download/", views.job_download, name="download"),
]
