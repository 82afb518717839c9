"""Reads for sessions (bijeenkomsten) and the session screen, with a bounded number of
queries whatever the number of participants."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.http import Http404

from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Network, Session
from vangnet.networks.sessions.absences import absence_reasons
from vangnet.networks.sessions.services import AttendanceMarks
from vangnet.participants.selectors import participants_for_session_screen

if TYPE_CHECKING:
    from vangnet.participants.models import Participant


def session_get(*, network: Network, session_id: int | str) -> Session:
    """The session of this network, or 404 (also for another network's session)."""
    try:
        return (
            Session.objects.select_related("network__organisation", "updated_by")
            .prefetch_related("activities")
            .get(network=network, pk=int(session_id))
        )
    except (TypeError, ValueError, Session.DoesNotExist) as exc:
        raise Http404 from exc


def session_of_week(*, network: Network, today: dt.date) -> Session | None:
    """This ISO week's session: the latest on or before today, else the next one this week."""
    monday = today - dt.timedelta(days=today.weekday())
    sunday = monday + dt.timedelta(days=6)
    week = Session.objects.filter(network=network, date__gte=monday, date__lte=sunday)
    earlier = week.filter(date__lte=today).order_by("-date", "-id").first()
    if earlier is not None:
        return earlier
    return week.filter(date__gt=today).order_by("date", "id").first()


def sessions_for_list(*, network: Network, today: dt.date, recent: int = 12) -> dict[str, Any]:
    """Upcoming sessions (after today, soonest first) and the most recent ones (on or before
    today, newest first), each annotated with present and contribution counts."""
    base = (
        Session.objects.filter(network=network)
        .annotate(
            present_count=Count("attendances", distinct=True),
            contribution_count=Count("contributions", distinct=True),
        )
        .prefetch_related("activities")
    )
    upcoming = list(base.filter(date__gt=today).order_by("date", "id")[:recent])
    past = list(base.filter(date__lte=today).order_by("-date", "-id")[:recent])
    return {"upcoming": upcoming, "recent": past}


# Route stages of people who are coming these weeks; the others (invited but not yet come,
# dropped out) are listed apart, folded, so the list a worker scrolls through stays short.
COMING_STAGES = {"acquainted", "settling", "steady", "returned"}


def _is_coming(person: Any) -> bool:
    # People added to the list because they are marked at this session have no route here.
    route = getattr(person, "route", None)
    return route is None or route.current in COMING_STAGES


@dataclass
class ScreenRow:
    participant: Participant
    is_new: bool
    options: list[str]  # contribution choices: the activities' tasks and stored own texts
    is_coming: bool = True
    usual: str | None = None  # the task they did most in the last weeks: a one-tap choice


@dataclass
class SessionScreen:
    session: Session
    rows: list[ScreenRow]
    tasks: list[str]
    stored: AttendanceMarks  # the state in the database right now
    present_count: int = 0
    first_timers: list[Any] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)  # the organisation's absence reasons
    last_week: set[int] = field(default_factory=set)  # present at the previous recorded one
    previous_date: dt.date | None = None  # of the previous recorded session
    # Announced absent by the participant themselves (Mijn Vangnet): "door deelnemer zelf".
    self_announced: set[int] = field(default_factory=set)


def session_tasks(session: Session) -> list[str]:
    """The contribution choices of a session: its activities' tasks, in order, once each."""
    tasks: list[str] = []
    for activity in session.activities.all():
        for task in activity.tasks or []:
            text = " ".join(str(task).split())
            if text and text.casefold() not in {t.casefold() for t in tasks}:
                tasks.append(text)
    return tasks


# How far back a person's usual task is looked for.
USUAL_TASK_WEEKS = 8


def usual_tasks(*, session: Session, people: set[int], tasks: list[str]) -> dict[int, str]:
    """Per person, the task of this session they did most often in the last weeks (the most
    recent one on a tie), for the one-tap "+ koken" on the screen. One query."""
    if not people or not tasks:
        return {}
    by_key = {task.casefold(): task for task in tasks}
    since = session.date - dt.timedelta(weeks=USUAL_TASK_WEEKS)
    counts: dict[int, dict[str, int]] = {}
    for pid, task in (
        Contribution.objects.filter(
            session__network_id=session.network_id,
            session__date__lt=session.date,
            session__date__gte=since,
            participant_id__in=people,
        )
        .order_by("-session__date", "-session_id")
        .values_list("participant_id", "task")
    ):
        known = by_key.get(str(task).casefold())
        if known is not None:
            mine = counts.setdefault(pid, {})
            mine[known] = mine.get(known, 0) + 1  # dicts keep order: most recent first
    return {pid: max(mine, key=lambda task: mine[task]) for pid, mine in counts.items()}


def session_screen(*, session: Session) -> SessionScreen:
    """Everything the session screen shows. A fixed number of queries."""
    from vangnet.participants.models import Participant

    network = session.network
    participants = participants_for_session_screen(network=network, on=session.date)
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    contributions = set(
        Contribution.objects.filter(session=session).values_list("participant_id", "task")
    )
    absent_rows = list(
        AnnouncedAbsence.objects.filter(session=session).values_list(
            "participant_id", "reason", "by_participant"
        )
    )
    absent = {(pid, reason) for pid, reason, _by in absent_rows}
    shown = {p.pk for p in participants}
    # Someone marked at this session stays visible even if their route ended since.
    missing = (present | {pid for pid, _ in contributions | absent}) - shown
    if missing:
        participants += list(Participant.objects.filter(network=network, pk__in=missing))
        participants.sort(key=lambda p: (p.display_name.casefold(), p.pk))
    # Came before this session? Their route (derived as of this date) knows the first visit;
    # only people added back above are looked up.
    seen_before = {
        p.pk
        for p in participants
        if hasattr(p, "route") and p.route.first_visit and p.route.first_visit < session.date
    }
    unknown = [p.pk for p in participants if not hasattr(p, "route")]
    if unknown:
        seen_before |= set(
            Attendance.objects.filter(participant_id__in=unknown, session__date__lt=session.date)
            .values_list("participant_id", flat=True)
            .distinct()
        )
    previous, previous_date = (
        Session.objects.filter(network=network, recorded=True, date__lt=session.date)
        .order_by("-date", "-id")
        .values_list("pk", "date")
        .first()
    ) or (None, None)
    last_week = (
        set(Attendance.objects.filter(session_id=previous).values_list("participant_id", flat=True))
        if previous
        else set()
    )
    tasks = session_tasks(session)
    own_texts: dict[int, list[str]] = {}
    for pid, task in sorted(contributions):
        if task not in tasks:
            own_texts.setdefault(pid, []).append(task)
    usual = usual_tasks(session=session, people={p.pk for p in participants}, tasks=tasks)
    rows = [
        ScreenRow(
            participant=person,
            is_new=person.pk not in seen_before,
            options=tasks + own_texts.get(person.pk, []),
            is_coming=person.pk in present or _is_coming(person),
            usual=usual.get(person.pk),
        )
        for person in participants
    ]
    return SessionScreen(
        session=session,
        rows=rows,
        tasks=tasks,
        stored=AttendanceMarks.build(present, contributions, absent),
        reasons=absence_reasons(network.organisation),
        previous_date=previous_date,
        last_week={pk for pk in last_week if pk in {p.pk for p in participants}},
        present_count=len(present),
        self_announced={pid for pid, _reason, by in absent_rows if by},
        first_timers=[
            row.participant for row in rows if row.is_new and row.participant.pk in present
        ],
    )


def absences_ahead(*, network: Network, today: dt.date, weeks: int = 4) -> dict[str, Any]:
    """What the "afmelden" page needs: the sessions from this week's Monday up to `weeks`
    weeks ahead, and the absences already announced for them (soonest first)."""
    from vangnet.participants.models import Participant

    monday = today - dt.timedelta(days=today.weekday())
    sessions = list(
        Session.objects.filter(
            network=network, date__gte=monday, date__lte=today + dt.timedelta(weeks=weeks)
        ).order_by("date", "id")
    )
    absences = list(
        AnnouncedAbsence.objects.filter(session__in=sessions)
        .select_related("session", "participant")
        .order_by("session__date", "participant__display_name", "id")
    )
    people = list(Participant.objects.filter(network=network).order_by("display_name", "id"))
    return {"sessions": sessions, "absences": absences, "people": people}
