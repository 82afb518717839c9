"""Authorization routes of the dashboards area (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "dashboards:organisation": Route(Cap.VIEW_DASHBOARD, "none"),
    "dashboards:report": Route(Cap.VIEW_DASHBOARD, "none"),
    "dashboards:report_pdf": Route(Cap.VIEW_DASHBOARD, "none", ("get", "post")),
}


def extend_world(world: dict) -> None:
    """The dashboard names no object in its URLs: it shows the user's own organisation."""
