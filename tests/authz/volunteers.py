"""Authorization routes of the people around a network (see tests/authz/__init__.py)."""

import datetime as dt
from decimal import Decimal

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "volunteers:list": Route(Cap.VIEW_NETWORK, "network"),
    "volunteers:create": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
    "volunteers:edit": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
}


def extend_world(world: dict) -> None:
    from vangnet.volunteers.models import NetworkHelper

    helper = NetworkHelper.objects.create(
        network=world["network"],
        kind="expert",
        name="Mark",
        start_date=dt.date(2025, 2, 1),
        hours_per_week=Decimal(8),
    )
    world["kwargs"]["helper_id"] = helper.pk
