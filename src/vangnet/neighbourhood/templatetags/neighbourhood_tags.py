"""What the neighbourhood activities produced, on other apps' pages: the network page (this
year so far) and the annual report (page and PDF). Four queries each."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.neighbourhood.selectors import network_produced

register = template.Library()


@register.inclusion_tag("neighbourhood/includes/network_section.html", takes_context=True)
def neighbourhood_network_section(context: Any, network: Any) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not has_cap(user, Cap.VIEW_NETWORK):
        return {"visible": False}
    year = timezone.localdate().year
    return {
        "visible": True,
        "network": network,
        "year": year,
        "produced": network_produced(
            network=network, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
        ),
    }


@register.inclusion_tag("neighbourhood/includes/annual.html")
def neighbourhood_annual(network: Any, year: int) -> dict[str, Any]:
    year = int(year)
    return {
        "produced": network_produced(
            network=network, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
        )
    }
