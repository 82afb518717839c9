"""The worker's side of Mijn Vangnet: switching it on, handing out and revoking codes.

A code is shown once, on a printable card with its QR code (only its hash is kept). The
worker of a participant (edit_participants, through `core.permissions.participant_for`) or
of a network-support client (`support.map_selectors.client_for`) makes it; the coordinator
switches the space on per network, the organisation admin for the clients.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for, participant_for, pk_or_404, require_cap
from vangnet.core.security import qr_svg
from vangnet.myspace import services
from vangnet.myspace.models import ActivationCode
from vangnet.myspace.selectors import access_status, clients_space_on, network_space_on
from vangnet.support.map_selectors import client_for

if TYPE_CHECKING:
    from vangnet.core.typing import MemberRequest
    from vangnet.participants.models import Participant
    from vangnet.support.models import Client


def _card(request: MemberRequest, new: services.NewCode, name: str, back: str) -> HttpResponse:
    link = request.build_absolute_uri(reverse("myspace:activate")) + "?code=" + new.code
    context = {
        "name": name,
        "code": new.code,
        "number": new.account.number,
        "expires_at": new.record.expires_at,
        "qr": qr_svg(link),
        "link": request.build_absolute_uri(reverse("myspace:activate")),
        "back": back,
    }
    return render(request, "myspace/card.html", context)


def _access(
    request: MemberRequest,
    *,
    participant: Participant | None = None,
    client: Client | None = None,
) -> HttpResponse:
    person = participant if participant is not None else client
    assert person is not None
    here = request.path
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "new_code":
                new = services.code_create(
                    actor=request.user, participant=participant, client=client, request=request
                )
                return _card(request, new, person.display_name, here)
            status = access_status(
                organisation=request.user.organisation, participant=participant, client=client
            )
            if action == "revoke" and status.account is not None:
                code = ActivationCode.objects.filter(
                    account=status.account, pk=pk_or_404(request.POST.get("code_id"))
                ).first()
                if code is None:
                    raise Http404
                services.code_revoke(code=code, actor=request.user, request=request)
                messages.success(request, _("De code is ingetrokken."))
            elif action == "close" and status.account is not None:
                services.account_close(account=status.account, actor=request.user, request=request)
                messages.success(request, _("De toegang tot Mijn Vangnet is gestopt."))
            else:
                return HttpResponse(_("Onbekende actie."), status=400)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(here)
    status = access_status(
        organisation=request.user.organisation, participant=participant, client=client
    )
    audit_record(
        actor=request.user, action="view", obj=person, detail="mijn vangnet", request=request
    )
    context = {"person": person, "status": status, "is_client": client is not None}
    return render(request, "myspace/access.html", context)


@require_http_methods(["GET", "POST"])
def participant_access(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = participant_for(request.user, participant_id, Cap.EDIT_PARTICIPANTS)
    return _access(request, participant=participant)


@require_http_methods(["GET", "POST"])
def client_access(request: MemberRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id)
    require_cap(request.user, Cap.EDIT_PARTICIPANTS)
    return _access(request, client=client)


@require_http_methods(["GET", "POST"])
def network_switch(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.MANAGE_NETWORK)
    if request.method == "POST":
        on = request.POST.get("on") == "1"
        services.space_switch_set(
            organisation=request.user.organisation,
            network=network,
            on=on,
            actor=request.user,
            request=request,
        )
        messages.success(
            request, _("Mijn Vangnet staat nu aan.") if on else _("Mijn Vangnet staat nu uit.")
        )
        return redirect(request.path)
    context = {"network": network, "on": network_space_on(network_id=network.pk)}
    return render(request, "myspace/switch.html", context)


@require_http_methods(["GET", "POST"])
def clients_switch(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    organisation = request.user.organisation
    if request.method == "POST":
        on = request.POST.get("on") == "1"
        services.space_switch_set(
            organisation=organisation, network=None, on=on, actor=request.user, request=request
        )
        messages.success(
            request, _("Mijn Vangnet staat nu aan.") if on else _("Mijn Vangnet staat nu uit.")
        )
        return redirect(request.path)
    context = {"network": None, "on": clients_space_on(organisation=organisation)}
    return render(request, "myspace/switch.html", context)
