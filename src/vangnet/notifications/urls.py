from django.urls import path

from vangnet.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("herinneringsregels/", views.reminder_settings, name="reminder_settings"),
]
