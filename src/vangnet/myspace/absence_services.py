"""The participant announces their own absence for a coming session (Mijn Vangnet).

The same announced absence as the worker's (`networks.sessions.absences`), marked
`by_participant`: the session screen shows it pre-filled as "afgemeld", "door deelnemer
zelf". Only sessions of their own network from today on; the reason is empty or one of the
organisation's reasons."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from vangnet.networks.models import AnnouncedAbsence, Session
from vangnet.networks.sessions.absences import (
    absence_announce,
    absence_reasons,
    absence_withdraw,
)

if TYPE_CHECKING:
    from vangnet.participants.models import Participant


def _coming_session(*, participant: Participant, session_id: int, today: dt.date) -> Session:
    session = Session.objects.filter(
        pk=session_id, network_id=participant.network_id, date__gte=today
    ).first()
    if session is None:  # another network's, a past one, or none at all
        raise Http404
    return session


@transaction.atomic
def own_absence_announce(
    *,
    participant: Participant,
    session_id: int,
    reason: str,
    today: dt.date,
    request: HttpRequest | None = None,
) -> AnnouncedAbsence:
    session = _coming_session(participant=participant, session_id=session_id, today=today)
    reason = " ".join(reason.split())
    allowed = {text.casefold() for text in absence_reasons(participant.organisation)}
    if reason and reason.casefold() not in allowed:
        raise ValidationError(_("Kies een reden uit de lijst."), code="unknown_reason")
    return absence_announce(
        session=session,
        participant=participant,
        reason=reason,
        actor=None,
        request=request,
        by_participant=True,
    )


@transaction.atomic
def own_absence_withdraw(
    *,
    participant: Participant,
    session_id: int,
    today: dt.date,
    request: HttpRequest | None = None,
) -> bool:
    """They come after all: their absence for that coming session goes. False when there
    was none (a second tap)."""
    session = _coming_session(participant=participant, session_id=session_id, today=today)
    absence = (
        AnnouncedAbsence.objects.select_related("participant__organisation")
        .filter(session=session, participant=participant)
        .first()
    )
    if absence is None:
        return False
    absence_withdraw(absence=absence, actor=None, request=request, by_participant=True)
    return True
