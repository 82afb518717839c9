"""Planning pages. Thin: parse input, call the rules, selectors and services, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.exports.document_services import document_job_request
from vangnet.exports.models import ExportKind
from vangnet.planning import selectors, services
from vangnet.planning.forms import HoursForm, PlanForm, SettingsForm
from vangnet.planning.pdf import plan_job_query, plan_result
from vangnet.planning.staffing import Budget


def _plan(request: MemberRequest, network) -> tuple[PlanForm, Budget | None]:
    return plan_result(network, request.GET, today=timezone.localdate())


@require_GET
def network_plan(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_NETWORK_REPORTS)
    form, budget = _plan(request, network)
    query = request.GET.urlencode() if form.is_bound and request.GET else ""
    return render(
        request,
        "planning/network_plan.html",
        {
            "network": network,
            "form": form,
            "budget": budget,
            "query": query,
            "can_manage": has_cap(request.user, Cap.MANAGE_NETWORK),
            "can_settings": has_cap(request.user, Cap.MANAGE_ORGANISATION),
        },
    )


@require_http_methods(["GET", "POST"])
def network_plan_pdf(request: MemberRequest, network_id: int) -> HttpResponse:
    """POST starts the plan PDF as an export job (the worker makes it, the exports' progress
    page shows it); GET, or a plan with errors, goes back to the plan page."""
    network = network_for(request.user, network_id, Cap.VIEW_NETWORK_REPORTS)
    form, budget = _plan(request, network)
    back = reverse("planning:network_plan", args=[network.pk])
    if request.GET:
        back += f"?{request.GET.urlencode()}"
    if budget is None:
        messages.error(request, _("Verbeter eerst de fouten in het plan."))
        return redirect(back)
    if request.method == "GET":
        return redirect(back)
    job = document_job_request(
        user=request.user,
        kind=ExportKind.NETWORK_PLAN,
        params={"network_id": network.pk, "query": plan_job_query(form)},
        back=back,
    )
    return redirect("exports:job", job_id=job.pk)


@require_http_methods(["GET", "POST"])
def hours(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.RECORD_WORKER_HOURS)
    today = timezone.localdate()
    weeks = selectors.worker_week_hours(network=network, worker=request.user, today=today)
    if request.method == "POST":
        form = HoursForm(request.POST, weeks=weeks)
        if form.is_valid():
            try:
                services.worker_hours_record(
                    network=network,
                    worker=request.user,
                    hours_by_week=form.hours_by_week(),
                    today=today,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Je uren zijn opgeslagen."))
                return redirect("planning:hours", network_id=network.pk)
    else:
        form = HoursForm(weeks=weeks)
    return render(request, "planning/hours.html", {"network": network, "form": form})


@require_http_methods(["GET", "POST"])
def settings_edit(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    organisation = request.user.organisation
    current = selectors.planning_settings(organisation)
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.planning_settings_update(organisation=organisation, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De planningsinstelling is opgeslagen."))
                return redirect("planning:settings")
    else:
        form = SettingsForm(initial={"second_worker_above": current.second_worker_above})
    return render(request, "planning/settings.html", {"form": form})
