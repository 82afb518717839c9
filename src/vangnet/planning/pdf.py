"""A network's plan and budget: the plan form and its result (page and PDF), and the plan
PDF as an export job (`exports.document_services`): `plan_pdf_check` checks the network and
the plan's figures when it is asked for, `plan_pdf_build` again in the worker, then lays out
the document and writes the audit record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for
from vangnet.networks.models import Network
from vangnet.planning import selectors
from vangnet.planning.forms import PlanForm
from vangnet.planning.staffing import Budget, plan_budget, required_staffing

PLAN_FIELDS = set(PlanForm.base_fields)


def plan_result(
    network: Network, query: Mapping[str, Any], *, today: dt.date
) -> tuple[PlanForm, Budget | None]:
    """The plan form (bound to `query` when it has any plan field, else to the network's
    own figures) and its result (None when the form has errors)."""
    threshold = selectors.planning_settings(network.organisation).second_worker_above
    if PLAN_FIELDS & set(query):
        form = PlanForm(query)
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


def plan_job_query(form: PlanForm) -> dict[str, str]:
    """The job's parameters: the plan's figures as typed (the form re-checks them)."""
    return {name: str(value) for name, value in form.data.items() if name in PLAN_FIELDS}


def plan_pdf_check(user: Any, params: Mapping[str, Any]) -> None:
    """May this user have this plan? Raises Http404 (network out of sight),
    PermissionDenied or ValidationError (the plan has errors)."""
    network = network_for(user, params.get("network_id"), Cap.VIEW_NETWORK_REPORTS)
    _form, budget = plan_result(network, params.get("query") or {}, today=timezone.localdate())
    if budget is None:
        raise ValidationError(_("Verbeter eerst de fouten in het plan."))


def plan_pdf_build(
    user: Any, params: Mapping[str, Any], progress: Callable[[int, int], None]
) -> tuple[str, bytes]:
    """The plan PDF of the network for this user (checked again), audited."""
    network = network_for(user, params.get("network_id"), Cap.VIEW_NETWORK_REPORTS)
    today = timezone.localdate()
    _form, budget = plan_result(network, params.get("query") or {}, today=today)
    if budget is None:
        raise ValidationError(_("Verbeter eerst de fouten in het plan."))
    progress(1, 3)
    html = render_to_string(
        "planning/plan_pdf.html", {"network": network, "budget": budget, "today": today}
    )
    progress(2, 3)
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    data = HTML(string=html).write_pdf()
    audit_record(
        actor=user,
        action="export",
        object_type="planning.network_plan",
        object_id=network.pk,
        detail="pdf",
        organisation=user.organisation,
    )
    return f"plan-netwerk-{network.pk}.pdf", data
