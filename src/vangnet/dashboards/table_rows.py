"""The body rows of the dashboard's two tables (figures per network, phases per network).

They are written here rather than in the templates because an organisation may have
hundreds of networks: Django's template engine took about 120 ms for the 400 rows of a
200-network dashboard (36 variable lookups and a dozen tags per row), these functions
take a few milliseconds. Every text is escaped; the numbers are the figures' own. The table
heads and feet stay in the templates (dashboards/includes/figures_table.html and
phase_table.html), and the markup here must stay in step with them.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from vangnet.dashboards.charts import meter_svg, short_day_formatter
from vangnet.dashboards.templatetags.dashboards_tags import hours, one_decimal, pct


def figures_rows_html(figures, fidelity=None, links: bool = True) -> SafeString:
    """The <tr> of every network of the figures table; `fidelity` holds each network's
    fidelity score of the quarter (`fidelity.selectors.current_scores`), a link to its
    components unless `links` is false (the PDF)."""
    return join_rows(figures_row_lines(figures, fidelity, links=links))


def join_rows(lines: list[str]) -> SafeString:
    """The figures table's body of rows made by `figures_row_lines` (possibly kept per
    network, `dashboards.row_cache`), or its one row saying there are no networks."""
    if not lines:
        return mark_safe(  # noqa: S308 - translated text, escaped
            f'<tr><td colspan="15">{escape(_("Geen vangnetwerken bij deze keuze."))}</td></tr>'
        )
    return mark_safe("\n".join(lines))  # noqa: S308 - built from escaped texts and numbers


def figures_row_lines(figures, fidelity=None, *, links: bool = True) -> list[str]:
    """The <tr> of each network of the figures table, in the order of `figures.rows`."""
    fidelity = fidelity or {}
    has_subgoals, has_outcomes = figures.has_subgoals, figures.has_outcomes
    if not figures.rows:
        return []
    words = {
        "not_started": escape(_("nog niet begonnen")),
        "yes": escape(_("ja")),
        "no": escape(_("nee")),
        "phase_late": escape(_("fase loopt achter")),
        "core_low": escape(_("vaste kern onder doel")),
        "hours_low": escape(_("minder uren dan de norm in de ingevulde weken")),
        # Filled in per row: how complete the hours registration is.
        "registered": escape(_("%(registered)s van %(weeks)s weken ingevuld")),
        "none_registered": escape(_("geen uren ingevuld")),
        "not_applicable": escape(_("nog niet van toepassing")),
        "weakest": escape(_("zwakst: %(title)s")),
    }
    # Each cell carries its column's name: on a phone the rows become cards (dashboards.css).
    labels = [
        escape(_(text))
        for text in (
            "Fase",
            "Volgens plan?",
            "Vaste deelnemers / doel",
            "Bereikt",
            "Langdurig",
            "Kennismaking naar vast",
            "Afgehaakt",
            "Teruggekeerd",
            "Opkomst",
            "Aanwezig per week",
            "Uren / norm",
            "Methodetrouw",
        )
    ]
    if has_subgoals:
        labels.append(escape(_("Subdoelen")))
    if has_outcomes:
        labels.append(escape(_("Verandering meedoen")))
    lines = []
    for row in figures.rows:
        place = f"{escape(row.location)} · " if row.location else ""
        if row.phase:
            phase = f"{row.timeline.current_span.number}. {escape(row.phase.label)}"
        else:
            phase = words["not_started"]
        if row.on_plan:
            plan = f'<span class="dash-ok">✓ {words["yes"]}</span>'
        else:
            plan = f'<span class="dash-off">✗ {words["no"]}</span>'
        reasons = ""
        if not row.phase_on_plan:
            reasons += f"{words['phase_late']}. "
        if row.core_on_plan is False:
            reasons += f"{words['core_low']}. "
        if row.hours_on_plan is False:
            reasons += f"{words['hours_low']}."
        hours_meter = f" {meter_svg(float(row.hours), float(row.norm_hours))}"
        if not row.norm_weeks:
            registration = ""
        elif row.registered_weeks:
            registration = words["registered"] % {
                "registered": row.registered_weeks,
                "weeks": row.norm_weeks,
            }
        else:
            registration = words["none_registered"]
        cells = [
            f'<th scope="row">{escape(row.name)}<span class="dash-sub">{place}'
            f"{escape(row.worker)}</span></th>",
            f"<td>{phase}</td>",
            f'<td class="dash-plan">{plan}\n<span class="dash-sub">{reasons}</span></td>',
            f'<td class="num">{row.steady} / {row.target} '
            f"{meter_svg(float(row.steady), float(row.target))}</td>",
            f'<td class="num">{row.reached}</td>',
            f'<td class="num">{row.long_term} <span class="dash-sub">'
            f"{pct(row.long_term_share)}</span></td>",
            f'<td class="num">{row.became_steady} / {row.acquainted} <span class="dash-sub">'
            f"{pct(row.conversion)}</span></td>",
            f'<td class="num">{row.dropouts}</td>',
            f'<td class="num">{row.returns}</td>',
            f'<td class="num">{pct(row.attendance_rate)}</td>',
            f'<td class="num">{one_decimal(row.present_per_week)}</td>',
            f'<td class="num">{hours(row.hours)} / {hours(row.norm_hours)}'
            f"{hours_meter if row.registered_weeks else ' '}"
            f'<span class="dash-sub">{registration}</span></td>',
        ]
        cells.append(
            _fidelity_cell(row.network_id, fidelity.get(row.network_id), words, links=links)
        )
        if has_subgoals:
            cells.append(f"<td>{escape(row.subgoals_text)}</td>")
        if has_outcomes:
            cells.append(f"<td>{escape(row.outcome_text)}</td>")
        cells[1:] = [
            cell.replace("<td", f'<td data-label="{label}"', 1)
            for cell, label in zip(cells[1:], labels, strict=True)
        ]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return lines


def _fidelity_cell(network_id: int, quarter, words: Mapping[str, str], *, links: bool) -> str:
    """The score with its weakest component; a link to the network's components."""
    if quarter is None or quarter.result.score is None:
        return f'<td class="num"><span class="dash-sub">{words["not_applicable"]}</span></td>'
    score = str(quarter.result.score)
    if links:
        url = escape(reverse("fidelity:network", kwargs={"network_id": network_id}))
        score = f'<a href="{url}">{score}</a>'
    weakest = quarter.result.weakest
    sub = words["weakest"] % {"title": escape(weakest.title)} if weakest else ""
    return f'<td class="num">{score}<span class="dash-sub">{sub}</span></td>'


def phase_rows_html(figures) -> SafeString:
    """The <tr> of every network of the phase table: the current phase, the planned one,
    when the current phase was planned and really began, and the difference in days."""
    return mark_safe("\n".join(phase_row_lines(figures)))  # noqa: S308 - escaped texts, numbers


def phase_row_lines(figures) -> list[str]:
    """The <tr> of each network of the phase table, in the order of `figures.rows`."""
    day = short_day_formatter()
    not_started = escape(_("nog niet begonnen"))
    recorded = escape(_("vastgelegd"))
    # The column names again, for the stacked rows on a phone (td::before, dashboards.css).
    labels = [
        escape(text)
        for text in (
            _("Fase nu"),
            _("Volgens plan nu"),
            _("Begin huidige fase: gepland"),
            _("Begin huidige fase: werkelijk"),
            _("Verschil (dagen)"),
        )
    ]
    lines = []
    for row in figures.rows:
        span = row.timeline.current_span
        current = f"{span.number}. {escape(span.label)}" if span else not_started
        planned = escape(row.planned_phase.label) if row.planned_phase else not_started
        planned_start = day(span.planned_start) if span and span.planned_start else "—"
        actual_start = day(span.actual_start) if span and span.actual_start else "—"
        if span and span.recorded:
            actual_start += f" ({recorded})"
        delay = "—" if row.phase_delay_days is None else str(row.phase_delay_days)
        lines.append(
            f'<tr><th scope="row">{escape(row.name)}</th>'
            f'<td data-label="{labels[0]}">{current}</td>'
            f'<td data-label="{labels[1]}">{planned}</td>'
            f'<td data-label="{labels[2]}">{planned_start}</td>'
            f'<td data-label="{labels[3]}">{actual_start}</td>'
            f'<td data-label="{labels[4]}">{delay}</td></tr>'
        )
    return lines
