"""Authorization routes of the house rules (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "houserules:detail": Route(Cap.VIEW_NETWORK, "network"),
    "houserules:edit": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
}


def extend_world(world: dict) -> None:
    import datetime as dt

    from vangnet.houserules.models import HouseRules

    network = world["network"]
    HouseRules.objects.create(
        network=network,
        version=1,
        text="We laten elkaar uitpraten.",
        agreed_on=dt.date(2025, 3, 1),
        recorded_by=network.lead_worker,
    )
