"""The planning section of the network page: hours against the rule's norm and the
recruitment forecast. A bounded number of queries (the rates are cached for the day)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.planning import selectors
from vangnet.planning.forecast_selectors import network_forecast

register = template.Library()

MAX_INVITATIONS = 30.0


def _invitations(request) -> float | None:
    """The planned invitations a month from the query string; None when absent or odd."""
    if request is None:
        return None
    raw = request.GET.get("uitnodigingen", "").replace(",", ".").strip()
    try:
        value = float(raw)
    except ValueError:
        return None
    if not 0 <= value <= MAX_INVITATIONS:  # also refuses nan and inf
        return None
    return value


@register.inclusion_tag("planning/includes/network_section.html", takes_context=True)
def planning_network_section(context, network):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not has_cap(user, Cap.VIEW_NETWORK_REPORTS):
        return {"network": network, "visible": False}
    today = timezone.localdate()
    # Reuse what the network page already read (networks.selectors.network_page).
    route_counts = context.get("route_counts")
    stage_counts = (
        {str(item["stage"]): item["count"] for item in route_counts} if route_counts else None
    )
    activities = (context.get("activities") or {}).get("current")
    facts = selectors.network_facts(
        network=network, today=today, stage_counts=stage_counts, activities=activities
    )
    norm = selectors.network_norm(network=network, facts=facts)
    weeks = selectors.hours_against_norm(network=network, norm=norm.hours_per_week, today=today)
    registered = [week for week in weeks if week.registered]
    last_four = weeks[-4:]
    return {
        "visible": True,
        "network": network,
        "request": request,
        "facts": facts,
        "norm": norm,
        "weeks": weeks,
        "any_hours": bool(registered),
        "registered_count": len(registered),
        # "Volgens plan" is judged on the registered weeks only.
        "below": [week for week in last_four if week.below],
        "unregistered_recent": [week for week in last_four if not week.registered],
        "can_record": has_cap(user, Cap.RECORD_WORKER_HOURS),
        "forecast": network_forecast(
            network=network,
            today=today,
            invitations=_invitations(request),
            timeline=context.get("timeline"),
            routes=context.get("participant_routes"),
        ),
    }
