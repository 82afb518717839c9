"""The organisation report PDF's per-network tables, as aligned text.

WeasyPrint lays out every table cell as its own box (styles, line breaking, borders, page
splitting): the three tables of a 200-network report held about 8,000 cells and took some
ten seconds of layout. Here the same rows and columns are written as lines of a fixed-width
font, wrapped per column in Python, in `<pre>` blocks of a few dozen lines, each with the
column heads on top: a few hundred text lines for WeasyPrint instead of thousands of boxes
(docs/performance.md, *Organisation report PDF*). The figures are those of the page's
tables (`table_rows.py`, `fidelity/includes/table.html`); only the layout differs.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.dashboards.charts import short_day_formatter
from vangnet.dashboards.templatetags.dashboards_tags import hours, one_decimal, pct

GAP = "  "
# A block is never split over two pages and repeats the heads; 52 lines and the heads fill
# most of a page (report_pdf.html: 6.6 pt at 1.3, 696 px), and the next block starts a new
# page: two 40-line blocks did not fit one page, so every second one was laid out on the
# filled page first, found too high and laid out again on the next.
LINES_PER_BLOCK = 52


@dataclass(frozen=True)
class Column:
    title: str
    width: int
    right: bool = False  # numbers are aligned right


def _cell_lines(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in text.split("\n"):
        if len(part) <= width and part.isprintable() and part.strip() == part and "  " not in part:
            lines.append(part)  # fits as it is (most cells): what textwrap would give
        else:
            lines.extend(textwrap.wrap(part, width, break_on_hyphens=False) or [""])
    return lines


def _row_lines(columns: Sequence[Column], cells: Sequence[str]) -> list[str]:
    """One table row as lines: every cell wrapped to its column's width, side by side."""
    wrapped = [_cell_lines(cell, col.width) for col, cell in zip(columns, cells, strict=True)]
    height = max(len(lines) for lines in wrapped)
    out = []
    for index in range(height):
        parts = []
        for col, lines in zip(columns, wrapped, strict=True):
            text = lines[index] if index < len(lines) else ""
            parts.append(text.rjust(col.width) if col.right else text.ljust(col.width))
        out.append(GAP.join(parts).rstrip())
    return out


def text_table(
    columns: Sequence[Column], rows: Iterable[Sequence[str]], *, caption: str
) -> SafeString:
    """The rows as `<pre class="pdf-grid">` blocks of at most LINES_PER_BLOCK lines (a row
    is never split), each with the caption and the column heads."""
    head = _row_lines(columns, [col.title for col in columns])
    rule = GAP.join("─" * col.width for col in columns)
    head_html = f'<span class="pdf-grid-head">{escape(chr(10).join(head))}</span>\n{rule}\n'
    blocks: list[str] = []
    current: list[str] = []
    for cells in rows:
        lines = _row_lines(columns, cells)
        if current and len(current) + len(lines) > LINES_PER_BLOCK:
            blocks.append("\n".join(current))
            current = []
        current.extend(lines)
    if current or not blocks:
        blocks.append("\n".join(current))
    caption_html = escape(caption)
    return mark_safe(  # noqa: S308 - every text escaped here
        "".join(
            f'<pre class="pdf-grid" aria-label="{caption_html}">{head_html}{escape(block)}</pre>'
            for block in blocks
        )
    )


def figures_text(
    figures, fidelity: Mapping[int, object] | None = None, *, fidelity_quarter: str = ""
) -> SafeString:
    """The figures table (per network, then the total) as text."""
    fidelity = fidelity or {}
    columns = [
        Column(_("Vangnetwerk"), 18),
        Column(_("Fase"), 13),
        Column(_("Volgens plan?"), 15),
        Column(_("Vaste deelnemers / doel"), 9, right=True),
        Column(_("Bereikt"), 7, right=True),
        Column(_("Langdurig"), 9, right=True),
        Column(_("Kennismaking naar vast"), 11, right=True),
        Column(_("Afgehaakt"), 9, right=True),
        Column(_("Teruggekeerd"), 7, right=True),
        Column(_("Opkomst"), 7, right=True),
        Column(_("Aanwezig per week"), 9, right=True),
        Column(_("Uren / norm"), 11, right=True),
        Column(f"{_('Methodetrouw')} {fidelity_quarter}".strip(), 13),
    ]
    if figures.has_subgoals:
        columns.append(Column(_("Subdoelen"), 12))
    if figures.has_outcomes:
        columns.append(Column(_("Verandering meedoen"), 12))
    yes, no = _("ja"), _("nee")
    reasons_text = (
        (lambda row: not row.phase_on_plan, _("fase loopt achter")),
        (lambda row: row.core_on_plan is False, _("vaste kern onder doel")),
        (
            lambda row: row.hours_on_plan is False,
            _("minder uren dan de norm in de ingevulde weken"),
        ),
    )
    registered = _("%(registered)s van %(weeks)s weken ingevuld")
    rows = []
    for row in figures.rows:
        place = f"{row.location} · " if row.location else ""
        phase = (
            f"{row.timeline.current_span.number}. {row.phase.label}"
            if row.phase
            else _("nog niet begonnen")
        )
        plan = f"✓ {yes}" if row.on_plan else f"✗ {no}"
        reasons = ". ".join(text for check, text in reasons_text if check(row))
        if not row.norm_weeks:
            registration = ""
        elif row.registered_weeks:
            registration = registered % {
                "registered": row.registered_weeks,
                "weeks": row.norm_weeks,
            }
        else:
            registration = _("geen uren ingevuld")
        cells = [
            f"{row.name}\n{place}{row.worker}",
            phase,
            f"{plan}\n{reasons}." if reasons else plan,
            f"{row.steady} / {row.target}",
            str(row.reached),
            f"{row.long_term}\n{pct(row.long_term_share)}",
            f"{row.became_steady} / {row.acquainted}\n{pct(row.conversion)}",
            str(row.dropouts),
            str(row.returns),
            pct(row.attendance_rate),
            one_decimal(row.present_per_week),
            f"{hours(row.hours)} / {hours(row.norm_hours)}\n{registration}",
            _fidelity_text(fidelity.get(row.network_id)),
        ]
        if figures.has_subgoals:
            cells.append(row.subgoals_text)
        if figures.has_outcomes:
            cells.append(row.outcome_text)
        rows.append([str(cell) for cell in cells])
    if not figures.rows:
        rows.append([_("Geen vangnetwerken bij deze keuze."), *[""] * (len(columns) - 1)])
    else:
        rows.append(_total_cells(figures, columns))
    caption = _("Cijfers per vangnetwerk, %(start)s tot en met %(end)s") % {
        "start": short_day_formatter()(figures.start),
        "end": short_day_formatter()(figures.end),
    }
    return text_table(columns, rows, caption=caption)


def _fidelity_text(quarter) -> str:
    if quarter is None or quarter.result.score is None:
        return str(_("nog niet van toepassing"))
    weakest = quarter.result.weakest
    sub = _("zwakst: %(title)s") % {"title": weakest.title} if weakest else ""
    return f"{quarter.result.score}\n{sub}"


def _total_cells(figures, columns: Sequence[Column]) -> list[str]:
    t = figures.totals
    cells = [
        _("Totaal")
        + "\n"
        + ngettext("%(n)s vangnetwerk", "%(n)s vangnetwerken", t.networks) % {"n": t.networks},
        "",
        _("%(n)s volgens plan") % {"n": t.on_plan},
        f"{t.steady} / {t.target}",
        str(t.reached),
        f"{t.long_term}\n{pct(t.long_term_share)}",
        f"{t.became_steady} / {t.acquainted}\n{pct(t.conversion)}",
        str(t.dropouts),
        str(t.returns),
        pct(t.attendance_rate),
        one_decimal(t.present_per_week),
        f"{hours(t.hours)} / {hours(t.norm_hours)}"
        + (
            "\n"
            + _("%(registered)s van %(weeks)s weken ingevuld")
            % {"registered": t.registered_weeks, "weeks": t.norm_weeks}
            if t.norm_weeks
            else ""
        ),
    ]
    cells.extend([""] * (len(columns) - len(cells)))
    return [str(cell) for cell in cells]


def phases_text(figures) -> SafeString:
    """The phase table (current phase, planned phase, planned and actual start, delay)."""
    day = short_day_formatter()
    not_started = _("nog niet begonnen")
    recorded = _("vastgelegd")
    columns = [
        Column(_("Vangnetwerk"), 30),
        Column(_("Fase nu"), 28),
        Column(_("Volgens plan nu"), 26),
        Column(_("Begin huidige fase: gepland"), 16, right=True),
        Column(_("Begin huidige fase: werkelijk"), 28, right=True),
        Column(_("Verschil (dagen)"), 10, right=True),
    ]
    rows = []
    for row in figures.rows:
        span = row.timeline.current_span
        actual = day(span.actual_start) if span and span.actual_start else "—"
        if span and span.recorded:
            actual += f" ({recorded})"
        rows.append(
            [
                row.name,
                f"{span.number}. {span.label}" if span else not_started,
                str(row.planned_phase.label) if row.planned_phase else not_started,
                day(span.planned_start) if span and span.planned_start else "—",
                actual,
                "—" if row.phase_delay_days is None else str(row.phase_delay_days),
            ]
        )
    return text_table(columns, rows, caption=_("Fasen per vangnetwerk: plan en werkelijkheid"))


def fidelity_text(networks: Sequence, quarters: Sequence[str]) -> SafeString:
    """The fidelity section's table: the score per quarter, weakest component, next step.
    190 characters wide, as the figures table (the page holds 191): a next step is one
    line, not two (fewer lines and padding glyphs to lay out and draw)."""
    columns = [
        Column(_("Vangnetwerk"), 24),
        *(Column(label, 7, right=True) for label in quarters),
        Column(_("Zwakste onderdeel"), 34),
        Column(_("Wat kun je nu doen"), 92),
    ]
    rows = []
    for item in networks:
        weakest = item.current.result.weakest
        rows.append(
            [
                item.name,
                *(
                    "—" if quarter.result.score is None else str(quarter.result.score)
                    for quarter in item.trend
                ),
                f"{weakest.title} ({weakest.percent}%)"
                if weakest
                else str(_("nog niet van toepassing")),
                str(weakest.next_step) if weakest else "",
            ]
        )
    return text_table(columns, rows, caption=_("Score per kwartaal"))
