"""Simple server-rendered SVG bar charts for the reports (no JavaScript, no library).

Each chart has role="img", a <title> and a <desc>; the page shows the same figures in a
table next to it. Every bar carries its value as text, so colour is never needed to read it.
A hidden (suppressed) figure gets no bar, only its mark ("< 5" or "x"). Colours are
presentation attributes, so the same SVG prints in WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from vangnet.reports.suppression import Cell

WIDTH = 640
LABEL = 200
ROW = 26
BAR_COLOUR = "#1f5f8b"
TEXT_COLOUR = "#1b1b1b"


def bars_svg(
    *, chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, Cell | int | float]]
) -> SafeString:
    """Horizontal bars, one per (label, value) row."""
    cells = [(label, value if isinstance(value, Cell) else Cell(value)) for label, value in rows]
    biggest = max([cell.number for _label, cell in cells] + [1.0])
    span = WIDTH - LABEL - 70
    parts = []
    for index, (label, cell) in enumerate(cells):
        y = 6 + index * ROW
        length = span * cell.number / biggest if cell.shown else 0.0
        parts.append(
            (
                y + 16,
                LABEL - 8,
                label[:32],
                LABEL,
                y + 3,
                f"{length:.1f}",
                BAR_COLOUR,
                f"{LABEL + length + 6:.1f}",
                y + 16,
                cell.text,
            )
        )
    body = format_html_join(
        "",
        '<text x="{1}" y="{0}" text-anchor="end" font-size="13" fill="' + TEXT_COLOUR + '">'
        "{2}</text>"
        '<rect x="{3}" y="{4}" width="{5}" height="18" fill="{6}"></rect>'
        '<text x="{7}" y="{8}" font-size="13" fill="' + TEXT_COLOUR + '">{9}</text>',
        parts,
    )
    height = 12 + ROW * max(1, len(cells))
    return format_html(
        '<svg class="report-chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        body=mark_safe(body),  # noqa: S308 - built only from format_html pieces
    )
