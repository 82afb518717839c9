"""The client's own score for one goal over time as a small server-side SVG line (1 to 10
upwards, dates left to right); the page shows the same scores as a table."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vangnet.myspace.client_selectors import GoalRow
from vangnet.support.charts import _f, _svg

WIDTH = 320
HEIGHT = 190
LEFT, RIGHT, TOP, BOTTOM = 34.0, 16.0, 14.0, 34.0


def _y(score: int) -> float:
    return TOP + (10 - score) * (HEIGHT - TOP - BOTTOM) / 9


def goal_line_svg(row: GoalRow, *, chart_id: str) -> SafeString:
    """One line through the client's scores; every score a dot with its number."""
    ratings = row.ratings
    parts = []
    for score in (1, 5, 10):
        parts.append(
            format_html(
                '<line class="goal-grid" x1="{a}" y1="{y}" x2="{b}" y2="{y}"/>'
                '<text class="goal-axis" x="{t}" y="{ty}" text-anchor="end">{s}</text>',
                a=_f(LEFT),
                b=_f(WIDTH - RIGHT),
                y=_f(_y(score)),
                t=_f(LEFT - 8),
                ty=_f(_y(score) + 5),
                s=score,
            )
        )
    span = max(1, (ratings[-1][0] - ratings[0][0]).days) if ratings else 1
    inner = WIDTH - LEFT - RIGHT
    points = []
    for day, score in ratings:
        x = (
            LEFT + inner / 2
            if len(ratings) == 1
            else LEFT + inner * (day - ratings[0][0]).days / span
        )
        points.append((x, _y(score), score))
    if len(points) > 1:
        path = " ".join(f"{_f(x)},{_f(y)}" for x, y, _score in points)
        parts.append(format_html('<polyline class="goal-line" points="{}"/>', path))
    for x, y, score in points:
        parts.append(
            format_html(
                '<circle class="goal-dot" cx="{x}" cy="{y}" r="6"/>'
                '<text class="goal-value" x="{x}" y="{ty}" text-anchor="middle">{s}</text>',
                x=_f(x),
                y=_f(y),
                ty=_f(y - 11 if score < 10 else y + 22),
                s=score,
            )
        )
    if ratings:
        first, last = ratings[0][0], ratings[-1][0]
        parts.append(
            format_html(
                '<text class="goal-axis" x="{x}" y="{y}" text-anchor="start">{d}</text>',
                x=_f(LEFT),
                y=_f(HEIGHT - 10),
                d=date_format(first, "j M"),
            )
        )
        if last != first:
            parts.append(
                format_html(
                    '<text class="goal-axis" x="{x}" y="{y}" text-anchor="end">{d}</text>',
                    x=_f(WIDTH - RIGHT),
                    y=_f(HEIGHT - 10),
                    d=date_format(last, "j M"),
                )
            )
    if ratings:
        desc = _("Je gaf dit doel %(n)s keer een cijfer. Eerst een %(first)s, nu een %(last)s.") % {
            "n": len(ratings),
            "first": row.first,
            "last": row.latest,
        }
    else:
        desc = _("Je gaf dit doel nog geen cijfer.")
    return _svg(
        chart_id=chart_id,
        width=WIDTH,
        height=HEIGHT,
        title=_("Jouw cijfers voor: %(goal)s") % {"goal": row.text},
        desc=desc,
        body="".join(str(part) for part in parts),
        css="goal-chart",
    )
