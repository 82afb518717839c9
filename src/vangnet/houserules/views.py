"""House rules pages: the rules with their versions, and recording a new version."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.houserules import selectors, services
from vangnet.houserules.forms import HouseRulesForm


@require_GET
def detail(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_NETWORK)
    versions = selectors.house_rules_versions(network=network)
    return render(
        request,
        "houserules/detail.html",
        {
            "network": network,
            "current": versions[0] if versions else None,
            "older": versions[1:],
            "can_edit": has_cap(request.user, Cap.EDIT_ACTIVITIES),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_ACTIVITIES)
    current = selectors.current_house_rules(network=network)
    status = 200
    if request.method == "POST":
        form = HouseRulesForm(request.POST)
        if form.is_valid():
            try:
                services.house_rules_record(
                    network=network,
                    text=form.cleaned_data["text"],
                    agreed_on=form.cleaned_data["agreed_on"],
                    actor=request.user,
                    today=timezone.localdate(),
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De huisregels zijn opgeslagen."))
                return redirect("houserules:detail", network_id=network.pk)
        status = 400
    else:
        form = HouseRulesForm(
            initial={
                "text": current.text if current else "",
                "agreed_on": timezone.localdate(),
            }
        )
    return render(
        request,
        "houserules/edit.html",
        {"network": network, "form": form, "current": current},
        status=status,
    )
