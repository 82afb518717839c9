"""The evaluation section of the network page: the next evaluation moment, the sub-goal
status a-i and links. Only for users with VIEW_EVALUATION on the network (the network page
itself already checked that the user may see the network). Three queries at most, whatever
the number of sessions or participants: transitions (none when the network page's timeline
is in the context), evaluations, judgements."""

from __future__ import annotations

from django import template
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.core.permissions import Cap, has_cap
from vangnet.network_evaluation.indicators import latest_judgements
from vangnet.network_evaluation.selectors import moment_rows, subgoal_status_row
from vangnet.networks.phases import PhaseTimeline

register = template.Library()

SOON_DAYS = 30
SYMBOLS = {"achieved": "✓", "partly": "±"}  # else "–"


def subgoal_items_html(subgoals) -> SafeString:
    """The <li> of sub-goals a-i with their symbols, as the section's loop over
    includes/judgement_symbol.html wrote them (that include per row was most of the
    section's template time on the network page). Every text escaped."""
    none = (
        '<span class="judgement judgement-none"><span aria-hidden="true">○</span>'
        f'<span class="visually-hidden">{escape(_("nog geen oordeel"))}</span></span>'
    )
    items = []
    for row in subgoals:
        judgement = row["judgement"]
        if judgement:
            value = judgement.judgement
            symbol = (
                f'<span class="judgement judgement-{escape(value)}"><span aria-hidden="true">'
                f'{SYMBOLS.get(value, "–")}</span><span class="visually-hidden">'
                f"{escape(judgement.get_judgement_display())}</span></span>"
            )
        else:
            symbol = none
        items.append(
            f'<li>{symbol}\n <span class="subgoal-letter">{escape(row["letter"])}</span> '
            f"{escape(row['title'])}</li>"
        )
    return mark_safe("".join(items))  # noqa: S308 - every value escaped above


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
        "subgoal_items": subgoal_items_html(subgoal_status_row(latest_judgements(network=network))),
        "can_write": has_cap(user, Cap.WRITE_EVALUATION),
        "soon": soon,
    }
