"""The participant (or network-support client) gives or withdraws their consent per purpose
(their network map, contact with the people on it, research, photos when the organisation
takes them). The same
consent records as the worker's (`privacy.ConsentRecord`, `privacy.services.
consent_set_by_participant`); the effect holds at once where the data is used
(docs/privacy.md, "Consent per purpose")."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.myspace.access import participant_required
from vangnet.myspace.consent_selectors import own_purposes
from vangnet.myspace.models import ParticipantAccount
from vangnet.myspace.services import SELF
from vangnet.privacy.services import consent_set_by_participant


@participant_required
@require_http_methods(["GET", "POST"])
def consents(request: HttpRequest) -> HttpResponse:
    account: ParticipantAccount = request.space_account  # type: ignore[attr-defined]
    participant, client = account.participant, account.client
    person = participant if participant is not None else client
    purposes = own_purposes(participant=participant, client=client)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        if kind not in {purpose.kind for purpose in purposes}:
            raise Http404
        try:
            consent_set_by_participant(
                participant=participant,
                client=client,
                kind=kind,
                given=request.POST.get("given") == "yes",
                request=request,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            now = next(
                p for p in own_purposes(participant=participant, client=client) if p.kind == kind
            )
            messages.success(request, now.effect)
        return redirect("myspace:consents")
    audit_record(
        actor=None,
        action="view",
        obj=person,
        detail=f"mijn vangnet toestemmingen {SELF} (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )
    return render(request, "myspace/consents.html", {"account": account, "purposes": purposes})
