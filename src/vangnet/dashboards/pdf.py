"""The organisation report as PDF (WeasyPrint, as planning's plan PDF). Charts are the same
inline SVG as on the page; the PDF template carries its own print stylesheet.

The PDF is made in the background (an export job, `exports.document_services`): the page
asks for it with the filter's query, `report_pdf_check` checks the capability and the filter
then, and `report_pdf_build` checks them again in the worker, gathers the figures, lays out
the document and writes the audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, require_cap
from vangnet.dashboards import charts
from vangnet.dashboards.charts import chart_label, phase_chart_parts, phase_overview_svg
from vangnet.dashboards.forms import DashboardFilterForm, filter_form
from vangnet.dashboards.pdf_tables import fidelity_text, figures_text, phases_text
from vangnet.dashboards.selectors import OrganisationFigures, organisation_figures
from vangnet.dashboards.table_rows import figures_rows_html, phase_rows_html
from vangnet.fidelity.column_cache import cached_current_scores, cached_trend

PDF_TEMPLATE = "dashboards/report_pdf.html"
# Networks per part of the phase chart: a part of 18 rows (596 units high), drawn at 80% of
# the page's width (report_pdf.html: 1.07 px a unit, its 12-unit text 12.8 px) is 638 px
# high; the page's content box is 696 px (24 rows at full width were 1,037 px: the last
# third of every part fell off its page).
CHART_ROWS_PER_PAGE = 18


# The chart's width on paper (80% of A4 landscape's 273 mm between the margins) and the
# names' placement in the same units (report_pdf.html): the font size and line height are
# the chart's 12-unit text and 30-unit rows; DejaVu Sans (ascent 0.928, descent 0.236 of
# the font size) puts a line's baseline at half the line height + 0.346 font sizes, so the
# first line starts that far above the first row's baseline (TOP + 17 units).
CHART_WIDTH_MM = 218.4
_MM = CHART_WIDTH_MM / charts.WIDTH
CHART_NAMES_STYLE = (
    f"left: {4 * _MM:.3f}mm; top: {(charts.TOP + 17 - charts.ROW / 2 - 0.346 * 12) * _MM:.3f}mm; "
    f"font-size: {12 * _MM:.3f}mm; line-height: {charts.ROW * _MM:.3f}mm"
)


@dataclass(frozen=True)
class ChartPart:
    """A part of the printed phase chart: the SVG of its bars without the networks' names,
    and those names as text, one a line, set beside the bars by report_pdf.html (SVG text
    is laid out and drawn letter by letter: the names were a third of writing the PDF)."""

    svg: SafeString
    names: str


def chart_parts(figures: OrganisationFigures) -> list[ChartPart]:
    """The phase chart in parts of CHART_ROWS_PER_PAGE networks, on one time axis."""
    svgs = phase_chart_parts(
        figures.rows,
        start=figures.start,
        end=figures.end,
        as_of=figures.as_of,
        per_chart=CHART_ROWS_PER_PAGE,
        names=False,
    )
    rows = figures.rows
    return [
        ChartPart(
            svg=svg,
            names="\n".join(
                chart_label(row.name)
                for row in rows[index * CHART_ROWS_PER_PAGE : (index + 1) * CHART_ROWS_PER_PAGE]
            ),
        )
        for index, svg in enumerate(svgs)
    ]


def report_form(user: Any, query: Mapping[str, str], *, today: dt.date) -> DashboardFilterForm:
    """The filter bound to `query`, after the capability check (403 without it)."""
    require_cap(user, Cap.VIEW_DASHBOARD)
    return filter_form(query, organisation=user.organisation, today=today)


def query_string(form: DashboardFilterForm) -> str:
    """The valid filter as a query string, for the report and PDF links."""
    query = QueryDict(mutable=True)
    for name, value in form.data.items():
        if value:
            query[name] = value
    return query.urlencode()


def report_context(
    form: DashboardFilterForm, figures: OrganisationFigures | None, *, links: bool = True
) -> dict:
    """The page's (and, with `links=False`, the PDF's) context."""
    context: dict[str, Any] = {
        "form": form,
        "figures": figures,
        "query": form.data and query_string(form),
        "today": timezone.localdate(),
    }
    if figures is not None:
        context["phase_svg"] = phase_overview_svg(
            figures.rows, start=figures.start, end=figures.end, as_of=figures.as_of
        )
        # The fidelity column: the score of the quarter in which the period ends (cached
        # per network, `fidelity.column_cache`).
        fidelity = cached_current_scores(
            organisation=figures.organisation,
            as_of=figures.as_of,
            network_ids=[row.network_id for row in figures.rows],
            known=figures,
        )
        context["fidelity_quarter"] = next(iter(fidelity.values())).label if fidelity else ""
        context["figures_rows"] = figures_rows_html(figures, fidelity=fidelity, links=links)
        context["phase_rows"] = phase_rows_html(figures)
    return context


def pdf_context(form: DashboardFilterForm, figures: OrganisationFigures) -> dict:
    """The PDF's context: the page's figures, laid out for WeasyPrint (the per-network
    tables as aligned text, `pdf_tables.py`; the phase chart in parts of a page each).
    The fidelity scores of the last four quarters are read once, per network and quarter
    from the fidelity column's cache: the figures table's column is their last quarter (the
    quarter in which the period ends)."""
    context: dict[str, Any] = {"figures": figures, "today": timezone.localdate()}
    # `fidelity_by_network` for these networks, each quarter through the fidelity column's
    # cache (the dashboard's column is the last quarter's)
    networks = cached_trend(figures)
    current = {item.network_id: item.current for item in networks}
    quarter = networks[0].current.label if networks else ""
    context["phase_charts"] = chart_parts(figures)
    context["chart_width"] = f"{CHART_WIDTH_MM}mm"  # a string: never localised ("218,4")
    context["chart_names_style"] = CHART_NAMES_STYLE
    context["phase_text"] = phases_text(figures)
    context["figures_text"] = figures_text(figures, current, fidelity_quarter=quarter)
    if networks:
        labels = [item.label for item in networks[0].trend]
        context["fidelity_text"] = fidelity_text(networks, labels)
    return context


def report_document(html: str, *, base_url: str | None = None) -> Any:
    """The laid-out WeasyPrint document of the report HTML."""
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    return HTML(string=html, base_url=base_url).render()


def report_pdf_check(user: Any, params: Mapping[str, Any]) -> None:
    """May this user have this report? Raises PermissionDenied or ValidationError."""
    form = report_form(user, params.get("query") or {}, today=timezone.localdate())
    if not form.is_valid():
        raise ValidationError(_("Kies eerst een geldige periode en filter."))


def report_pdf_build(
    user: Any, params: Mapping[str, Any], progress: Callable[[int, int], None]
) -> tuple[str, bytes]:
    """The organisation report PDF for this user (checked again), and its audit record."""
    today = timezone.localdate()
    form = report_form(user, params.get("query") or {}, today=today)
    if not form.is_valid():
        raise ValidationError(_("Kies eerst een geldige periode en filter."))
    figures = organisation_figures(organisation=user.organisation, today=today, **form.filters())
    progress(1, 3)
    html = render_to_string(PDF_TEMPLATE, pdf_context(form, figures))
    progress(2, 3)
    data = report_document(html).write_pdf()
    audit_record(
        actor=user,
        action="export",
        object_type="dashboards.organisation_report",
        detail=f"pdf {figures.start:%Y-%m-%d} {figures.end:%Y-%m-%d}",
        organisation=user.organisation,
    )
    return f"organisatierapport-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}.pdf", data


def document_text(document: Any) -> str:
    """All text of a laid-out document, in reading order per page (for checks and tests)."""
    parts: list[str] = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            text = getattr(box, "text", None)
            if isinstance(text, str):
                parts.append(text)
            stack.extend(reversed(getattr(box, "children", None) or []))
    return " ".join(parts)
