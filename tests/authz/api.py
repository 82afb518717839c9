"""Authorization routes of the api area (see tests/authz/__init__.py).

The API answers an anonymous request with 401 (tests/test_authorization.py checks that for
every "api:" name); the token pages do the same, with a sign-in link.
"""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    # The schema and its documentation: any signed-in user (kept behind sign-in).
    "api:schema": Route(None, "none"),
    "api:docs": Route(None, "none"),
    # Everyone manages their own tokens; an evaluator or municipality token only opens
    # what their role may see.
    "api:tokens": Route(None, "none", ("get", "post")),
    "api:token_revoke": Route(None, "none", ("post",)),
    "api:network_list": Route(Cap.VIEW_NETWORK, "none"),
    "api:network_detail": Route(Cap.VIEW_NETWORK, "network"),
    "api:session_list": Route(Cap.VIEW_NETWORK, "network"),
    "api:session_detail": Route(Cap.VIEW_NETWORK, "network"),
    "api:session_attendance": Route(Cap.RECORD_SESSIONS, "network", ("get", "post")),
    "api:route_list": Route(Cap.VIEW_PARTICIPANTS, "network"),
    "api:tie_list": Route(Cap.VIEW_PARTICIPANTS, "network"),
    "api:measures": Route(Cap.VIEW_NETWORK_REPORTS, "network"),
    "api:house_rules": Route(Cap.VIEW_NETWORK, "network"),
    "api:neighbourhood": Route(Cap.VIEW_NETWORK, "network"),
    "api:money_overview": Route(Cap.KEEP_ACCOUNTS, "none"),
    "api:network_money": Route(Cap.KEEP_ACCOUNTS, "network"),
    "api:money_receipt": Route(Cap.KEEP_ACCOUNTS, "network"),
    "api:organisation_figures": Route(Cap.VIEW_DASHBOARD, "none"),
    "api:municipality_figures": Route(Cap.VIEW_MUNICIPALITY_REPORT, "none"),
}


def extend_world(world: dict) -> None:
    """The API's URLs name only networks and sessions: already in the world."""
