"""Server-rendered SVG fan chart of the recruitment forecast (no JavaScript).

The chart has role="img", a <title> and a <desc>; the page shows the same figures in a
table. Colour is not the only carrier: the bands are labelled in the legend text, the median
is a solid line with dots, the target a dashed line with a text label.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.core.markup import html_format, html_join

WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 40


def _points(xs: Sequence[float], ys: Sequence[float]) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))


def fan_chart(
    *,
    quantiles: Sequence[Sequence[float]],  # rows: 10, 25, 50, 75, 90 %; columns: months
    months: Sequence[dt.date],
    target: int,
    target_month: int,
    chart_id: str = "forecast",
) -> SafeString:
    count = len(months)
    top_value = max(max(max(row) for row in quantiles), target) + 2
    inner_w, inner_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + inner_w * i / max(1, count - 1)

    def y(value: float) -> float:
        return TOP + inner_h * (1 - value / top_value)

    xs = [x(i) for i in range(count)]
    q10, q25, q50, q75, q90 = quantiles

    def band(low, high, css):
        points = _points(xs + xs[::-1], [y(v) for v in high] + [y(v) for v in low][::-1])
        return html_format('<polygon class="{}" points="{}"/>', css, points)

    step = max(1, round(top_value / 5))
    grid = html_join(
        "",
        '<line class="fan-grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="fan-axis" x="{}" y="{}" text-anchor="end">{}</text>',
        (
            (LEFT, WIDTH - RIGHT, f"{y(v):.1f}", f"{y(v):.1f}", LEFT - 6, f"{y(v) + 4:.1f}", v)
            for v in range(0, int(top_value) + 1, step)
        ),
    )
    labels = html_join(
        "",
        '<text class="fan-axis" x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (f"{xs[i]:.1f}", HEIGHT - BOTTOM + 18, date_format(months[i], "M"))
            for i in range(0, count, 2 if count > 7 else 1)
        ),
    )
    dots = html_join(
        "",
        '<circle class="fan-median-dot" cx="{}" cy="{}" r="3"/>',
        ((f"{xs[i]:.1f}", f"{y(q50[i]):.1f}") for i in range(count)),
    )
    tx = xs[min(max(0, target_month), count - 1)]
    body = html_format(
        "{}{}{}"
        '<polyline class="fan-median" points="{}"/>{}'
        '<line class="fan-target" x1="{}" x2="{}" y1="{}" y2="{}"/>'
        '<text class="fan-label" x="{}" y="{}" text-anchor="end">{}</text>'
        '<line class="fan-deadline" x1="{}" x2="{}" y1="{}" y2="{}"/>{}',
        grid,
        band(q10, q90, "fan-outer"),
        band(q25, q75, "fan-inner"),
        _points(xs, [y(v) for v in q50]),
        dots,
        LEFT,
        WIDTH - RIGHT,
        f"{y(target):.1f}",
        f"{y(target):.1f}",
        WIDTH - RIGHT - 4,
        f"{y(target) - 6:.1f}",
        _("doel: %(n)s vaste deelnemers") % {"n": target},
        f"{tx:.1f}",
        f"{tx:.1f}",
        TOP,
        HEIGHT - BOTTOM,
        labels,
    )
    title = _("Verwachting van de vaste kern in de komende 12 maanden")
    desc = _(
        "Middelste lijn: de meest waarschijnlijke grootte. Donkere band: 50 van de 100 "
        "uitkomsten. Lichte band: 80 van de 100 uitkomsten. Streepjeslijn: het doel."
    )
    return html_format(
        '<svg class="chart fan-chart" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        desc,
        mark_safe(body),  # noqa: S308 - built only from html_format pieces
        id=chart_id,
    )
