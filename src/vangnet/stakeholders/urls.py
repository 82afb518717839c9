from django.urls import path

from vangnet.stakeholders import views

app_name = "stakeholders"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.party_edit, name="party_create"),
    path("export/", views.export, name="export"),
    path("<int:party_id>/", views.party_detail, name="party"),
    path("<int:party_id>/wijzigen/", views.party_edit, name="party_edit"),
    path("<int:party_id>/verwijderen/", views.party_delete, name="party_delete"),
    path("overleg/", views.meeting_list, name="meetings"),
    path("overleg/nieuw/", views.meeting_edit, name="meeting_create"),
    path("overleg/<int:party_meeting_id>/", views.meeting_detail, name="meeting"),
    path("overleg/<int:party_meeting_id>/wijzigen/", views.meeting_edit, name="meeting_edit"),
    path(
        "overleg/<int:party_meeting_id>/verwijderen/",
        views.meeting_delete,
        name="meeting_delete",
    ),
    path("afspraken/", views.agreements, name="agreements"),
    path("afspraken/<int:party_agreement_id>/", views.agreement_edit, name="agreement_edit"),
]
