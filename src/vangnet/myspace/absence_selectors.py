"""Reads for the participant's coming sessions (Mijn Vangnet, *Wanneer is de groep?*): the
sessions of their own network from today up to COMING_WEEKS ahead, with their announced
absence if they have one. Two queries whatever the number of sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from vangnet.networks.models import AnnouncedAbsence, Session

if TYPE_CHECKING:
    from vangnet.participants.models import Participant

COMING_WEEKS = 4


@dataclass(frozen=True)
class ComingSession:
    session: Session
    what: str  # the activities' names, or a one-off session's title
    start: dt.datetime | None  # aware; None when no activity gives a time
    end: dt.datetime | None
    absence: AnnouncedAbsence | None  # their own announced absence


def session_times(session: Session) -> tuple[dt.datetime | None, dt.datetime | None]:
    """From the earliest activity's start to the latest activity's end, in local time; no
    times for a session without activities (a one-off day)."""
    spans = []
    for activity in session.activities.all():
        start = timezone.make_aware(dt.datetime.combine(session.date, activity.start_time))
        spans.append((start, start + dt.timedelta(minutes=activity.duration_minutes)))
    if not spans:
        return None, None
    return min(start for start, _end in spans), max(end for _start, end in spans)


def coming_sessions(*, participant: Participant, today: dt.date) -> list[ComingSession]:
    """The sessions of the participant's network from today up to COMING_WEEKS weeks ahead,
    soonest first. Only their own absences are read."""
    sessions = list(
        Session.objects.filter(
            network_id=participant.network_id,
            date__gte=today,
            date__lte=today + dt.timedelta(weeks=COMING_WEEKS),
        )
        .prefetch_related("activities")
        .order_by("date", "id")
    )
    absences = {
        absence.session_id: absence
        for absence in AnnouncedAbsence.objects.filter(
            participant=participant, session__in=sessions
        )
    }
    rows = []
    for session in sessions:
        start, end = session_times(session)
        names = [activity.name for activity in session.activities.all()]
        rows.append(
            ComingSession(
                session=session,
                what=session.title or ", ".join(names),
                start=start,
                end=end,
                absence=absences.get(session.pk),
            )
        )
    return rows
