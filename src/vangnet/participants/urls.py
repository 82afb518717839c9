from django.urls import path

from vangnet.participants import views

app_name = "participants"
urlpatterns = [
    path("netwerk/<int:network_id>/", views.participant_list, name="list"),
    path("netwerk/<int:network_id>/nieuw/", views.participant_create, name="create"),
    path("<int:participant_id>/", views.participant_detail, name="detail"),
    path("<int:participant_id>/wijzigen/", views.participant_edit, name="edit"),
    path("<int:participant_id>/route/", views.route_event, name="route_event"),
    path("nabellen/", views.followup_list, name="followups"),
    path("nabellen/<int:task_id>/afronden/", views.followup_close, name="followup_close"),
    path("partners/", views.partner_list, name="partners"),
    path("partners/nieuw/", views.partner_edit, name="partner_create"),
    path("partners/<int:partner_id>/wijzigen/", views.partner_edit, name="partner_edit"),
]
