"""The reports section of the network page: a link to the network's annual report."""

from __future__ import annotations

from django import template

from vangnet.core.permissions import Cap, has_cap

register = template.Library()


@register.inclusion_tag("reports/includes/network_section.html", takes_context=True)
def reports_network_section(context, network):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"network": network, "visible": has_cap(user, Cap.VIEW_NETWORK_REPORTS)}
