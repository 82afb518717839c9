"""Absences announced ahead of a session: the list to announce one, see them and withdraw
one (the session screen shows them as "afgemeld"; networks.sessions.absences holds the
rules). Thin views: core.permissions for the network (Cap.RECORD_SESSIONS), then the
selector or service.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, network_for, pk_or_404
from vangnet.core.typing import MemberRequest
from vangnet.networks.models import AnnouncedAbsence
from vangnet.networks.sessions.absences import (
    absence_announce,
    absence_reasons,
    absence_withdraw,
)
from vangnet.networks.sessions.forms import AbsenceAnnounceForm
from vangnet.networks.sessions.schedule_services import sessions_generate_from_schedule
from vangnet.networks.sessions.selectors import absences_ahead


@require_http_methods(["GET", "POST"])
def absence_list(request: MemberRequest, network_id: int) -> HttpResponse:
    """Announce an absence ahead of the session, and see (or withdraw) the ones passed on."""
    network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
    today = timezone.localdate()
    sessions_generate_from_schedule(network=network, until=today + dt.timedelta(weeks=4))
    ahead = absences_ahead(network=network, today=today)
    form = AbsenceAnnounceForm(
        request.POST or None,
        people=ahead["people"],
        sessions=ahead["sessions"],
        reasons=absence_reasons(network.organisation),
    )
    if request.method == "POST" and form.is_valid():
        people = {p.pk: p for p in ahead["people"]}
        sessions = {s.pk: s for s in ahead["sessions"]}
        person = people[form.cleaned_data["participant"]]
        try:
            absence_announce(
                session=sessions[form.cleaned_data["session"]],
                participant=person,
                reason=form.cleaned_data["reason"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s is afgemeld.") % {"name": person.display_name})
            return redirect("networks:absence_list", network.pk)
    if ahead["absences"]:
        audit_record(
            actor=request.user,
            action="view",
            object_type="networks.announcedabsence",
            object_id=network.pk,
            detail=f"afmeldingen {len(ahead['absences'])}",
            request=request,
        )
    return render(
        request,
        "networks/absence_list.html",
        {"network": network, "form": form, **ahead},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["POST"])
def absence_delete(request: MemberRequest, network_id: int, absence_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
    absence = (
        AnnouncedAbsence.objects.select_related("participant")
        .filter(pk=pk_or_404(absence_id), session__network=network)
        .first()
    )
    if absence is None:  # already taken away (a second tap, another worker)
        messages.info(request, _("Deze afmelding is er niet meer."))
    else:
        name = absence.participant.display_name
        absence_withdraw(absence=absence, actor=request.user, request=request)
        messages.success(request, _("De afmelding van %(name)s is weggehaald.") % {"name": name})
    return redirect("networks:absence_list", network.pk)
