from django.urls import path

from vangnet.planning import views

app_name = "planning"
urlpatterns = [
    path("instellingen/", views.settings_edit, name="settings"),
    path("netwerk/<int:network_id>/", views.network_plan, name="network_plan"),
    path("netwerk/<int:network_id>/pdf/", views.network_plan_pdf, name="network_plan_pdf"),
    path("netwerk/<int:network_id>/uren/", views.hours, name="hours"),
]
