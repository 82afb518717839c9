"""Exports pages. Thin: check the capability, call the service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.exports import selectors, services
from vangnet.exports.document_services import job_check_allowed
from vangnet.exports.forms import DataExportForm, ResearchExportForm
from vangnet.exports.models import ExportKind


def _page(request: MemberRequest, *, data_form=None, research_form=None, status: int = 200):
    options = selectors.export_options(request.user)
    if not options.any:
        raise PermissionDenied
    services.export_jobs_purge()
    if options.data and data_form is None:
        # ?netwerk=<id> (a link from a network page) preselects that network.
        wanted = request.GET.get("netwerk", "")
        initial = {}
        if any(str(option.network.pk) == wanted for option in options.networks):
            initial["network"] = wanted
        data_form = DataExportForm(options=options, initial=initial)
    if options.research and research_form is None:
        research_form = ResearchExportForm()
    return render(
        request,
        "exports/index.html",
        {
            "options": options,
            "data_form": data_form if options.data else None,
            "research_form": research_form if options.research else None,
            "jobs": selectors.recent_jobs(request.user),
            "keep_hours": services.keep_hours(),
        },
        status=status,
    )


@require_GET
def index(request: MemberRequest) -> HttpResponse:
    return _page(request)


@require_http_methods(["GET", "POST"])
def data_start(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.EXPORT_DATA)
    if request.method == "GET":
        return _page(request)
    options = selectors.export_options(request.user)
    form = DataExportForm(request.POST, options=options)
    if form.is_valid():
        try:
            job = services.export_job_request(
                user=request.user,
                kind=form.cleaned_data["kind"],
                file_format=form.cleaned_data["file_format"],
                network_id=form.network_id(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Je export wordt gemaakt."))
            return redirect("exports:job", job_id=job.pk)
    return _page(request, data_form=form, status=400)


@require_http_methods(["GET", "POST"])
def research_start(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.RESEARCH_EXPORT)
    if request.method == "GET":
        return _page(request)
    form = ResearchExportForm(request.POST)
    if form.is_valid():
        try:
            job = services.export_job_request(
                user=request.user,
                kind=ExportKind.RESEARCH,
                file_format=form.cleaned_data["file_format"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Je export wordt gemaakt."))
            return redirect("exports:job", job_id=job.pk)
    return _page(request, research_form=form, status=400)


@require_GET
def job_detail(request: MemberRequest, job_id: int) -> HttpResponse:
    job = selectors.job_for(request.user, job_id)
    return render(request, "exports/job.html", {"job": job})


@require_GET
def job_status(request: MemberRequest, job_id: int) -> HttpResponse:
    """The progress fragment; the page asks for it every second until the job is done."""
    job = selectors.job_for(request.user, job_id)
    return render(request, "exports/job_status.html", {"job": job})


@require_GET
def job_download(request: MemberRequest, job_id: int) -> HttpResponse:
    services.export_jobs_purge()
    job = selectors.job_for(request.user, job_id, with_file=True)
    # Still allowed? A changed role or network ends access to files already made.
    job_check_allowed(job=job, user=request.user)
    if not job.available or job.file is None:
        messages.error(request, _("Dit bestand is er niet (meer). Maak de export opnieuw."))
        return redirect("exports:job", job_id=job.pk)
    services.export_download_record(job=job, actor=request.user, request=request)
    response = HttpResponse(bytes(job.file), content_type=job.content_type)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    response["Cache-Control"] = "no-store"
    return response
