"""A dumbbell chart of the meedoen score one year ago and now, one row per participant.

Server-rendered SVG without JavaScript. "Then" is an open circle, "now" a filled square, so
the chart reads without colour; participants are numbered, never named. The page shows the
same numbers in a table.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 460
LEFT = 118
RIGHT = 16
TOP = 40
ROW = 22
AXIS = 30


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def participant_label(index: int) -> str:
    return _("Deelnemer %(number)s") % {"number": index + 1}


def dumbbell_chart(pairs: Sequence[tuple[int, int]], *, chart_id: str = "meedoen") -> SafeString:
    """SVG of (then, now) pairs; "" when there are none."""
    if not pairs:
        return mark_safe("")  # noqa: S308 - constant
    height = TOP + len(pairs) * ROW + AXIS
    span = WIDTH - LEFT - RIGHT

    def x(value: float) -> float:
        return LEFT + value / 10 * span

    title = _("Meedoen: een jaar geleden en nu")
    desc = _(
        "Voor %(n)d deelnemers het cijfer voor meedoen (0 tot 10) een jaar geleden (open "
        "rondje) en nu (dicht vierkantje). De tabel hieronder geeft dezelfde cijfers."
    ) % {"n": len(pairs)}
    then_label = _("een jaar geleden")
    now_label = _("nu")
    parts = [
        f'<svg class="chart q-dumbbell" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        # legend
        f'<circle class="then" cx="{LEFT + 6}" cy="14" r="5"/>',
        f'<text x="{LEFT + 16}" y="18">{escape(then_label)}</text>',
        f'<rect class="now" x="{LEFT + 170}" y="9" width="10" height="10"/>',
        f'<text x="{LEFT + 186}" y="18">{escape(now_label)}</text>',
    ]
    bottom = TOP + len(pairs) * ROW
    for tick in range(0, 11, 2):
        parts.append(
            f'<line class="grid" x1="{_fmt(x(tick))}" x2="{_fmt(x(tick))}" y1="{TOP - 4}" '
            f'y2="{bottom}"/><text class="tick" x="{_fmt(x(tick))}" y="{bottom + 16}" '
            f'text-anchor="middle">{tick}</text>'
        )
    for index, (then, now) in enumerate(pairs):
        y = TOP + index * ROW + ROW / 2
        label = participant_label(index)
        change = "up" if now > then else ("down" if now < then else "same")
        parts.append(
            f'<g class="row {change}"><text x="0" y="{_fmt(y + 4)}">{escape(label)}</text>'
            f'<line class="link" x1="{_fmt(x(then))}" x2="{_fmt(x(now))}" y1="{_fmt(y)}" '
            f'y2="{_fmt(y)}"/><circle class="then" cx="{_fmt(x(then))}" cy="{_fmt(y)}" r="5"/>'
            f'<rect class="now" x="{_fmt(x(now) - 5)}" y="{_fmt(y - 5)}" width="10" '
            f'height="10"/></g>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text is escaped above
