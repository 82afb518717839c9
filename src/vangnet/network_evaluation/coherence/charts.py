"""The model of coherence as server-rendered SVG (no JavaScript).

`coherence_chart` draws the whole model top to bottom, 340 units wide, so it fits a phone
without scrolling and its text (13 and 12 units) renders at 12 px or more: each building
block with its logbook entries, an arrow to each of its sub-goals with the judgement (a
word, and a shape: filled, half, open, dashed) and the measured figure, the deepening
(f-i) and the main goal with the change in *meedoen*. `coherence_strip` is the compact
figure of one network on the coordinator's page. The page shows the same in a table.
"""

from __future__ import annotations

import datetime as dt
import textwrap

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.network_evaluation.coherence.model import DEEPENING, DEEPENING_TITLE, MAIN_GOAL
from vangnet.network_evaluation.coherence.selectors import Coherence, SubgoalEvidence

WIDTH = 340
PAD = 6
SPINE = 20  # x of the vertical line from a block to its sub-goals
BOX_X = 36  # left edge of a sub-goal box
LINE = 16  # line height of 13-unit text
SMALL = 15  # line height of 12-unit text
TITLE_CHARS = 36  # 13-unit text in a sub-goal box (about 7 units a character)
NOTE_CHARS = 39
WIDE_CHARS = 41  # full-width boxes


def _fmt(number: float) -> str:
    return f"{number:.1f}".rstrip("0").rstrip(".")


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width=width, break_long_words=True) or [""]


def _text(x: float, y: float, lines: list[str], css: str, step: int) -> str:
    return "".join(
        f'<text class="{css}" x="{_fmt(x)}" y="{_fmt(y + index * step)}">{escape(line)}</text>'
        for index, line in enumerate(lines)
    )


def judgement_mark(row: SubgoalEvidence) -> str:
    return row.judgement or "none"


def _block_note(entries: int, last: dt.date | None) -> str:
    if not entries:
        return _("geen logboekregels in deze periode")
    text = ngettext("%(n)d logboekregel", "%(n)d logboekregels", entries) % {"n": entries}
    if last is not None:
        text += ", " + _("laatste %(date)s") % {"date": date_format(last, "j M Y")}
    return text


def _subgoal_note(row: SubgoalEvidence) -> str:
    judgement = row.judgement_label or _("nog geen oordeel")
    if row.indicator is None:
        return judgement
    return f"{judgement} · {_('gemeten')}: {row.indicator.text}"


def _arrow(chart_id: str, x1: float, y1: float, x2: float, y2: float) -> str:
    return (
        f'<line class="link" x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" '
        f'marker-end="url(#{chart_id}-arrow)"/>'
    )


def _subgoal(chart_id: str, row: SubgoalEvidence, top: float) -> tuple[str, float]:
    """A sub-goal box at `top` with its letter mark; returns the SVG and its height."""
    title = _lines(f"{row.letter}  {row.title}", TITLE_CHARS)
    note = _lines(_subgoal_note(row), NOTE_CHARS)
    height = 10 + len(title) * LINE + len(note) * SMALL
    mark = judgement_mark(row)
    cx, cy = BOX_X + 16, top + height / 2
    parts = [
        f'<rect class="subgoal-box" x="{BOX_X}" y="{_fmt(top)}" width="{WIDTH - BOX_X - PAD}" '
        f'height="{_fmt(height)}" rx="6"/>',
        f'<circle class="mark mark-{mark}" cx="{_fmt(cx)}" cy="{_fmt(cy)}" r="9"/>',
    ]
    if mark == "partly":
        parts.append(
            f'<path class="mark-half" d="M{_fmt(cx)},{_fmt(cy - 9)} A9,9 0 0 0 {_fmt(cx)},'
            f'{_fmt(cy + 9)} Z"/>'
        )
    x = BOX_X + 32
    parts.append(_text(x, top + 17, title, "subgoal-title", LINE))
    parts.append(_text(x, top + 16 + len(title) * LINE, note, "note", SMALL))
    return "".join(parts), height


def _band(
    top: float, lines: list[str], css: str, note: list[str] | None = None
) -> tuple[str, float]:
    note = note or []
    height = 12 + len(lines) * LINE + len(note) * SMALL
    body = (
        f'<rect class="{css}" x="{PAD}" y="{_fmt(top)}" width="{WIDTH - 2 * PAD}" '
        f'height="{_fmt(height)}" rx="8"/>'
        + _text(PAD + 10, top + 18, lines, f"{css}-title", LINE)
        + _text(PAD + 10, top + 17 + len(lines) * LINE, note, f"{css}-note", SMALL)
    )
    return body, height


def _desc(coherence: Coherence) -> str:
    return _(
        "Van boven naar beneden: de drie bouwstenen van de sociaal werker met het aantal "
        "logboekregels van %(start)s tot en met %(end)s, de pijlen naar de subdoelen die ze "
        "dichterbij brengen, per subdoel het laatste oordeel en wat Vangnet mat, de verdieping "
        "(subdoelen f tot en met i) en het hoofddoel met de verandering in meedoen. "
        "%(achieved)d van de 9 subdoelen behaald, %(judged)d beoordeeld. "
        "De tabel onder de figuur geeft hetzelfde."
    ) % {
        "start": date_format(coherence.start, "j F Y"),
        "end": date_format(coherence.end, "j F Y"),
        "achieved": coherence.achieved,
        "judged": coherence.judged,
    }


def coherence_chart(coherence: Coherence, *, chart_id: str = "coherence") -> SafeString:
    """The whole model with this network's evidence on each link."""
    parts: list[str] = []
    y = float(PAD)
    for evidence in coherence.blocks:
        block = evidence.block
        body, height = _band(
            y,
            _lines(f"{block.number}  {block.title}", WIDE_CHARS),
            "block",
            _lines(_block_note(evidence.count.entries, evidence.count.last_date), WIDE_CHARS + 4),
        )
        parts.append(body)
        top = y + height
        y = top + 8
        for letter in block.subgoals:
            box, box_height = _subgoal(chart_id, coherence.subgoals[letter], y)
            middle = y + box_height / 2
            parts.append(_arrow(chart_id, SPINE, middle, BOX_X - 2, middle))
            parts.append(
                f'<line class="spine" x1="{SPINE}" y1="{_fmt(top)}" x2="{SPINE}" '
                f'y2="{_fmt(middle)}"/>'
            )
            parts.append(box)
            top = middle
            y += box_height + 6
        y += 8
    parts.append(_arrow(chart_id, WIDTH / 2, y - 10, WIDTH / 2, y + 14))
    y += 18
    body, height = _band(y, _lines(str(DEEPENING_TITLE), WIDE_CHARS), "deepening")
    parts.append(body)
    top = y + height
    y = top + 8
    for letter in DEEPENING:
        box, box_height = _subgoal(chart_id, coherence.subgoals[letter], y)
        middle = y + box_height / 2
        parts.append(
            f'<line class="spine" x1="{SPINE}" y1="{_fmt(top)}" x2="{SPINE}" y2="{_fmt(middle)}"/>'
        )
        parts.append(_arrow(chart_id, SPINE, middle, BOX_X - 2, middle))
        parts.append(box)
        top = middle
        y += box_height + 6
    parts.append(_arrow(chart_id, WIDTH / 2, y - 4, WIDTH / 2, y + 18))
    y += 22
    body, height = _band(
        y,
        _lines(str(MAIN_GOAL), WIDE_CHARS),
        "goal",
        _lines(_("Verandering: %(text)s") % {"text": coherence.outcome_text}, WIDE_CHARS + 4),
    )
    parts.append(body)
    total = y + height + PAD
    title = _("Model van samenhang van %(name)s") % {"name": coherence.network.name}
    svg = (
        f'<svg class="chart coherence-chart" viewBox="0 0 {WIDTH} {_fmt(total)}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(_desc(coherence))}</desc>'
        f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
        '<path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        + "".join(parts)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every text part is escaped above


def coherence_strip(coherence: Coherence, *, chart_id: str) -> SafeString:
    """One network in two rows: the building blocks with their logbook entries, then the
    sub-goals a-i with their judgement mark and the change in meedoen."""
    parts = []
    width = (WIDTH - 2 * PAD - 16) / 3
    for index, evidence in enumerate(coherence.blocks):
        x = PAD + index * (width + 8)
        label = ngettext(
            "%(number)d: %(n)d regel", "%(number)d: %(n)d regels", evidence.count.entries
        ) % {
            "number": evidence.block.number,
            "n": evidence.count.entries,
        }
        parts.append(
            f'<rect class="block" x="{_fmt(x)}" y="4" width="{_fmt(width)}" height="28" rx="6"/>'
            f'<text class="block-title" x="{_fmt(x + 8)}" y="23">'
            f"{escape(label)}"
            "</text>"
        )
    for index, letter in enumerate(coherence.subgoals):
        row = coherence.subgoals[letter]
        cx, cy = PAD + 13 + index * 28, 58
        mark = judgement_mark(row)
        parts.append(f'<circle class="mark mark-{mark}" cx="{cx}" cy="{cy}" r="12"/>')
        if mark == "partly":
            parts.append(
                f'<path class="mark-half" d="M{cx},{cy - 12} A12,12 0 0 0 {cx},{cy + 12} Z"/>'
            )
        parts.append(
            f'<text class="mark-letter mark-letter-{mark}" x="{cx}" y="{cy + 4}" '
            f'text-anchor="middle">{letter}</text>'
        )
    parts.append(
        f'<line class="link" x1="{PAD + 13 + 8 * 28 + 16}" y1="58" x2="{PAD + 13 + 8 * 28 + 40}" '
        f'y2="58" marker-end="url(#{chart_id}-arrow)"/>'
        f'<text class="goal-change" x="{WIDTH - PAD}" y="63" text-anchor="end">'
        f"{escape(coherence.outcome_short)}</text>"
        f'<text class="note" x="{WIDTH - PAD}" y="80" text-anchor="end">'
        f"{escape(_('meedoen'))}</text>"
    )
    judged = ", ".join(
        f"{row.letter} {row.judgement_label or _('nog geen oordeel')}"
        for row in coherence.subgoals.values()
    )
    desc = _(
        "Logboekregels per bouwsteen: %(blocks)s. Oordelen per subdoel: %(judged)s. "
        "Verandering in meedoen: %(outcome)s."
    ) % {
        "blocks": ", ".join(
            f"{item.block.number}: {item.count.entries}" for item in coherence.blocks
        ),
        "judged": judged,
        "outcome": coherence.outcome_text,
    }
    title = _("Samenhang in %(name)s") % {"name": coherence.network.name}
    svg = (
        f'<svg class="chart coherence-strip" viewBox="0 0 {WIDTH} 86" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
        f'<defs><marker id="{chart_id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto">'
        '<path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>'
        + "".join(parts)
        + "</svg>"
    )
    return mark_safe(svg)  # noqa: S308 - every text part is escaped above
