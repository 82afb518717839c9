"""Reads for the people around a network."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import Http404

from vangnet.core.permissions import pk_or_404
from vangnet.volunteers.models import NetworkHelper

if TYPE_CHECKING:
    from vangnet.networks.models import Network


def network_helpers(*, network: Network) -> list[NetworkHelper]:
    """Everyone ever attached to the network, oldest start first, with their account
    (one query)."""
    return list(
        NetworkHelper.objects.filter(network=network)
        .select_related("user")
        .order_by("start_date", "pk")
    )


def active_helpers(*, network: Network, today: dt.date) -> list[NetworkHelper]:
    """Who is attached today (started, not ended); one query."""
    return list(
        NetworkHelper.objects.filter(network=network, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .order_by("kind", "start_date", "pk")
    )


def helper_hours(helpers: list[NetworkHelper]) -> Decimal:
    """Their hours a week together: counted apart from the worker's norm."""
    return sum((h.hours_per_week for h in helpers), Decimal(0))


def helper_for(*, network: Network, helper_id: object) -> NetworkHelper:
    try:
        return NetworkHelper.objects.get(pk=pk_or_404(helper_id), network=network)
    except NetworkHelper.DoesNotExist as exc:
        raise Http404 from exc
