"""Contacts with the informal network over time, per month, as server-rendered SVG.

One row per month (readable on a phone): the month on a line of its own, a bar for the
number of contacts (contacts logged on the map plus network conversations), and below it the
reviews of agreements as squares: filled = kept, half = partly, open = not kept. Reads
without colour; the page gives the same numbers in a table."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.support.group_selectors import MonthRow
from vangnet.support.models import Kept

WIDTH = 360
LEFT = 12
ROW = 76
TOP = 40
SQUARE = 14


def contacts_chart(months: list[MonthRow], *, chart_id: str = "contacten") -> SafeString:
    """SVG of the months; "" when nothing happened in the last year."""
    if not months:
        return mark_safe("")  # noqa: S308 - constant
    most = max(1, *(row.contacts for row in months))
    span = WIDTH - LEFT - 60
    height = TOP + len(months) * ROW
    title = _("Contact met het netwerk per maand")
    desc = _(
        "Per maand een balk met het aantal contacten met het netwerk en daaronder de "
        "terugblikken op afspraken: een vol vierkantje is nagekomen, half is deels, leeg is "
        "niet nagekomen. De tabel geeft dezelfde aantallen."
    )
    parts = [
        f'<svg class="chart group-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect class="kept-yes" x="{LEFT}" y="8" width="{SQUARE}" height="{SQUARE}"/>',
        f'<text x="{LEFT + 20}" y="21">{escape(_("nagekomen"))}</text>',
        f'<rect class="kept-partly" x="{LEFT + 130}" y="8" width="{SQUARE}" height="{SQUARE}"/>',
        f'<text x="{LEFT + 150}" y="21">{escape(_("deels"))}</text>',
        f'<rect class="kept-no" x="{LEFT + 220}" y="8" width="{SQUARE}" height="{SQUARE}"/>',
        f'<text x="{LEFT + 240}" y="21">{escape(_("niet"))}</text>',
    ]
    for index, row in enumerate(months):
        top = TOP + index * ROW
        label = date_format(row.month, "F Y")
        width = round(row.contacts / most * span, 1)
        parts.append(f'<g class="month"><text x="{LEFT}" y="{top + 16}">{escape(label)}</text>')
        if width:
            parts.append(
                f'<rect class="contacts" x="{LEFT}" y="{top + 24}" width="{width}" height="16"/>'
            )
        parts.append(
            f'<text class="count" x="{LEFT + width + 6}" y="{top + 38}">{row.contacts}</text>'
        )
        x = LEFT
        for kept in (Kept.YES, Kept.PARTLY, Kept.NO):
            for _n in range(min(row.kept[kept], 14)):
                parts.append(
                    f'<rect class="kept-{kept}" x="{x}" y="{top + 48}" '
                    f'width="{SQUARE}" height="{SQUARE}"/>'
                )
                x += SQUARE + 6
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
