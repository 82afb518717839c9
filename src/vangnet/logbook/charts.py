"""The balances of recent weeks as a small server-rendered SVG (no JavaScript).

Four panels, one per balance, each with its own title and pole labels, so the chart is
readable without colour. The page shows the same numbers in a table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.logbook.models import BALANCES
from vangnet.logbook.selectors import WeekBalance

WIDTH = 440
LEFT = 136
RIGHT = 16
TOP = 8
TITLE = 34
PANEL = 60
AXIS = 34


def describe(value: int | None, left: str, right: str) -> str:
    """A value in words: -2 'veel stabiliteit', 0 'in balans', 1 'wat meer spontaniteit'."""
    if value is None:
        return _("niet ingevuld")
    if value == 0:
        return _("in balans")
    pole = (left if value < 0 else right).lower()
    if abs(value) == 1:
        return _("wat meer %(pole)s") % {"pole": pole}
    return _("veel %(pole)s") % {"pole": pole}


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def balance_chart(weeks: Sequence[WeekBalance], *, chart_id: str = "balances") -> SafeString:
    """SVG of the balances per week (oldest left); "" when no week has a reflection."""
    if not weeks or all(week.reflection is None for week in weeks):
        return mark_safe("")  # noqa: S308 - constant
    count = len(weeks)
    step = (WIDTH - LEFT - RIGHT) / count
    height = TOP + len(BALANCES) * (TITLE + PANEL) + AXIS
    filled = sum(week.reflection is not None for week in weeks)
    title = _("Balansen per week")
    desc = _(
        "De vier balansen van week %(first)s tot en met week %(last)s, elk van -2 (eerste "
        "kant) tot +2 (tweede kant). Ingevuld in %(filled)d van de %(count)d weken. "
        "De tabel hieronder geeft dezelfde cijfers."
    ) % {"first": weeks[0].label, "last": weeks[-1].label, "filled": filled, "count": count}
    parts = [
        f'<svg class="chart balance-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]

    def x(index: int) -> float:
        return LEFT + (index + 0.5) * step

    for number, (field, left, right) in enumerate(BALANCES):
        top = TOP + number * (TITLE + PANEL) + TITLE

        def y(value: int, top: float = top) -> float:
            return top + (2 - value) / 4 * PANEL

        heading = f"{left} – {right}"
        parts.append(
            f'<text class="panel-title" x="0" y="{_fmt(top - 8)}">{escape(heading)}</text>'
        )
        parts.append(
            f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_fmt(y(2))}" '
            f'y2="{_fmt(y(2))}"/><line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
            f'y1="{_fmt(y(-2))}" y2="{_fmt(y(-2))}"/><line class="zero" x1="{LEFT}" '
            f'x2="{WIDTH - RIGHT}" y1="{_fmt(y(0))}" y2="{_fmt(y(0))}"/>'
        )
        for mark, label in ((2, f"{right} +2"), (0, "0"), (-2, f"{left} −2")):
            parts.append(
                f'<text class="pole" x="{LEFT - 6}" y="{_fmt(y(mark) + 4)}" '
                f'text-anchor="end">{escape(label)}</text>'
            )
        segment: list[str] = []
        segments: list[list[str]] = []
        points = []
        for index, week in enumerate(weeks):
            value = week.value(field)
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            point = f"{_fmt(x(index))},{_fmt(y(value))}"
            segment.append(point)
            points.append((index, value, week))
        if segment:
            segments.append(segment)
        for line in segments:
            if len(line) > 1:
                parts.append(f'<polyline class="balance-line" points="{" ".join(line)}"/>')
        for index, value, week in points:
            tip = _("week %(week)s: %(value)+d, %(words)s") % {
                "week": week.label,
                "value": value,
                "words": describe(value, str(left), str(right)),
            }
            parts.append(
                f'<circle class="balance-point" cx="{_fmt(x(index))}" cy="{_fmt(y(value))}" '
                f'r="4"><title>{escape(tip)}</title></circle>'
            )
    bottom = TOP + len(BALANCES) * (TITLE + PANEL) + 20
    every = max(1, round(count / 12))
    parts.append(
        f'<text class="pole" x="{LEFT - 6}" y="{bottom}" text-anchor="end">'
        f"{escape(_('week'))}</text>"
    )
    for index, week in enumerate(weeks):
        if index % every == 0 or index == count - 1:
            parts.append(
                f'<text class="week" x="{_fmt(x(index))}" y="{bottom}" '
                f'text-anchor="middle">{escape(week.label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part is escaped above
