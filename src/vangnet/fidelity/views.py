"""The method-fidelity pages: every visible network's score with its trend, and the
organisation's weights. Thin: check the capability, call the selector or service, render.
Only figures are shown, never a participant's name."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.permissions import Cap, has_cap, network_for, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.fidelity.forms import WeightsForm
from vangnet.fidelity.score import titles
from vangnet.fidelity.selectors import fidelity_by_network, organisation_weights
from vangnet.fidelity.services import weights_save
from vangnet.organisations.models import ORGANISATION_WIDE_ROLES


@require_GET
def organisation(request: MemberRequest) -> HttpResponse:
    """Coordinators see every network of the organisation; workers the ones they run."""
    require_cap(request.user, Cap.VIEW_EVALUATION)
    user = request.user
    worker = None if user.role in ORGANISATION_WIDE_ROLES else user
    networks = fidelity_by_network(
        organisation=user.organisation, today=timezone.localdate(), worker=worker
    )
    weights = organisation_weights(user.organisation)
    names = titles()
    return render(
        request,
        "fidelity/organisation.html",
        {
            "networks": networks,
            "quarters": [quarter.label for quarter in networks[0].trend] if networks else [],
            "weights": [(names[key], value) for key, value in weights.items()],
            "can_edit": has_cap(user, Cap.MANAGE_FIDELITY),
        },
    )


@require_GET
def network(request: MemberRequest, network_id: int) -> HttpResponse:
    """One network's components and trend: a page, or the network page's section when
    htmx asks for it (the `HX-Request` header)."""
    found = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    scores = fidelity_by_network(
        organisation=request.user.organisation,
        today=timezone.localdate(),
        network_ids=[found.pk],
    )
    context = {"network": found, "fidelity": scores[0], "visible": True, "loaded": True}
    if request.headers.get("HX-Request"):
        return render(request, "fidelity/includes/network_section.html", context)
    return render(request, "fidelity/network.html", context)


@require_http_methods(["GET", "POST"])
def weights(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_FIDELITY)
    current = organisation_weights(request.user.organisation)
    form = WeightsForm(request.POST or None, initial=current)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                weights_save(user=request.user, values=form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("De gewichten zijn opgeslagen."))
                return redirect("fidelity:organisation")
        status = 400
    return render(
        request,
        "fidelity/weights.html",
        {"form": form, "total": sum(current.values())},
        status=status,
    )
