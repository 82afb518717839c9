"""The people around a network on the network page (one query)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.volunteers import selectors

register = template.Library()


@register.inclusion_tag("volunteers/includes/network_section.html", takes_context=True)
def volunteers_network_section(context: Any, network: Any) -> dict[str, Any]:
    user = getattr(context.get("request"), "user", None)
    if not has_cap(user, Cap.VIEW_NETWORK):
        return {"visible": False}
    active = selectors.active_helpers(network=network, today=timezone.localdate())
    return {
        "visible": True,
        "network": network,
        "active": active,
        "hours": selectors.helper_hours(active),
    }
