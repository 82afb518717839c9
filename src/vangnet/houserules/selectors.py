"""House rules reads: the current version, the version in force on a day, all versions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from vangnet.houserules.models import HouseRules

if TYPE_CHECKING:
    from vangnet.networks.models import Network


def current_house_rules(*, network: Network) -> HouseRules | None:
    """The newest version (one query)."""
    return HouseRules.objects.filter(network=network).order_by("-version").first()


def house_rules_on(*, network: Network, day: dt.date) -> HouseRules | None:
    """The version in force on `day`: the newest one agreed on or before it (one query)."""
    return (
        HouseRules.objects.filter(network=network, agreed_on__lte=day)
        .order_by("-agreed_on", "-version")
        .first()
    )


def house_rules_versions(*, network: Network) -> list[HouseRules]:
    """Every version, newest first, with who recorded it (one query)."""
    return list(
        HouseRules.objects.filter(network=network)
        .select_related("recorded_by")
        .order_by("-version")
    )


def house_rules_changed_in(*, network: Network, year: int) -> int:
    """How many versions were agreed in `year` (one query)."""
    return HouseRules.objects.filter(network=network, agreed_on__year=year).count()
