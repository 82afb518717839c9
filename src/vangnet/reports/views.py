"""Thin views of the reports: parse the chooser, call a selector, render the page (the
municipality report's and the annual report's PDFs are export jobs)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.replica import reads_from_replica
from vangnet.core.typing import MemberRequest
from vangnet.exports.document_services import document_job_request
from vangnet.exports.models import ExportKind
from vangnet.reports.municipality_pdf import (
    municipality_context,
    municipality_form,
    municipality_job_query,
)
from vangnet.reports.pdf import annual_context, annual_year


def _municipality_context(request: MemberRequest) -> dict:
    return municipality_context(
        request.user,
        request.GET,
        today=timezone.localdate(),
        query_string=request.GET.urlencode(),
    )


@require_GET
@reads_from_replica
def municipality(request: MemberRequest) -> HttpResponse:
    context = _municipality_context(request)
    status = 400 if context["form"].is_bound and not context["form"].is_valid() else 200
    return render(request, "reports/municipality.html", context, status=status)


@require_http_methods(["GET", "POST"])
def municipality_pdf(request: MemberRequest) -> HttpResponse:
    """POST starts the PDF as an export job (the worker makes it, the exports' progress
    page shows it); GET, or an invalid period or area, goes back to the report page."""
    form = municipality_form(request.user, request.GET, today=timezone.localdate())
    back = reverse("reports:municipality")
    if request.GET:
        back += f"?{request.GET.urlencode()}"
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Kies eerst een geldige periode en een geldig gebied."))
        return redirect(back)
    if request.method == "GET":
        return redirect(back)
    job = document_job_request(
        user=request.user,
        kind=ExportKind.MUNICIPALITY_REPORT,
        params={"query": municipality_job_query(form)},
        back=back,
    )
    return redirect("exports:job", job_id=job.pk)


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
