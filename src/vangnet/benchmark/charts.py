"""The benchmark's bands as server-side SVG (no JavaScript, no library; like reports/charts.py).

One row per figure: a light bar from the 10th to the 90th percentile, a dark bar from the 25th
to the 75th, a line at the median, and a dot per own network. A hidden figure gets no bar,
only the words why. The page shows the same figures in a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.benchmark.metrics import Metric
from vangnet.benchmark.selectors import Band

WIDTH = 360
ROW = 64
TEXT = "#1b1b1b"
WIDE = "#b9d3e6"
MIDDLE = "#1f5f8b"
OWN = "#c0392b"
FONT = 14  # drawing units: the chart is ~330 px wide on a 360 px phone, so text >= 12 px


def value_text(spec: Metric, value: float | None) -> str:
    if value is None:
        return "–"
    if spec.percent:
        return f"{round(100 * value)}%"
    text = f"{value:.1f}".replace(".", ",").removesuffix(",0")
    return f"+{text}" if spec.low < 0 and value > 0 else text


def _x(spec: Metric, value: float) -> float:
    share = (min(spec.high, max(spec.low, value)) - spec.low) / (spec.high - spec.low)
    return round(share * WIDTH, 1)


def bands_svg(*, chart_id: str, title: str, desc: str, bands: Sequence[Band]) -> SafeString:
    parts: list[str] = []
    for index, band in enumerate(bands):
        y = 30 + index * ROW
        spec = band.spec
        parts.append(
            format_html(
                '<text x="0" y="{}" font-size="{}" fill="{}">{}</text>',
                y + 12,
                FONT,
                TEXT,
                band.title,
            )
        )
        parts.append(
            format_html(
                '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="#767676" stroke-width="1"></line>'
                '<text x="0" y="{}" font-size="14" fill="{}">{}</text>'
                '<text x="{}" y="{}" font-size="14" fill="{}" text-anchor="end">{}</text>',
                WIDTH,
                y + 34,
                y + 34,
                y + 52,
                TEXT,
                value_text(spec, spec.low),
                WIDTH,
                y + 52,
                TEXT,
                value_text(spec, spec.high),
            )
        )
        if band.published and band.percentiles:
            p = band.percentiles
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="12" fill="{}"></rect>'
                    '<rect x="{}" y="{}" width="{}" height="12" fill="{}"></rect>'
                    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="3"></line>',
                    _x(spec, p[10]),
                    y + 22,
                    max(1.0, _x(spec, p[90]) - _x(spec, p[10])),
                    WIDE,
                    _x(spec, p[25]),
                    y + 22,
                    max(1.0, _x(spec, p[75]) - _x(spec, p[25])),
                    MIDDLE,
                    _x(spec, p[50]),
                    _x(spec, p[50]),
                    y + 18,
                    y + 38,
                    TEXT,
                )
            )
        else:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="14" fill="{}" text-anchor="middle">{}</text>',
                    WIDTH / 2,
                    y + 30,
                    TEXT,
                    _("niet getoond (te weinig organisaties of netwerken)"),
                )
            )
        parts.append(
            format_html_join(
                "",
                '<circle cx="{}" cy="{}" r="4" fill="' + OWN + '"></circle>',
                ((_x(spec, value), y + 28) for value in band.own),
            )
        )
    height = 30 + ROW * max(1, len(bands))
    return format_html(
        '<svg class="report-chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<text x="0" y="18" font-size="16" font-weight="700" fill="' + TEXT + '" '
        'aria-hidden="true">{title}</text>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        body=mark_safe("".join(parts)),  # noqa: S308 - built only from format_html pieces
    )
