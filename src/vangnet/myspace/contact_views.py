"""The person decides themselves, per person on their network map, whether the worker may
contact them (network support: the client's consent per contact person). The same
decision and history as on the worker's map page (`support.contact_services.alter_set_consent`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import pk_or_404
from vangnet.myspace.access import participant_required
from vangnet.myspace.models import ParticipantAccount
from vangnet.support.contact_services import alter_set_consent
from vangnet.support.models import Alter, Consent, NetworkMap


def latest_map(account: ParticipantAccount) -> NetworkMap | None:
    maps = NetworkMap.objects.filter(participant=account.participant, client=account.client)
    if account.participant is None and account.client is None:
        return None
    return maps.order_by("-wave_date", "-pk").first()


@participant_required
@require_http_methods(["GET", "POST"])
def contacts(request: HttpRequest) -> HttpResponse:
    account: ParticipantAccount = request.space_account  # type: ignore[attr-defined]
    network_map = latest_map(account)
    people = (
        list(Alter.objects.present().filter(network_map=network_map).order_by("name", "pk"))
        if network_map is not None
        else []
    )
    if request.method == "POST":
        alter = next((a for a in people if a.pk == pk_or_404(request.POST.get("alter"))), None)
        if alter is None:
            raise Http404
        try:
            alter_set_consent(
                alter=alter,
                consent=request.POST.get("consent", ""),
                actor=None,
                request=request,
                by_person=True,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Bewaard. Je begeleider ziet het meteen."))
        return redirect("myspace:contacts")
    person = account.participant if account.participant is not None else account.client
    audit_record(
        actor=None,
        action="view",
        obj=person,
        detail=f"mijn vangnet contactpersonen door deelnemer zelf (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )
    context = {"account": account, "people": people, "choices": Consent.choices}
    return render(request, "myspace/contacts.html", context)
