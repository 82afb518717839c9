"""Every address of Mijn Vangnet (myspace/urls.py), sorted by who sees it.

The page walks (tests/browser/test_myspace_pages.py: axe-core, sideways scrolling at 320 px
and at 200% zoom; tests/myspace/test_plain_language.py: plain language) visit the pages
listed here and fail when urls.py has a name that is not: a new page cannot be forgotten.
"""

from __future__ import annotations

from vangnet.myspace.urls import urlpatterns

# Pages a participant sees (signed in to Mijn Vangnet on their own phone).
PARTICIPANT = {
    "home",
    "my_data",
    "reports",
    "wishes",
    "contacts",
    "questionnaire",
    "questionnaire_fill",
    "absences",
    "consents",
    "network_map",
    "rights",
    "email_setting",
}
# Pages a network-support client sees. home, my_data, contacts, consents, network_map,
# rights and email_setting are the same addresses with the client's own content.
CLIENT = {
    "home",
    "my_data",
    "contacts",
    "consents",
    "goals",
    "support_group",
    "network_map",
    "rights",
    "email_setting",
}
# Pages for someone not signed in (getting in).
SIGNED_OUT = {"activate", "choose_secret", "signin", "email_link_request", "email_link"}
# The worker's device in tablet mode: the participant or client holds it.
TABLET = {"tablet_task", "tablet_unlock"}
# The worker's own Mijn Vangnet pages (cards, switches, tablet start, erasure requests).
WORKER = {
    "participant_access",
    "client_access",
    "network_switch",
    "erasure_requests",
    "clients_switch",
    "tablet_start",
    "client_tablet_start",
}
# Addresses that are not a page: a file to download, or an action without a page of its own.
NOT_A_PAGE = {
    "calendar": "an .ics calendar file",
    "rights_download": "the data-subject export file",
    "signout": "POST only; it goes to the sign-in page",
}
# Who reads the page: the people the plain-language rule is for.
FOR_PARTICIPANTS = PARTICIPANT | CLIENT | SIGNED_OUT | TABLET


def url_names() -> set[str]:
    return {str(pattern.name) for pattern in urlpatterns}


def unlisted() -> set[str]:
    """Names in myspace/urls.py that no list above mentions."""
    return url_names() - (FOR_PARTICIPANTS | WORKER | set(NOT_A_PAGE))
