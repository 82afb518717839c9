"""Authorization routes of the fidelity area (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "fidelity:organisation": Route(Cap.VIEW_EVALUATION, "none"),
    "fidelity:network": Route(Cap.VIEW_EVALUATION, "network"),
    "fidelity:weights": Route(Cap.MANAGE_FIDELITY, "none", ("get", "post")),
    # The API (api/fidelity_views.py).
    "api:fidelity_list": Route(Cap.VIEW_EVALUATION, "none"),
    "api:network_fidelity": Route(Cap.VIEW_EVALUATION, "network"),
}
