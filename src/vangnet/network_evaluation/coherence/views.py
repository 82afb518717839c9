"""The model of coherence pages: one network's figure with a period to choose, and every
network the user may see as compact figures. Thin: permission, selector, chart, render.
Only figures and dates are shown, never a participant's name or a logbook text."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from vangnet.core.permissions import Cap, has_cap, network_for, require_cap, visible_networks
from vangnet.core.typing import MemberRequest
from vangnet.network_evaluation.coherence.charts import coherence_chart, coherence_strip
from vangnet.network_evaluation.coherence.selectors import (
    Coherence,
    default_period,
    network_coherence,
    organisation_coherence,
)
from vangnet.network_evaluation.forms import PeriodForm
from vangnet.networks.models import Network


def _period(
    request: MemberRequest, start: dt.date, end: dt.date
) -> tuple[PeriodForm, dt.date, dt.date]:
    bound = "van" in request.GET or "tot" in request.GET
    form = PeriodForm(request.GET if bound else None, initial={"van": start, "tot": end})
    if bound and form.is_valid():
        start = form.cleaned_data["van"] or start
        end = form.cleaned_data["tot"] or end
        if end < start:
            start, end = end, start
    return form, start, end


def figure_context(request: MemberRequest, coherence: Coherence) -> dict[str, Any]:
    """What the figure include needs (the evaluation overview passes the same)."""
    return {
        "coherence": coherence,
        "coherence_svg": coherence_chart(coherence),
        "can_logbook": has_cap(request.user, Cap.VIEW_LOGBOOK),
    }


@require_GET
def network(request: MemberRequest, network_id: int) -> HttpResponse:
    found = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    today = timezone.localdate()
    form, start, end = _period(request, *default_period(network=found, today=today))
    coherence = network_coherence(network=found, start=start, end=end)
    return render(
        request,
        "network_evaluation/coherence.html",
        {"network": found, "form": form, **figure_context(request, coherence)},
    )


def _networks(request: MemberRequest) -> QuerySet[Network]:
    return visible_networks(request.user).select_related("location").order_by("name")


@require_GET
def organisation(request: MemberRequest) -> HttpResponse:
    """Coordinators see every network of the organisation; workers the ones they run."""
    require_cap(request.user, Cap.VIEW_EVALUATION)
    today = timezone.localdate()
    form, start, end = _period(request, today - dt.timedelta(days=365), today)
    rows = organisation_coherence(networks=list(_networks(request)), start=start, end=end)
    items = [
        {"coherence": row, "svg": coherence_strip(row, chart_id=f"coherence-{row.network.pk}")}
        for row in rows
    ]
    return render(
        request,
        "network_evaluation/coherence_all.html",
        {"form": form, "start": start, "end": end, "items": items, "letters": "abcdefghi"},
    )
