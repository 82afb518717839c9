"""Simple server-rendered SVG bar charts for the reports (no JavaScript, no library).

Each chart has role="img", a <title> (also written visibly above the bars, so a printed
chart keeps its title) and a <desc>; the page shows the same figures in a
table next to it. Every bar carries its value as text, so colour is never needed to read it.
A hidden (suppressed) figure gets no bar, only its mark ("< 5" or "x"). Colours are
presentation attributes, so the same SVG prints in WeasyPrint.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from vangnet.reports.suppression import Cell

# Narrow enough that 13-unit text renders at 12 px or more on a 390 px phone; the label
# sits above its bar, so long names need no room to the left.
WIDTH = 360
ROW = 42
HEADING = 26  # the visible title above the bars
BAR_COLOUR = "#1f5f8b"
TEXT_COLOUR = "#1b1b1b"
FONT = 13


def bars_svg(
    *, chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, Cell | int | float]]
) -> SafeString:
    """Horizontal bars, one per (label, value) row: the label above, the value after the bar."""
    cells = [(label, value if isinstance(value, Cell) else Cell(value)) for label, value in rows]
    biggest = max([cell.number for _label, cell in cells] + [1.0])
    span = WIDTH - 64
    parts = []
    for index, (label, cell) in enumerate(cells):
        y = HEADING + 4 + index * ROW
        length = span * cell.number / biggest if cell.shown else 0.0
        parts.append(
            (
                y + 14,
                label[:44],
                y + 19,
                f"{length:.1f}",
                BAR_COLOUR,
                f"{length + 6:.1f}",
                y + 33,
                cell.text,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{0}" font-size="' + str(FONT) + '" fill="' + TEXT_COLOUR + '">{1}</text>'
        '<rect x="0" y="{2}" width="{3}" height="18" fill="{4}"></rect>'
        '<text x="{5}" y="{6}" font-size="'
        + str(FONT)
        + '" font-weight="700" fill="'
        + TEXT_COLOUR
        + '">{7}</text>',
        parts,
    )
    height = HEADING + 8 + ROW * max(1, len(cells))
    return format_html(
        '<svg class="report-chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<text x="0" y="18" font-size="15" font-weight="700" fill="' + TEXT_COLOUR + '" '
        'aria-hidden="true">{title}</text>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        body=mark_safe(body),  # noqa: S308 - built only from format_html pieces
    )
