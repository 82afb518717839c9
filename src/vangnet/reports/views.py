"""Thin views of the reports: parse the chooser, call a selector, render (page or PDF;
the annual report's PDF is an export job)."""

from __future__ import annotations

from django.db.models import Min
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.replica import reads_from_replica
from vangnet.core.typing import MemberRequest
from vangnet.exports.document_services import document_job_request
from vangnet.exports.models import ExportKind
from vangnet.reports import selectors
from vangnet.reports.charts import bars_svg
from vangnet.reports.forms import MunicipalityReportForm
from vangnet.reports.pdf import annual_context, annual_year, render_pdf


def _municipality_context(request: MemberRequest) -> dict:
    require_cap(request.user, Cap.VIEW_MUNICIPALITY_REPORT)
    organisation = request.user.organisation
    today = timezone.localdate()
    first = organisation.networks.aggregate(first=Min("start_date"))["first"]
    form = MunicipalityReportForm(
        request.GET or None,
        areas=selectors.report_areas(organisation=organisation),
        first_year=first.year if first else today.year,
        today=today,
    )
    period = form.period()
    report = selectors.municipality_figures(
        organisation=organisation,
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
        "query": request.GET.urlencode(),
    }


@require_GET
@reads_from_replica
def municipality(request: MemberRequest) -> HttpResponse:
    context = _municipality_context(request)
    status = 400 if context["form"].is_bound and not context["form"].is_valid() else 200
    return render(request, "reports/municipality.html", context, status=status)


@require_GET
@reads_from_replica
def municipality_pdf(request: MemberRequest) -> HttpResponse:
    context = _municipality_context(request)
    report = context["report"]
    detail = context["period"].key + (f" {report.area}" if report.area else "")
    audit_record(
        actor=request.user,
        action="export",
        object_type="reports.municipality",
        detail=detail,
        request=request,
    )
    pdf = render_pdf("reports/municipality_pdf.html", context, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"rapportage-gemeente-{context['period'].key}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _annual_context(request: MemberRequest, network_id: int) -> dict:
    return annual_context(request.user, network_id, request.GET, today=timezone.localdate())


@require_GET
@reads_from_replica
def annual(request: MemberRequest, network_id: int) -> HttpResponse:
    context = _annual_context(request, network_id)
    status = 400 if context["form"].is_bound and not context["form"].is_valid() else 200
    return render(request, "reports/annual.html", context, status=status)


@require_http_methods(["GET", "POST"])
def annual_pdf(request: MemberRequest, network_id: int) -> HttpResponse:
    """POST starts the PDF as an export job (the worker makes it, the exports' progress
    page shows it); GET or an invalid year goes back to the report page."""
    network, form = annual_year(request.user, network_id, request.GET, today=timezone.localdate())
    back = reverse("reports:annual", args=[network.pk])
    if request.GET:
        back += f"?{request.GET.urlencode()}"
    if request.method == "GET" or (form.is_bound and not form.is_valid()):
        return redirect(back)
    job = document_job_request(
        user=request.user,
        kind=ExportKind.ANNUAL_REPORT,
        params={"network_id": network.pk, "year": form.year()},
        back=back,
    )
    return redirect("exports:job", job_id=job.pk)
