"""Support pages: record, list and delete ties; the sociogram. Thin: parse, call, render.

Access (core.permissions): the tie list needs VIEW_PARTICIPANTS, recording and deleting
EDIT_PARTICIPANTS, the sociogram VIEW_NETWORK_REPORTS (names only with VIEW_PARTICIPANTS, otherwise
anonymous numbers). Every page that shows ties or names is audited once per request.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.participants.fact_cache import keep_version_for_this_read
from vangnet.support import selectors, services
from vangnet.support.forms import SupportTieForm
from vangnet.support.sociogram_page import sociogram_content

LIST_AUDIT_TYPE = "support.ties"
SOCIOGRAM_AUDIT_TYPE = "support.sociogram"
TIE_LIST_LIMIT = 200


def _giver_from_query(request, network):
    value = request.GET.get("van", "")
    if not value.isdigit() or len(value) > 18:
        return None
    return selectors.participant_choices(network=network).filter(pk=int(value)).first()


@require_http_methods(["GET"])
def tie_list(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_PARTICIPANTS)
    ties = selectors.network_ties(network=network, limit=TIE_LIST_LIMIT)
    audit_record(
        actor=request.user,
        action="view",
        object_type=LIST_AUDIT_TYPE,
        object_id=network.pk,
        request=request,
    )
    return render(
        request,
        "support/tie_list.html",
        {
            "network": network,
            "ties": ties,
            "limited": len(ties) == TIE_LIST_LIMIT,
            "can_edit": has_cap(request.user, Cap.EDIT_PARTICIPANTS),
        },
    )


@require_http_methods(["GET", "POST"])
def tie_create(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_PARTICIPANTS)
    giver = _giver_from_query(request, network) if request.method == "GET" else None
    form = SupportTieForm(
        request.POST if request.method == "POST" else None, network=network, giver=giver
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.support_tie_create(
                network=network,
                giver=data["giver"],
                receiver=data["receiver"],
                support_type=data["support_type"],
                date=data["date"],
                outside_hours=data["outside_hours"],
                note=data["note"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De steun is vastgelegd."))
            if request.POST.get("next") == "again":
                return redirect("support:tie_create", network_id=network.pk)
            return redirect("support:tie_list", network_id=network.pk)
    # The form lists the network's participants by name: a read of personal data.
    audit_record(
        actor=request.user,
        action="view",
        object_type=LIST_AUDIT_TYPE,
        object_id=network.pk,
        detail="tie form",
        request=request,
    )
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request, "support/tie_form.html", {"network": network, "form": form}, status=status
    )


@require_POST
def tie_delete(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_PARTICIPANTS)
    tie_id = request.POST.get("tie", "")
    if not tie_id.isdigit() or len(tie_id) > 18:
        messages.error(request, _("Kies een steunrelatie om te verwijderen."))
        return redirect("support:tie_list", network_id=network.pk)
    tie = selectors.tie_get(network=network, tie_id=tie_id)
    services.support_tie_delete(tie=tie, actor=request.user, request=request)
    messages.success(request, _("De steunrelatie is verwijderd."))
    return redirect("support:tie_list", network_id=network.pk)


@require_http_methods(["GET"])
def sociogram(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_NETWORK_REPORTS)
    with_names = has_cap(request.user, Cap.VIEW_PARTICIPANTS)
    keep_version_for_this_read(network)
    content = sociogram_content(
        network=network,
        query=request.GET,
        today=timezone.localdate(),
        with_names=with_names,
        can_edit=has_cap(request.user, Cap.EDIT_PARTICIPANTS),
    )
    audit_record(
        actor=request.user,
        action="view",
        object_type=SOCIOGRAM_AUDIT_TYPE,
        object_id=network.pk,
        detail="names" if with_names else "aggregate (anonymous numbers)",
        request=request,
    )
    return render(request, "support/sociogram.html", {"network": network, "content": content})
