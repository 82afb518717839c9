"""Data-subject rights from Mijn Vangnet: the person downloads what is stored about them and
asks for erasure (or takes the request back); the worker who may erase sees the open
requests, erases through the existing erasure pages, or declines with a reason."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, pk_or_404, require_cap
from vangnet.myspace import rights_services
from vangnet.myspace.access import participant_required
from vangnet.myspace.models import ParticipantAccount
from vangnet.myspace.rights_selectors import erasure_requests_for, latest_request, own_export_data

if TYPE_CHECKING:
    from vangnet.core.typing import MemberRequest


def _account(request: HttpRequest) -> ParticipantAccount:
    return request.space_account  # type: ignore[attr-defined,no-any-return]


@participant_required
@require_http_methods(["GET", "POST"])
def rights(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    person = account.participant if account.participant is not None else account.client
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "ask":
                rights_services.erasure_request_create(
                    account=account, note=request.POST.get("note", "")[:1000], request=request
                )
                done = _("Je vraag is verstuurd. Je begeleider neemt contact met je op.")
            elif action == "withdraw":
                rights_services.erasure_request_withdraw(account=account, request=request)
                done = _("Je vraag is ingetrokken. Er wordt niets verwijderd.")
            else:
                return HttpResponse(_("Onbekende actie."), status=400)
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, done)
            return redirect(request.path)
    else:
        audit_record(
            actor=None,
            action="view",
            obj=person,
            detail=f"mijn vangnet rechten {rights_services.SELF} (account {account.pk})",
            request=request,
            organisation=account.organisation,
        )
    context = {
        "account": account,
        "latest": latest_request(account=account),
        "errors": errors,
        "note": request.POST.get("note", "")[:300] if errors else "",
    }
    return render(request, "myspace/rights.html", context, status=400 if errors else 200)


@participant_required
@require_GET
def rights_download(request: HttpRequest) -> HttpResponse:
    """Everything stored about the person as a JSON file (without the worker's notes)."""
    account = _account(request)
    person = account.participant if account.participant is not None else account.client
    data = own_export_data(account=account)
    audit_record(
        actor=None,
        action="export",
        obj=person,
        detail=f"json {rights_services.SELF} (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


@require_http_methods(["GET", "POST"])
def erasure_requests(request: MemberRequest) -> HttpResponse:
    """The open erasure requests this worker handles: erase (the existing erasure page) or
    decline with a reason the person reads."""
    require_cap(request.user, Cap.EXERCISE_DATA_RIGHTS)
    rows = erasure_requests_for(request.user)
    errors: list[str] = []
    if request.method == "POST" and not request.POST.get("request_id"):
        errors = [_("Kies een verzoek.")]
    elif request.method == "POST":
        chosen = rows.filter(pk=pk_or_404(request.POST.get("request_id"))).first()
        if chosen is None:
            raise Http404
        try:
            rights_services.erasure_request_decline(
                erasure_request=chosen,
                reason=request.POST.get("reason", "")[:1000],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            errors = list(error.messages)
        else:
            messages.success(request, _("Het verzoek is afgewezen. De persoon leest je reden."))
            return redirect(request.path)
    requests = list(rows)
    if requests:
        audit_record(
            actor=request.user,
            action="view",
            object_type="myspace.erasurerequest",
            detail=f"{len(requests)} open",
            request=request,
        )
    context = {"requests": requests, "errors": errors}
    return render(request, "myspace/erasure_requests.html", context, status=400 if errors else 200)
