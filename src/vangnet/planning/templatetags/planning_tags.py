"""The planning section of the network page: hours against the rule's norm and the
recruitment forecast. A bounded number of queries (the rates are cached for the day)."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

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


def hours_rows_html(weeks) -> SafeString:
    """The rows of the "hours per week" table, as the section's template loop wrote them
    (Python: the network page is a hot page, issue 21). Every text escaped."""
    words = {key: escape(_(key)) for key in ("niet ingevuld", "onbekend", "ja", "nee")}
    rows = []
    for week in weeks:
        hours = escape(floatformat(week.hours, "-2")) if week.registered else words["niet ingevuld"]
        below = (
            words["onbekend"]
            if not week.registered
            else (words["ja"] if week.below else words["nee"])
        )
        rows.append(
            f'<tr><th scope="row">{escape(localize(week.iso_week))} '
            f"({escape(date_filter(week.monday, 'j M'))})</th><td>{hours}</td>"
            f"<td>{escape(floatformat(week.norm, '-1'))}</td><td>{below}</td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value escaped above


def forecast_rows_html(rows) -> SafeString:
    """The rows of the forecast table (month and five quantiles), as the template wrote them."""
    cells = []
    for month, *quantiles in rows:
        figures = "".join(f"<td>{escape(localize(value))}</td>" for value in quantiles)
        cells.append(f'<tr><th scope="row">{escape(date_filter(month, "F Y"))}</th>{figures}</tr>')
    return mark_safe("".join(cells))  # noqa: S308 - every value escaped above


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
    forecast = network_forecast(
        network=network,
        today=today,
        invitations=_invitations(request),
        timeline=context.get("timeline"),
        routes=context.get("participant_routes"),
    )
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
        "hours_rows": hours_rows_html(weeks),
        "forecast": forecast,
        "forecast_rows": forecast_rows_html(forecast["rows"]),
    }
