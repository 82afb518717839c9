"""Planning pages. Thin: parse input, call the rules, selectors and services, render."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.planning import selectors, services
from vangnet.planning.forms import HoursForm, PlanForm, SettingsForm
from vangnet.planning.staffing import Budget, plan_budget, required_staffing

PLAN_FIELDS = set(PlanForm.base_fields)


def _plan(request: MemberRequest, network) -> tuple[PlanForm, Budget | None]:
    """The plan form (bound to the query string when it has any plan field) and its result."""
    today = timezone.localdate()
    threshold = selectors.planning_settings(network.organisation).second_worker_above
    if PLAN_FIELDS & set(request.GET):
        form = PlanForm(request.GET)
    else:
        facts = selectors.network_facts(network=network, today=today)
        initial = {
            "participants": max(facts.taking_part, network.target_core_size),
            "activity_hours": facts.activity_hours,
            "activities": facts.activities,
            "location": "own" if network.location_id else "rent",
        }
        form = PlanForm(
            {
                name: initial.get(name, field.initial)
                for name, field in PlanForm.base_fields.items()
                if initial.get(name, field.initial) is not None
            }
        )
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    staffing = required_staffing(
        participants=data["participants"],
        activity_hours=data["activity_hours"],
        activities=data["activities"],
        second_worker_above=threshold,
    )
    budget = plan_budget(
        staffing=staffing,
        weeks=data["weeks"],
        activity_budget=data["activity_budget"],
        own_location=data["location"] == "own",
        rent_per_month=data.get("rent_per_month") or Decimal(0),
        replacement_weeks=data.get("replacement_weeks") or 0,
        hourly_rate=data.get("hourly_rate") or Decimal(0),
    )
    return form, budget


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


@require_GET
def network_plan_pdf(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_NETWORK_REPORTS)
    form, budget = _plan(request, network)
    if budget is None:
        messages.error(request, _("Verbeter eerst de fouten in het plan."))
        url = reverse("planning:network_plan", args=[network.pk])
        return redirect(f"{url}?{request.GET.urlencode()}")
    html = render_to_string(
        "planning/plan_pdf.html",
        {"network": network, "budget": budget, "today": timezone.localdate()},
        request=request,
    )
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="plan-netwerk-{network.pk}.pdf"'
    return response


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
