from django.urls import path

from vangnet.privacy import client_views, twofactor, views

app_name = "privacy"
urlpatterns = [
    path("tweestaps/instellen/", twofactor.twofactor_setup, name="twofactor_setup"),
    path("tweestaps/controleren/", twofactor.twofactor_verify, name="twofactor_verify"),
    path("beveiliging/", views.security_settings, name="security_settings"),
    path(
        "beveiliging/accounts/<int:user_id>/tweestaps-wissen/",
        views.twofactor_reset,
        name="twofactor_reset",
    ),
    path("deelnemers/<int:participant_id>/inzage/", views.person_export, name="export"),
    path(
        "deelnemers/<int:participant_id>/inzage.json",
        views.person_export_json,
        name="export_json",
    ),
    path(
        "deelnemers/<int:participant_id>/inzage.pdf",
        views.person_export_pdf,
        name="export_pdf",
    ),
    path("deelnemers/<int:participant_id>/verwijderen/", views.person_erase, name="erase"),
    path("deelnemers/<int:participant_id>/toestemming/", views.consents, name="consents"),
    path("clienten/<int:client_id>/inzage/", client_views.client_export, name="client_export"),
    path(
        "clienten/<int:client_id>/inzage.json",
        client_views.client_export_json,
        name="client_export_json",
    ),
    path(
        "clienten/<int:client_id>/toestemming/",
        client_views.client_consents,
        name="client_consents",
    ),
    path(
        "clienten/<int:client_id>/verwijderen/",
        client_views.client_erase_page,
        name="client_erase",
    ),
]
