"""The participant's coming sessions (Mijn Vangnet, *Wanneer is de groep?*): announce an
absence ("Ik kom niet", with a reason from the organisation's list), take it back ("Ik kom
toch") and download the sessions as a calendar file. Participants only: a client has no
group sessions (404)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import pk_or_404
from vangnet.myspace.absence_selectors import COMING_WEEKS, ComingSession, coming_sessions
from vangnet.myspace.absence_services import own_absence_announce, own_absence_withdraw
from vangnet.myspace.access import participant_required
from vangnet.myspace.ics import coming_sessions_ical
from vangnet.myspace.models import ParticipantAccount
from vangnet.myspace.services import SELF
from vangnet.networks.sessions.absences import absence_reasons
from vangnet.networks.sessions.schedule_services import sessions_generate_from_schedule
from vangnet.participants.models import Participant


def _participant(request: HttpRequest) -> tuple[ParticipantAccount, Participant]:
    account: ParticipantAccount = request.space_account  # type: ignore[attr-defined]
    if account.participant is None:
        raise Http404
    return account, account.participant


def _rows(participant: Participant) -> list[ComingSession]:
    today = timezone.localdate()
    # The worker's afmelden page does the same: the schedule's sessions exist ahead.
    sessions_generate_from_schedule(
        network=participant.network, until=today + dt.timedelta(weeks=COMING_WEEKS)
    )
    return coming_sessions(participant=participant, today=today)


@participant_required
@require_http_methods(["GET", "POST"])
def absences(request: HttpRequest) -> HttpResponse:
    account, participant = _participant(request)
    if request.method == "POST":
        session_id = pk_or_404(request.POST.get("session"))
        today = timezone.localdate()
        try:
            if request.POST.get("action") == "come":
                own_absence_withdraw(
                    participant=participant, session_id=session_id, today=today, request=request
                )
                messages.success(request, _("Fijn dat je toch komt. Je begeleider ziet het."))
            else:
                own_absence_announce(
                    participant=participant,
                    session_id=session_id,
                    reason=request.POST.get("reason", "")[:100],
                    today=today,
                    request=request,
                )
                messages.success(request, _("Je bent afgemeld. Je begeleider ziet het meteen."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("myspace:absences")
    rows = _rows(participant)
    audit_record(
        actor=None,
        action="view",
        obj=participant,
        detail=f"mijn vangnet bijeenkomsten {SELF} (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )
    context = {
        "account": account,
        "rows": rows,
        "reasons": absence_reasons(account.organisation),
    }
    return render(request, "myspace/absences.html", context)


@participant_required
@require_GET
def calendar_file(request: HttpRequest) -> HttpResponse:
    account, participant = _participant(request)
    rows = _rows(participant)
    audit_record(
        actor=None,
        action="export",
        obj=participant,
        detail=f"mijn vangnet agenda {SELF} (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )
    body = coming_sessions_ical(network_name=participant.network.name, rows=rows)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-bijeenkomsten.ics"'
    return response
