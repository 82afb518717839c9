"""Reads for sessions (bijeenkomsten) and the session screen, with a bounded number of
queries whatever the number of participants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet
from django.http import Http404

from vangnet.core.compiled_query import CompiledQuery, stand_in
from vangnet.core.network_query import COMPILED_ROLES
from vangnet.core.permissions import Cap, has_cap, network_for, pk_or_404, visible_networks
from vangnet.neighbourhood.selectors import neighbourhood_annotation
from vangnet.networks.models import (
    Activity,
    AnnouncedAbsence,
    Attendance,
    Audience,
    Contribution,
    Network,
    Session,
)
from vangnet.networks.sessions.absences import absence_reasons
from vangnet.networks.sessions.screen_cache import ScreenPerson, screen_base, screen_person
from vangnet.networks.sessions.services import AttendanceMarks
from vangnet.organisations.models import User
from vangnet.participants.models import Participant

_GET_SESSION, _GET_NETWORK = stand_in(), stand_in()


def _stand_in_session_query(with_organisation: bool) -> QuerySet[Session]:
    related = ("updated_by",) if with_organisation else ("network__organisation", "updated_by")
    return Session.objects.select_related(*related).filter(network_id=_GET_NETWORK, pk=_GET_SESSION)


SESSION_QUERY = CompiledQuery(
    Session,
    _stand_in_session_query,
    stand_ins=(_GET_SESSION, _GET_NETWORK),
    required=(_GET_SESSION, _GET_NETWORK),
    name="session",
)
# The session's activities as `session.activities.all()` reads them (Activity's ordering).
ACTIVITIES_QUERY = CompiledQuery(
    Activity,
    lambda _shape: Activity.objects.filter(sessions=_GET_SESSION),
    stand_ins=(_GET_SESSION,),
    required=(_GET_SESSION,),
    name="session activities",
    many=True,
)


def _session(with_organisation: bool, values: dict[int, int]) -> Session:
    session = SESSION_QUERY.first(with_organisation, values)
    if session is None:
        raise Http404
    return session


def session_with_saver(*, network: Network, session_id: int | str) -> Session:
    """The session of this network with who saved it last (`updated_by`), in one query
    compiled once; its network is not read. 404 as `session_get`."""
    return _session(True, {_GET_SESSION: pk_or_404(session_id), _GET_NETWORK: network.pk})


def session_get(*, network: Network, session_id: int | str) -> Session:
    """The session of this network with who saved it last and its activities (two queries,
    compiled once: core.compiled_query), or 404 (also for another network's session). When
    `network` came with its organisation loaded (`network_for(..., related=("organisation",))`)
    that network is the session's, else it is read again with its organisation."""
    with_organisation = Network.organisation.is_cached(network)
    values = {_GET_SESSION: pk_or_404(session_id), _GET_NETWORK: network.pk}
    session = _session(with_organisation, values)
    # Kept as prefetch_related("activities") keeps them: `session.activities.all()` reads no
    # more, and a further filter on it still starts from the session's own activities.
    activities = session.activities.get_queryset()
    activities._result_cache = ACTIVITIES_QUERY.all(None, values)
    activities._prefetch_done = True  # type: ignore[attr-defined]
    session._prefetched_objects_cache = {"activities": activities}  # type: ignore[attr-defined]
    if with_organisation:
        session.network = network
    return session


def sessions_for_save(user: Any, *, lock: bool = False) -> QuerySet[Session]:
    """The sessions of networks `user` may see, with the network, its organisation and the
    neighbourhood flag; locked with their network (`select_for_update`) when `lock`."""
    sessions = Session.objects.all()
    if lock:
        sessions = sessions.select_for_update(of=("self", "network"))
    return (
        sessions.select_related("network__organisation")
        .annotate(**neighbourhood_annotation())
        .filter(network_id__in=visible_networks(user).values("pk"))
    )


_NO_SESSION, _NO_NETWORK, _NO_USER, _NO_ORGANISATION = (stand_in() for _ in range(4))


def _stand_in_save_query(shape: tuple[str, bool]) -> QuerySet[Session]:
    role, lock = shape
    user = User(pk=_NO_USER, organisation_id=_NO_ORGANISATION, role=role)
    return sessions_for_save(user, lock=lock).filter(pk=_NO_SESSION, network_id=_NO_NETWORK)


SAVE_QUERY = CompiledQuery(
    Session,
    _stand_in_save_query,
    stand_ins=(_NO_SESSION, _NO_NETWORK, _NO_USER, _NO_ORGANISATION),
    required=(_NO_SESSION, _NO_NETWORK),
    constants=(*Audience, 1),  # 1: the SELECT 1 of the flag's EXISTS
    name="session save",
)


def session_for_save(
    *, user: Any, network_id: object, session_id: object, lock: bool = False
) -> Session:
    """The session a save of the session screen posts to, with its network and the
    network's organisation, and whether it is for the neighbourhood
    (`neighbourhood_annotation`), in one query: `network_for` and `session_get` in one.
    Anything else answers as they do: 404 for a network the user cannot see or a session
    that is not the network's, 403 for a visible network without the right to record.
    `lock`: the session and its network locked (`select_for_update`) in the caller's
    transaction, as `session_record_attendance(locked=True)` expects."""
    network_pk, session_pk = pk_or_404(network_id), pk_or_404(session_id)
    found: Session | None
    if user.role in COMPILED_ROLES:  # the query compiled once per role (core.compiled_query)
        values = {
            _NO_SESSION: session_pk,
            _NO_NETWORK: network_pk,
            _NO_USER: user.pk,
            _NO_ORGANISATION: user.organisation_id,
        }
        found = SAVE_QUERY.first((str(user.role), lock), values)
    else:
        found = (
            sessions_for_save(user, lock=lock).filter(pk=session_pk, network_id=network_pk).first()
        )
    if found is None or not has_cap(user, Cap.RECORD_SESSIONS):
        network_for(user, network_pk, Cap.RECORD_SESSIONS)  # 404 or 403, as the screen
        raise Http404
    return found


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


@dataclass
class ScreenRow:
    participant: ScreenPerson  # pk and display_name (no model instance: the hot path)
    is_new: bool
    options: list[str]  # contribution choices: the activities' tasks and stored own texts
    is_coming: bool = True
    usual: str | None = None  # the task they did most in the last weeks: a one-tap choice
    stage: str | None = None  # the route's stage as of the session's date (None: no route)
    stage_start: dt.date | None = None  # when that stage began
    key: str = ""  # name_key of the name, for the search
    initials: str = ""  # "jdv" for Jan de Vries


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


def _usual_from(rows: Iterable[tuple[int, str]], tasks: list[str]) -> dict[int, str]:
    """Per person, the most frequent of `tasks` among their (person, task) contributions
    `rows`, newest first (the most recent one wins a tie)."""
    by_key = {task.casefold(): task for task in tasks}
    counts: dict[int, dict[str, int]] = {}
    for pid, task in rows:
        known = by_key.get(str(task).casefold())
        if known is not None:
            mine = counts.setdefault(pid, {})
            mine[known] = mine.get(known, 0) + 1  # dicts keep order: most recent first
    return {pid: max(mine, key=lambda task: mine[task]) for pid, mine in counts.items()}


def usual_tasks(*, session: Session, people: set[int], tasks: list[str]) -> dict[int, str]:
    """Per person, the task of this session they did most often in the last weeks (the most
    recent one on a tie), for the one-tap "+ koken" on the screen. One query."""
    if not people or not tasks:
        return {}
    since = session.date - dt.timedelta(weeks=USUAL_TASK_WEEKS)
    return _usual_from(
        Contribution.objects.filter(
            session__network_id=session.network_id,
            session__date__lt=session.date,
            session__date__gte=since,
            participant_id__in=people,
        )
        .order_by("-session__date", "-session_id")
        .values_list("participant_id", "task"),
        tasks,
    )


@dataclass
class SessionMarks:
    """A session's stored marks and the network's recent contributions, read together."""

    present: set[int] = field(default_factory=set)
    contributions: set[tuple[int, str]] = field(default_factory=set)
    absent: list[tuple[int, str, bool]] = field(default_factory=list)  # (id, reason, by self)
    recent: list[tuple[int, str]] = field(default_factory=list)  # (id, task), newest first


def _marks_sql() -> str:
    """One statement for `session_marks` (every name a constant of the models)."""
    name = connection.ops.quote_name
    attendance, contribution, absence, session = (
        name(model._meta.db_table)
        for model in (Attendance, Contribution, AnnouncedAbsence, Session)
    )
    empty = "CAST(NULL AS DATE), CAST(NULL AS INTEGER)"
    # The names are the models' tables; the values are parameters.
    return (
        f"SELECT 0, participant_id, '', 0, {empty} FROM {attendance} WHERE session_id = %s "  # noqa: S608
        f"UNION ALL SELECT 1, participant_id, task, 0, {empty} FROM {contribution} "
        "WHERE session_id = %s "
        "UNION ALL SELECT 2, participant_id, reason, "
        f"CASE WHEN by_participant THEN 1 ELSE 0 END, {empty} FROM {absence} "
        "WHERE session_id = %s "
        f"UNION ALL SELECT 3, c.participant_id, c.task, 0, s.date, s.id FROM {contribution} c "
        f"JOIN {session} s ON s.id = c.session_id "
        "WHERE s.network_id = %s AND s.date < %s AND s.date >= %s"
    )


def session_marks(*, session: Session) -> SessionMarks:
    """The session's attendance, contributions and announced absences, and the network's
    contributions of the last `USUAL_TASK_WEEKS` weeks before it (for the usual tasks), in
    one query (the ORM's union of four querysets cost more to build than to run)."""
    since = session.date - dt.timedelta(weeks=USUAL_TASK_WEEKS)
    with connection.cursor() as cursor:
        cursor.execute(
            _marks_sql(),
            [session.pk, session.pk, session.pk, session.network_id, session.date, since],
        )
        rows = cursor.fetchall()
    marks = SessionMarks()
    recent = []
    for kind, pid, text, flag, day, number in rows:
        if kind == 0:
            marks.present.add(pid)
        elif kind == 1:
            marks.contributions.add((pid, text))
        elif kind == 2:
            marks.absent.append((pid, text, bool(flag)))
        else:  # the date as the database gives it (SQLite: text): it only orders the rows
            recent.append((str(day), int(number), pid, text))
    recent.sort(key=lambda row: (row[0], row[1]), reverse=True)
    marks.recent = [(pid, text) for _day, _number, pid, text in recent]
    return marks


def session_screen(*, session: Session) -> SessionScreen:
    """Everything the session screen shows. A fixed number of queries: on a second opening
    while the network's facts are unchanged, two (the fact version and the marks)."""
    network = session.network
    base = screen_base(network=network, on=session.date)
    marks = session_marks(session=session)
    present, contributions = marks.present, marks.contributions
    absent = {(pid, reason) for pid, reason, _by in marks.absent}
    people = list(base.people)
    shown = {p.pk for p in people}
    # Someone marked at this session stays visible even if their route ended since.
    missing = (present | {pid for pid, _ in contributions | absent}) - shown
    seen_before = {
        p.pk for p in people if p.first_visit is not None and p.first_visit < session.date
    }
    if missing:
        people += [
            screen_person(pk, name, None)
            for pk, name in Participant.objects.filter(network=network, pk__in=missing)
            .order_by("display_name", "id")
            .values_list("id", "display_name")
        ]
        people.sort(key=lambda p: (p.name.casefold(), p.pk))
        # Came before this session? Only the people added back here have no route.
        seen_before |= set(
            Attendance.objects.filter(participant_id__in=missing, session__date__lt=session.date)
            .values_list("participant_id", flat=True)
            .distinct()
        )
    tasks = session_tasks(session)
    own_texts: dict[int, list[str]] = {}
    for pid, task in sorted(contributions):
        if task not in tasks:
            own_texts.setdefault(pid, []).append(task)
    shown = {p.pk for p in people}
    usual = (
        _usual_from(((pid, task) for pid, task in marks.recent if pid in shown), tasks)
        if tasks
        else {}
    )
    rows = []
    for person in people:
        rows.append(
            ScreenRow(
                participant=person,
                is_new=person.pk not in seen_before,
                options=tasks + own_texts.get(person.pk, []),
                is_coming=person.pk in present
                or person.stage is None
                or person.stage in COMING_STAGES,
                usual=usual.get(person.pk),
                stage=person.stage,
                stage_start=person.stage_start,
                key=person.key,
                initials=person.initials,
            )
        )
    return SessionScreen(
        session=session,
        rows=rows,
        tasks=tasks,
        stored=AttendanceMarks.build(present, contributions, absent),
        reasons=absence_reasons(network.organisation),
        previous_date=base.previous_date,
        last_week={pk for pk in base.last_week if pk in shown},
        present_count=len(present),
        self_announced={pid for pid, _reason, by in marks.absent if by},
        first_timers=[
            row.participant for row in rows if row.is_new and row.participant.pk in present
        ],
    )


def absences_ahead(*, network: Network, today: dt.date, weeks: int = 4) -> dict[str, Any]:
    """What the "afmelden" page needs: the sessions from this week's Monday up to `weeks`
    weeks ahead, and the absences already announced for them (soonest first)."""
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
