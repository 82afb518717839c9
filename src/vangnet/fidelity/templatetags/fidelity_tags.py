"""The fidelity section of the network page. The score reads four quarters of figures, so
the page itself only places the section (no query) and the browser loads its content from
`fidelity:network` (htmx, on load); without JavaScript the link opens the same content as
a page. Only for users with VIEW_EVALUATION (the network page already checked that the user
may see the network)."""

from __future__ import annotations

from django import template

from vangnet.core.permissions import Cap, has_cap
from vangnet.fidelity.selectors import fidelity_by_network

register = template.Library()


@register.inclusion_tag("fidelity/includes/network_section.html", takes_context=True)
def fidelity_network_section(context, network):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"visible": has_cap(user, Cap.VIEW_EVALUATION), "network": network, "loaded": False}


@register.inclusion_tag("fidelity/includes/report_section.html")
def fidelity_report_section(figures, pdf=False):
    """The organisation report's section: the networks of the report (its filters) with
    their score per quarter up to the end of its period, weakest component, next step."""
    if figures is None or not figures.rows:
        return {"networks": []}
    networks = fidelity_by_network(
        organisation=figures.organisation,
        today=figures.as_of,
        network_ids=[row.network_id for row in figures.rows],
    )
    quarters = [quarter.label for quarter in networks[0].trend] if networks else []
    return {"networks": networks, "quarters": quarters, "link": not pdf}


@register.filter
def percent(value):
    """A share 0..1 as "73%"; "—" for none."""
    return "—" if value is None else f"{round(value * 100)}%"
