"""Authorization routes of the offline session screen (see tests/authz/__init__.py). The
service worker, the manifest and the offline status are public: they hold no data, and the
status says only whether this browser is signed in (and, signed in, which screens to keep)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

PUBLIC = {"service_worker", "manifest", "networks:offline_status"}

ROUTES: dict[str, Route] = {
    "networks:offline_sync": Route(Cap.RECORD_SESSIONS, "network", ("post",)),
}
