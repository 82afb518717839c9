"""The thematic report as a small server-rendered SVG bar chart (no JavaScript).

Each bar has its theme name and its number written next to it, so the chart is readable
without colour; the page shows the same figures in a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 440
LABEL = 170
ROW = 26
TOP = 6


def theme_chart(rows: Sequence, *, chart_id: str = "themes") -> SafeString:
    """Horizontal bars: per theme, how many agreed reports mention it. "" when none does."""
    rows = [row for row in rows if row.report_count]
    if not rows:
        return mark_safe("")  # noqa: S308 - constant
    top = max(row.report_count for row in rows)
    span = WIDTH - LABEL - 40
    height = TOP * 2 + ROW * len(rows)
    title = _("Thema's in de gespreksverslagen")
    desc = _(
        "Per thema het aantal verslagen (met akkoord van de deelnemer) waarin het voorkomt. "
        "De tabel hieronder geeft dezelfde cijfers."
    )
    parts = [
        f'<svg class="chart theme-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW
        width = max(2.0, span * row.report_count / top)
        name = str(row.theme.name)
        if len(name) > 26:
            name = name[:25] + "…"
        parts.append(
            f'<text class="label" x="{LABEL - 6}" y="{y + 17}" text-anchor="end">'
            f"{escape(name)}</text>"
            f'<rect class="bar" x="{LABEL}" y="{y + 4}" width="{width:.1f}" height="{ROW - 8}"/>'
            f'<text class="value" x="{LABEL + width + 6:.1f}" y="{y + 17}">'
            f"{row.report_count}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every value is escaped above
