"""The municipality report: its context (page and PDF) and its PDF as an export job.

The page and the PDF share `municipality_context`, so the disclosure protection
(`selectors.municipality_figures`: suppression of small cells, complementary suppression,
rounding) runs on the same inputs in the request and in the worker. The PDF is made in the
background (`exports.document_services`): `municipality_pdf_check` checks the capability and
the chosen period and area when it is asked for, `municipality_pdf_build` checks them again in
the worker, lays out the document and writes the audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Min
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, require_cap
from vangnet.reports import selectors
from vangnet.reports.charts import bars_svg
from vangnet.reports.forms import MunicipalityReportForm

PDF_TEMPLATE = "reports/municipality_pdf.html"


def municipality_form(
    user: Any, query: Mapping[str, Any] | None, *, today: dt.date
) -> MunicipalityReportForm:
    """The period and area chooser bound to `query` (unbound without one), after the
    capability check (403 without it). The report is always of the user's organisation."""
    require_cap(user, Cap.VIEW_MUNICIPALITY_REPORT)
    organisation = user.organisation
    first = organisation.networks.aggregate(first=Min("start_date"))["first"]
    return MunicipalityReportForm(
        query or None,
        areas=selectors.report_areas(organisation=organisation),
        first_year=first.year if first else today.year,
        today=today,
    )


def municipality_context(
    user: Any, query: Mapping[str, Any] | None, *, today: dt.date, query_string: str = ""
) -> dict:
    """The anonymous municipality report of the user's organisation for the chosen period."""
    form = municipality_form(user, query, today=today)
    period = form.period()
    report = selectors.municipality_figures(
        organisation=user.organisation,
        start=period.start,
        end=period.end,
        area=form.area(),
        today=today,
    )
    rows = list(zip(report.areas, report.people.cells, strict=True))
    charts = {
        "reached": bars_svg(
            chart_id="chart-reached",
            title=_("Bereikte mensen per gebied"),
            desc=_("Het aantal verschillende mensen dat in de periode minstens één keer kwam."),
            rows=[(area, cells[0]) for area, cells in rows],
        ),
        "steady": bars_svg(
            chart_id="chart-steady",
            title=_("Vaste deelnemers per gebied"),
            desc=_("Het aantal vaste deelnemers aan het eind van de periode."),
            rows=[(area, cells[2]) for area, cells in rows],
        ),
    }
    return {
        "form": form,
        "period": period,
        "report": report,
        "charts": charts,
        "people_rows": rows,
        "phase_rows": list(
            zip(report.areas, report.phases.cells, report.phases.row_totals or [], strict=True)
        ),
        "tie_rows": list(
            zip(report.areas, report.ties.cells, report.ties.row_totals or [], strict=True)
        ),
        "area_rows": list(zip(report.areas, report.sessions, report.attendance, strict=True)),
        "buurt_rows": list(
            zip(
                report.areas,
                report.neighbourhood_sessions,
                report.neighbourhood.cells if report.neighbourhood else [],
                strict=True,
            )
        ),
        "query": query_string,
    }


def municipality_job_query(form: MunicipalityReportForm) -> dict[str, str]:
    """The job's parameters: the period fixed now (not "the current quarter" when the worker
    runs) and the area."""
    return {"periode": form.period().key, "gebied": form.area() or ""}


def municipality_pdf_check(user: Any, params: Mapping[str, Any]) -> None:
    """May this user have this report? Raises PermissionDenied or ValidationError."""
    form = municipality_form(user, params.get("query") or {}, today=timezone.localdate())
    if not form.is_valid():
        raise ValidationError(_("Kies eerst een geldige periode en een geldig gebied."))


def municipality_pdf_build(
    user: Any, params: Mapping[str, Any], progress: Callable[[int, int], None]
) -> tuple[str, bytes]:
    """The municipality report PDF for this user (checked again), and its audit record."""
    municipality_pdf_check(user, params)
    context = municipality_context(user, params.get("query") or {}, today=timezone.localdate())
    report, period = context["report"], context["period"]
    progress(1, 3)
    html = render_to_string(PDF_TEMPLATE, context)
    progress(2, 3)
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    data = HTML(string=html).write_pdf()
    audit_record(
        actor=user,
        action="export",
        object_type="reports.municipality",
        detail=period.key + (f" {report.area}" if report.area else ""),
        organisation=user.organisation,
    )
    return f"rapportage-gemeente-{period.key}.pdf", data
