"""The organisation dashboard and the organisation report (page and PDF). Thin: check the
capability, read the filter, call the selector, render. Coordinators see figures, not
people: nothing here shows a participant's name."""

from __future__ import annotations

from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from vangnet.core.permissions import Cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.dashboards import pdf as report_pdf_module
from vangnet.dashboards.charts import phase_overview_svg
from vangnet.dashboards.forms import DashboardFilterForm, filter_form
from vangnet.dashboards.selectors import OrganisationFigures, organisation_figures
from vangnet.dashboards.table_rows import figures_rows_html, phase_rows_html


def _figures(request: MemberRequest) -> tuple[DashboardFilterForm, OrganisationFigures | None]:
    require_cap(request.user, Cap.VIEW_DASHBOARD)
    organisation = request.user.organisation
    today = timezone.localdate()
    form = filter_form(request.GET, organisation=organisation, today=today)
    if not form.is_valid():
        return form, None
    figures = organisation_figures(organisation=organisation, today=today, **form.filters())
    return form, figures


def _context(form: DashboardFilterForm, figures: OrganisationFigures | None) -> dict:
    context = {
        "form": form,
        "figures": figures,
        "query": form.data and _query(form),
        "today": timezone.localdate(),
    }
    if figures is not None:
        context["phase_svg"] = phase_overview_svg(
            figures.rows, start=figures.start, end=figures.end, as_of=figures.as_of
        )
        context["figures_rows"] = figures_rows_html(figures)
        context["phase_rows"] = phase_rows_html(figures)
    return context


def _query(form: DashboardFilterForm) -> str:
    """The valid filter as a query string, for the report and PDF links."""
    query = QueryDict(mutable=True)
    for name, value in form.data.items():
        if value:
            query[name] = value
    return query.urlencode()


@require_GET
def organisation(request: MemberRequest) -> HttpResponse:
    form, figures = _figures(request)
    status = 200 if figures is not None else 400
    return render(request, "dashboards/organisation.html", _context(form, figures), status=status)


@require_GET
def report(request: MemberRequest) -> HttpResponse:
    form, figures = _figures(request)
    status = 200 if figures is not None else 400
    return render(request, "dashboards/report.html", _context(form, figures), status=status)


@require_GET
def report_pdf(request: MemberRequest) -> HttpResponse:
    form, figures = _figures(request)
    if figures is None:
        return redirect(f"{reverse('dashboards:report')}?{request.GET.urlencode()}")
    pdf = report_pdf_module.report_pdf(context=_context(form, figures), request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"organisatierapport-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
