"""The organisation dashboard and the organisation report (page and PDF). Thin: check the
capability, read the filter, call the selector, render. Coordinators see figures, not
people: nothing here shows a participant's name. The PDF is an export job (made by the
worker, with the exports' progress page)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.replica import reads_from_replica
from vangnet.core.typing import MemberRequest
from vangnet.dashboards.forms import DashboardFilterForm
from vangnet.dashboards.page_cache import dashboard_body, shown
from vangnet.dashboards.pdf import query_string, report_context, report_form
from vangnet.dashboards.selectors import OrganisationFigures, organisation_figures
from vangnet.exports.document_services import document_job_request
from vangnet.exports.models import ExportKind


def _figures(request: MemberRequest) -> tuple[DashboardFilterForm, OrganisationFigures | None]:
    today = timezone.localdate()
    form = report_form(request.user, request.GET, today=today)
    if not form.is_valid():
        return form, None
    figures = organisation_figures(
        organisation=request.user.organisation, today=today, **form.filters()
    )
    return form, figures


@require_GET
@reads_from_replica
def organisation(request: MemberRequest) -> HttpResponse:
    """The figures of the filter; the body (summary, chart, tables) is kept in the cache
    under the data versions of the networks (`dashboards.page_cache`)."""
    today = timezone.localdate()
    form = report_form(request.user, request.GET, today=today)
    if not form.is_valid():
        return render(
            request, "dashboards/organisation.html", report_context(form, None), status=400
        )
    context = {
        "form": form,
        "figures": shown(form),
        "query": form.data and query_string(form),
        "body": dashboard_body(form=form, user=request.user, today=today),
    }
    return render(request, "dashboards/organisation.html", context)


@require_GET
@reads_from_replica
def report(request: MemberRequest) -> HttpResponse:
    form, figures = _figures(request)
    status = 200 if figures is not None else 400
    return render(request, "dashboards/report.html", report_context(form, figures), status=status)


@require_http_methods(["GET", "POST"])
def report_pdf(request: MemberRequest) -> HttpResponse:
    """POST starts the PDF as a job (the filter in the query string); GET, or an invalid
    filter, goes back to the report page."""
    form = report_form(request.user, request.GET, today=timezone.localdate())
    back = reverse("dashboards:report") + (f"?{request.GET.urlencode()}" if request.GET else "")
    if request.method == "GET" or not form.is_valid():
        return redirect(back)
    job = document_job_request(
        user=request.user,
        kind=ExportKind.ORGANISATION_REPORT,
        params={"query": {name: str(value) for name, value in form.data.items()}},
        back=back,
    )
    return redirect("exports:job", job_id=job.pk)
