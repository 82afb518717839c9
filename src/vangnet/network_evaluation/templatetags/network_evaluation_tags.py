"""The evaluation section of the network page: the next evaluation moment, the sub-goal
status a-i and links. Only for users with VIEW_EVALUATION on the network (the network page
itself already checked that the user may see the network). Three queries at most, whatever
the number of sessions or participants: transitions (none when the network page's timeline
is in the context), evaluations, judgements."""

from __future__ import annotations

from django import template
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.network_evaluation.indicators import latest_judgements
from vangnet.network_evaluation.selectors import moment_rows, subgoal_status_row
from vangnet.networks.phases import PhaseTimeline

register = template.Library()

SOON_DAYS = 30


@register.inclusion_tag("network_evaluation/includes/network_section.html", takes_context=True)
def network_evaluation_network_section(context, network):
    request = context.get("request")
    user = getattr(request, "user", None)
    if not has_cap(user, Cap.VIEW_EVALUATION):
        return {"visible": False, "network": network}
    today = timezone.localdate()
    timeline = context.get("timeline")
    if not isinstance(timeline, PhaseTimeline) or timeline.on != today:
        timeline = None
    rows, upcoming = moment_rows(network=network, today=today, timeline=timeline)
    next_row = next((row for row in rows if upcoming and row.moment.key == upcoming.key), None)
    # Offer "fill in" from a month before the due date; earlier it is only announced.
    soon = next_row is not None and (next_row.moment.due - today).days <= SOON_DAYS
    return {
        "visible": True,
        "network": network,
        "request": request,
        "today": today,
        "next": next_row,
        "done": [row for row in rows if row.done],
        "subgoals": subgoal_status_row(latest_judgements(network=network)),
        "can_write": has_cap(user, Cap.WRITE_EVALUATION),
        "soon": soon,
    }
