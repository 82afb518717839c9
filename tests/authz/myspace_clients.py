"""Authorization routes of Mijn Vangnet for network-support clients (see
tests/authz/__init__.py): the client's own pages are guarded by the participant session
(vangnet.myspace.access), not a staff sign-in; tests/myspace/test_client_permissions.py
checks them with client and participant sessions."""

from tests.authz import Route
from vangnet.core.permissions import Cap

PUBLIC = {
    "myspace:goals",
    "myspace:support_group",
    "myspace:network_map",
    "myspace:rights",
    "myspace:rights_download",
}

ROUTES: dict[str, Route] = {
    # Open erasure requests: whoever may exercise data-subject rights sees their own share.
    "myspace:erasure_requests": Route(Cap.EXERCISE_DATA_RIGHTS, "none", ("get", "post")),
    # Tablet mode for a client: their own worker and backup worker, like client_access.
    "myspace:client_tablet_start": Route(
        Cap.EDIT_PARTICIPANTS, "none", ("get", "post"), only=("lead", "backup")
    ),
}
