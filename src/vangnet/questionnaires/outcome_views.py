"""Outcome pages (VIEW_EVALUATION): the meedoen score then/now per network and pooled.

Figures of a group with fewer than VANGNET_SMALL_CELL_K people are never shown.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for, require_cap, visible_networks
from vangnet.core.typing import MemberRequest
from vangnet.organisations.models import ORGANISATION_WIDE_ROLES
from vangnet.questionnaires.charts import dumbbell_chart, participant_label
from vangnet.questionnaires.outcome_selectors import network_outcome, organisation_outcome

AUDIT_TYPE = "questionnaires.outcomes"

# ?ingevuld=zelf / ?ingevuld=interviewer: only self-filled or interviewer-filled responses.
FILLED_PARAM = {"zelf": "self", "interviewer": "interviewer"}


def _filled(request: MemberRequest) -> tuple[str, str]:
    """The chosen filter (selector value, address value); anything else means every response."""
    value = request.GET.get("ingevuld", "")
    return (FILLED_PARAM[value], value) if value in FILLED_PARAM else ("", "")


@require_http_methods(["GET"])
def network_outcomes(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    filled, filled_value = _filled(request)
    outcome = network_outcome(network=network, filled=filled)
    shown = not outcome.change.suppressed
    # Sorted by score, not by date, so the numbers cannot be matched to interview dates.
    pairs = sorted(outcome.pairs)
    rows = [
        {"label": participant_label(i), "then": then, "now": now, "change": now - then}
        for i, (then, now) in enumerate(pairs)
    ]
    audit_record(
        actor=request.user,
        action="view",
        object_type=AUDIT_TYPE,
        object_id=network.pk,
        request=request,
    )
    return render(
        request,
        "questionnaires/network_outcomes.html",
        {
            "network": network,
            "outcome": outcome,
            "change": outcome.change,
            "rows": rows if shown else [],
            "svg": dumbbell_chart(pairs) if shown else "",
            "filled": filled_value,
        },
    )


@require_http_methods(["GET"])
def organisation_outcomes(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_EVALUATION)
    if request.user.role not in ORGANISATION_WIDE_ROLES:
        raise PermissionDenied
    networks = visible_networks(request.user).order_by("name")
    filled, filled_value = _filled(request)
    data = organisation_outcome(networks=networks, filled=filled)
    data["filled"] = filled_value
    return render(request, "questionnaires/organisation_outcomes.html", data)
