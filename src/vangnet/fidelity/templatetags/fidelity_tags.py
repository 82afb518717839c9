"""The fidelity section of the network page. The score reads four quarters of figures, so
the page itself only places the section (no query) and the browser loads its content from
`fidelity:network` (htmx, on load); without JavaScript the link opens the same content as
a page. Only for users with VIEW_EVALUATION (the network page already checked that the user
may see the network)."""

from __future__ import annotations

from django import template

from vangnet.core.permissions import Cap, has_cap

register = template.Library()


@register.inclusion_tag("fidelity/includes/network_section.html", takes_context=True)
def fidelity_network_section(context, network):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"visible": has_cap(user, Cap.VIEW_EVALUATION), "network": network, "loaded": False}


@register.filter
def percent(value):
    """A share 0..1 as "73%"; "—" for none."""
    return "—" if value is None else f"{round(value * 100)}%"
