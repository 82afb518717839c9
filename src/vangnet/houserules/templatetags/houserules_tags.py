"""House rules on other apps' pages: the network page and the annual report. One query
each; the checklist item about house rules links to the rules page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template

from vangnet.core.permissions import Cap, has_cap
from vangnet.houserules import selectors

register = template.Library()


@register.inclusion_tag("houserules/includes/network_section.html", takes_context=True)
def houserules_network_section(context: Any, network: Any) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not has_cap(user, Cap.VIEW_NETWORK):
        return {"visible": False}
    return {
        "visible": True,
        "network": network,
        "current": selectors.current_house_rules(network=network),
        "can_edit": has_cap(user, Cap.EDIT_ACTIVITIES),
    }


@register.inclusion_tag("houserules/includes/annual.html")
def houserules_annual(network: Any, year: int) -> dict[str, Any]:
    """The rules in force at the end of the year (or today, for this year)."""
    end = dt.date(int(year), 12, 31)
    rules = selectors.house_rules_on(network=network, day=end)
    return {
        "rules": rules,
        "year": year,
        "agreed_this_year": rules is not None and rules.agreed_on.year == int(year),
    }
