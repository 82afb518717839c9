"""Authorization routes of the offline session screen (see tests/authz/__init__.py). The
service worker, the manifest and the offline status are public (tests/test_authorization.py):
they hold no data, and the status says only whether this browser is signed in."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "networks:offline_sync": Route(Cap.RECORD_SESSIONS, "network", ("post",)),
}
