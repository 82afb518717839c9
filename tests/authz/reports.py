"""Authorization routes of the reports area (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    # The municipality report shows the user's own organisation: no object in the URL.
    "reports:municipality": Route(Cap.VIEW_MUNICIPALITY_REPORT, "none"),
    "reports:municipality_pdf": Route(Cap.VIEW_MUNICIPALITY_REPORT, "none"),
    # A network's annual report: everyone who may see the network's analyses (not a
    # network helper).
    "reports:annual": Route(Cap.VIEW_NETWORK_REPORTS, "network"),
    "reports:annual_pdf": Route(Cap.VIEW_NETWORK_REPORTS, "network", ("get", "post")),
}


def extend_world(world: dict) -> None:
    """The reports' URLs name only the network (already in world["kwargs"])."""
