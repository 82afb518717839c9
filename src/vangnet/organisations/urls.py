from django.urls import path

from vangnet.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.manage, name="manage"),
    path("locaties/nieuw/", views.location_edit, name="location_create"),
    path("locaties/<int:location_id>/", views.location_edit, name="location_edit"),
    path("accounts/nieuw/", views.user_edit, name="user_create"),
    path("accounts/<int:user_id>/", views.user_edit, name="user_edit"),
    path(
        "accounts/<int:user_id>/nieuw-wachtwoord/",
        views.user_reset_password,
        name="user_reset_password",
    ),
]
