"""Authorization routes of the people around a network (see tests/authz/__init__.py).

The world gets a user with the limited role network_helper, attached to the world's network
from 2025 on: the matrix checks every route for that role too."""

import datetime as dt
from decimal import Decimal

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "volunteers:list": Route(Cap.VIEW_NETWORK, "network"),
    "volunteers:create": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
    "volunteers:edit": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
    "volunteers:account": Route(Cap.MANAGE_HELPER_ACCOUNTS, "network", ("get", "post")),
    "volunteers:account_revoke": Route(Cap.MANAGE_HELPER_ACCOUNTS, "network", ("post",)),
}


def extend_world(world: dict) -> None:
    from tests.factories import UserFactory
    from vangnet.volunteers.models import NetworkHelper

    helper = NetworkHelper.objects.create(
        network=world["network"],
        kind="expert",
        name="Mark",
        start_date=dt.date(2025, 2, 1),
        hours_per_week=Decimal(8),
    )
    world["kwargs"]["helper_id"] = helper.pk
    account = UserFactory(organisation=world["organisation"], network_helper=True)
    NetworkHelper.objects.create(
        network=world["network"],
        kind="volunteer",
        name="Ton",
        start_date=dt.date(2025, 2, 1),
        hours_per_week=Decimal(3),
        user=account,
    )
    world["users"]["network_helper"] = account
