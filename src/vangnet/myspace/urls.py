from django.urls import path

from vangnet.myspace import (
    absences,
    client_views,
    consents,
    contact_views,
    email_views,
    rights_views,
    staff_views,
    tablet,
    views,
)

app_name = "myspace"

urlpatterns = [
    # The participant's own pages.
    path("", views.home, name="home"),
    path("gegevens/", views.my_data, name="my_data"),
    path("verslag/", views.reports, name="reports"),
    path("wensen/", views.wishes, name="wishes"),
    path("contactpersonen/", contact_views.contacts, name="contacts"),
    path("vragenlijst/", views.questionnaire, name="questionnaire"),
    path("vragenlijst/<int:response_id>/", views.questionnaire, name="questionnaire_fill"),
    path("bijeenkomsten/", absences.absences, name="absences"),
    path("bijeenkomsten/agenda.ics", absences.calendar_file, name="calendar"),
    path("toestemming/", consents.consents, name="consents"),
    # A network-support client's own goals and support group; everyone's map as a picture.
    path("doelen/", client_views.goals, name="goals"),
    path("steungroep/", client_views.support_group, name="support_group"),
    path("kaart/", client_views.network_map, name="network_map"),
    path("rechten/", rights_views.rights, name="rights"),
    path("rechten/download/", rights_views.rights_download, name="rights_download"),
    path("activeren/", views.activate, name="activate"),
    path("activeren/pincode/", views.choose_secret, name="choose_secret"),
    path("inloggen/", views.signin, name="signin"),
    path("uitloggen/", views.signout, name="signout"),
    # Sign-in by e-mail link, for who chose it (email_signin).
    path("email/", email_views.email_setting, name="email_setting"),
    path("inloggen/link/", email_views.email_link_request, name="email_link_request"),
    path("link/<str:token>/", email_views.email_link, name="email_link"),
    # The worker's pages.
    path(
        "beheer/deelnemer/<int:participant_id>/",
        staff_views.participant_access,
        name="participant_access",
    ),
    path("beheer/client/<int:client_id>/", staff_views.client_access, name="client_access"),
    path("beheer/netwerk/<int:network_id>/", staff_views.network_switch, name="network_switch"),
    path("beheer/verwijderen/", rights_views.erasure_requests, name="erasure_requests"),
    path("beheer/clienten/", staff_views.clients_switch, name="clients_switch"),
    # Tablet mode: the worker's device, locked to one participant or client and one task.
    path(
        "beheer/deelnemer/<int:participant_id>/tablet/",
        tablet.tablet_start,
        {"kind": "participant"},
        name="tablet_start",
    ),
    path(
        "beheer/client/<int:client_id>/tablet/",
        tablet.tablet_start,
        {"kind": "client"},
        name="client_tablet_start",
    ),
    path("tablet/", tablet.tablet_task, name="tablet_task"),
    path("tablet/terug/", tablet.tablet_unlock, name="tablet_unlock"),
]
