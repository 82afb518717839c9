"""The worker's profile, the first and the latest self-assessment side by side.

Server-rendered SVG like the other charts: one row per point of the profile, its short name
on a line of its own (readable on a phone), then a line from the first score (open circle) to
the latest (filled square) on the scale 1-5. Reads without colour; the page gives the same
scores in a table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.growth.models import SCORE_MAX, SCORE_MIN
from vangnet.growth.selectors import Trend

WIDTH = 360
LEFT = 24
RIGHT = 24
TOP = 44
ROW = 48
AXIS = 28


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def profile_chart(trend: Trend, *, chart_id: str = "profiel") -> SafeString:
    """SVG of the trend's traits; "" without an assessment."""
    rows = [item for item in trend.traits if item.latest is not None]
    if not rows:
        return mark_safe("")  # noqa: S308 - constant
    height = TOP + len(rows) * ROW + AXIS
    span = WIDTH - LEFT - RIGHT

    def x(score: float) -> float:
        return LEFT + (score - SCORE_MIN) / (SCORE_MAX - SCORE_MIN) * span

    one = trend.count == 1
    title = _("Het profiel: eerste en laatste zelfbeoordeling")
    if one:
        desc = _("De scores van 1 tot 5 van de eerste zelfbeoordeling, per punt van het profiel.")
    else:
        desc = _(
            "Per punt van het profiel de score van 1 tot 5 bij de eerste zelfbeoordeling (open "
            "rondje) en bij de laatste (dicht vierkantje). De tabel geeft dezelfde scores."
        )
    parts = [
        f'<svg class="chart q-dumbbell growth-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    if not one:
        parts += [
            f'<circle class="then" cx="{LEFT + 6}" cy="16" r="6"/>',
            f'<text x="{LEFT + 18}" y="21">{escape(_("eerste keer"))}</text>',
            f'<rect class="now" x="{LEFT + 150}" y="10" width="12" height="12"/>',
            f'<text x="{LEFT + 168}" y="21">{escape(_("laatste keer"))}</text>',
        ]
    bottom = TOP + len(rows) * ROW
    for score in range(SCORE_MIN, SCORE_MAX + 1):
        parts.append(
            f'<line class="grid" x1="{_fmt(x(score))}" x2="{_fmt(x(score))}" y1="{TOP}" '
            f'y2="{bottom}"/><text class="tick" x="{_fmt(x(score))}" y="{bottom + 20}" '
            f'text-anchor="middle">{score}</text>'
        )
    for index, item in enumerate(rows):
        top = TOP + index * ROW
        y = top + 34
        latest = item.latest if item.latest is not None else SCORE_MIN
        first = item.first if item.first is not None else latest
        change = "up" if latest > first else ("down" if latest < first else "same")
        parts.append(f'<g class="row {change}"><text x="{LEFT}" y="{top + 16}">')
        parts.append(f"{escape(item.short)}</text>")
        if not one:
            parts.append(
                f'<line class="link" x1="{_fmt(x(first))}" x2="{_fmt(x(latest))}" '
                f'y1="{y}" y2="{y}"/><circle class="then" cx="{_fmt(x(first))}" cy="{y}" r="6"/>'
            )
        parts.append(
            f'<rect class="now" x="{_fmt(x(latest) - 6)}" y="{y - 6}" width="12" height="12"/></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
