"""Server-rendered SVG for a participant's route (no JavaScript, no chart library).

The timeline is readable without colour: every step carries its number (the same number
as in the list beside it) and, where there is room, its name.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.core.markup import html_format
from vangnet.participants.models import RouteStage
from vangnet.participants.route import Route

WIDTH = 640
LEFT = 8
RIGHT = 8
BAR_Y = 30
BAR_H = 26
NUMBER_GAP = 16


def _label(stage: str) -> str:
    try:
        return str(RouteStage(stage).label)
    except ValueError:
        return stage


def route_timeline_svg(route: Route, *, name: str = "") -> SafeString:
    """The route as a horizontal bar of stages from the first dated step to today."""
    dated = [
        (i, step, step.start)
        for i, step in enumerate(route.steps, start=1)
        if step.start is not None
    ]
    if not dated:
        return mark_safe("")  # noqa: S308 - empty string
    start = min(day for _, _step, day in dated)
    end = max(route.today, max(day for _, _step, day in dated))
    span = max(1, (end - start).days)
    usable = WIDTH - LEFT - RIGHT

    def x(day: dt.date) -> float:
        return LEFT + usable * (day - start).days / span

    title = _("Route van %(name)s") % {"name": name} if name else _("Route van de deelnemer")
    parts = []
    desc = []
    last_number_x: float = -NUMBER_GAP
    for index, (number, step, step_start) in enumerate(dated):
        until = dated[index + 1][2] if index + 1 < len(dated) else end
        x0, x1 = x(step_start), x(until)
        width = max(2.0, x1 - x0)
        label = _label(step.stage)
        period = _("%(label)s vanaf %(date)s") % {
            "label": label,
            "date": date_format(step_start, "j M Y"),
        }
        desc.append(f"{number}. {period}")
        parts.append(
            html_format(
                '<rect class="route-stage route-{}" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}</title></rect>",
                step.stage,
                f"{x0:.1f}",
                BAR_Y,
                f"{width:.1f}",
                BAR_H,
                period,
            )
        )
        parts.append(
            html_format(
                '<line class="route-tick" x1="{0}" y1="{1}" x2="{0}" y2="{2}"></line>',
                f"{x0:.1f}",
                BAR_Y - 14,
                BAR_Y + BAR_H,
            )
        )
        if x0 - last_number_x >= NUMBER_GAP:  # numbers too close together would overlap
            last_number_x = x0
            parts.append(
                html_format(
                    '<text class="route-number" x="{}" y="22">{}</text>', f"{x0 + 3:.1f}", number
                )
            )
        if width > 8 * len(label) + 8:
            parts.append(
                html_format(
                    '<text class="route-label route-label-{}" x="{}" y="{}">{}</text>',
                    step.stage,
                    f"{x0 + 4:.1f}",
                    BAR_Y + 17,
                    label,
                )
            )
    axis_y = BAR_Y + BAR_H + 18
    parts.append(
        html_format(
            '<text class="route-axis" x="{}" y="{}">{}</text>'
            '<text class="route-axis" x="{}" y="{}" text-anchor="end">{}</text>',
            LEFT,
            axis_y,
            date_format(start, "j M Y"),
            WIDTH - RIGHT,
            axis_y,
            _("vandaag") if end == route.today else date_format(end, "j M Y"),
        )
    )
    return html_format(
        '<svg class="chart route-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="route-chart-title route-chart-desc" focusable="false">'
        '<title id="route-chart-title">{}</title><desc id="route-chart-desc">{}</desc>'
        "{}</svg>",
        WIDTH,
        axis_y + 8,
        title,
        "; ".join(desc),
        mark_safe("".join(escape(p) if not isinstance(p, SafeString) else p for p in parts)),  # noqa: S308
    )
