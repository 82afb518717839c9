"""Authorization routes of Mijn Vangnet (see tests/authz/__init__.py).

The participant's own pages need no staff sign-in: they are guarded by the participant
session (vangnet.myspace.access); tests/myspace/test_permissions.py checks them, and checks
that a participant session reaches none of the staff routes.
"""

from tests.authz import Route
from vangnet.core.permissions import Cap

PUBLIC = {
    "myspace:home",
    "myspace:my_data",
    "myspace:reports",
    "myspace:wishes",
    "myspace:contacts",
    "myspace:questionnaire",
    "myspace:questionnaire_fill",
    "myspace:absences",
    "myspace:calendar",
    "myspace:consents",
    "myspace:activate",
    "myspace:choose_secret",
    "myspace:signin",
    "myspace:signout",
    # Sign-in by e-mail link: the setting is a page of the space (participant session); the
    # request and the link are the sign-in itself (tests/myspace/test_email_signin.py).
    "myspace:email_setting",
    "myspace:email_link_request",
    "myspace:email_link",
}

ROUTES: dict[str, Route] = {
    "myspace:participant_access": Route(Cap.EDIT_PARTICIPANTS, "participant", ("get", "post")),
    # The client's own worker and backup worker (support.map_selectors.client_for).
    "myspace:client_access": Route(
        Cap.EDIT_PARTICIPANTS, "none", ("get", "post"), only=("lead", "backup")
    ),
    "myspace:network_switch": Route(Cap.MANAGE_NETWORK, "network", ("get", "post")),
    "myspace:clients_switch": Route(Cap.MANAGE_ORGANISATION, "none", ("get", "post")),
    "myspace:tablet_start": Route(Cap.EDIT_PARTICIPANTS, "participant", ("get", "post")),
    # Without a locked device these send any signed-in user home (tests/myspace/test_tablet.py).
    "myspace:tablet_task": Route(None, "none"),
    "myspace:tablet_unlock": Route(None, "none", ("get", "post")),
}
