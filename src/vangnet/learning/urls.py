from django.urls import path

from vangnet.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("evaluatie/<int:evaluation_id>/coderen/", views.code, name="code"),
    path("passage/<int:passage_id>/verwijderen/", views.passage_delete, name="passage_delete"),
    path("synthese/", views.synthesis_edit, name="synthesis"),
    path("synthese/pdf/", views.synthesis_pdf, name="synthesis_pdf"),
]
