"""Pages for the people around a network: the list, adding and changing someone."""

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
from vangnet.volunteers import selectors, services
from vangnet.volunteers.forms import HelperForm


@require_GET
def helper_list(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_NETWORK)
    today = timezone.localdate()
    active = selectors.active_helpers(network=network, today=today)
    return render(
        request,
        "volunteers/list.html",
        {
            "network": network,
            "helpers": selectors.network_helpers(network=network),
            "active_ids": {h.pk for h in active},
            "hours": selectors.helper_hours(active),
            "can_edit": has_cap(request.user, Cap.EDIT_ACTIVITIES),
            "can_accounts": has_cap(request.user, Cap.MANAGE_HELPER_ACCOUNTS),
        },
    )


@require_http_methods(["GET", "POST"])
def helper_edit(request: MemberRequest, network_id: int, helper_id: int = 0) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_ACTIVITIES)
    helper = selectors.helper_for(network=network, helper_id=helper_id) if helper_id else None
    status = 200
    if request.method == "POST":
        form = HelperForm(request.POST, instance=helper)
        if form.is_valid():
            try:
                services.helper_save(
                    network=network,
                    actor=request.user,
                    helper=selectors.helper_for(network=network, helper_id=helper_id)
                    if helper_id
                    else None,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Opgeslagen."))
                return redirect("volunteers:list", network_id=network.pk)
        status = 400
    else:
        form = HelperForm(
            instance=helper, initial=None if helper else {"start_date": timezone.localdate()}
        )
    return render(
        request,
        "volunteers/form.html",
        {"network": network, "form": form, "helper": helper},
        status=status,
    )
