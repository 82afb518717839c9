from django import template
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.support import charts
from vangnet.support.measures import QUARTER, period_measures_cached, periods_between

register = template.Library()

QUARTERS_SHOWN = 8


@register.inclusion_tag("support/includes/network_section.html", takes_context=True)
def support_network_section(context, network):
    """Reciprocity and isolates per quarter: figures only, no names (two small queries when
    the figures are in the cache, one more when they are not)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    rows = []
    if network.start_date <= today:
        start = periods_between(QUARTER, network.start_date, today)[-QUARTERS_SHOWN:][0].start
        measured = period_measures_cached(
            network=network, kind=QUARTER, start=max(start, network.start_date), end=today
        )
        if any(m.tie_count for _period, m in measured):
            rows = [
                {
                    "label": period.label,
                    "ties": m.tie_count,
                    "reciprocity": charts.percent(m.reciprocity),
                    "reciprocity_value": m.reciprocity,
                    "isolates": len(m.isolates),
                    "nodes": m.nodes,
                }
                for period, m in measured
            ]
    svg = charts.reciprocity_svg(
        [(row["label"], row["reciprocity_value"], row["isolates"]) for row in rows]
    )
    return {
        "network": network,
        "request": request,
        "rows": rows,
        "svg": svg if rows else "",
        "can_view_ties": has_cap(user, Cap.VIEW_PARTICIPANTS),
        "can_record_ties": has_cap(user, Cap.EDIT_PARTICIPANTS),
    }
