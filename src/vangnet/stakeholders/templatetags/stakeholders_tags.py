"""The parties and agreements of a network on the network page (read only, four queries):
the coordinator keeps them on the parties pages, the network's workers see them here."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.stakeholders import selectors

register = template.Library()


@register.inclusion_tag("stakeholders/includes/network_section.html", takes_context=True)
def stakeholders_network_section(context: Any, network: Any) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    # Steering information of the network, like its plan and sociogram: not for a network
    # helper, who sees the network only to record its sessions (docs/stakeholders.md).
    if not has_cap(user, Cap.VIEW_NETWORK_REPORTS):
        return {"visible": False}
    today = timezone.localdate()
    found = selectors.network_stakeholders(network=network, today=today)
    return {
        "visible": True,
        "network": network,
        "parties": found.parties,
        "overdue": [row for row in found.agreements if selectors.is_overdue(row, today)],
        "open": [row for row in found.agreements if not selectors.is_overdue(row, today)],
        "meetings": found.meetings,
        "can_manage": has_cap(user, Cap.MANAGE_STAKEHOLDERS),
    }
