"""What the dashboard's route figures read (`dashboards.routes.load_route_counts`): five
queries (sessions, attendance marks, marks elsewhere, route events, participants;
values_list only) and what is made of their rows whatever the period (`Prepared`).

Two extents:

- the whole history up to `as_of` (`since` None): what deriving the routes needs;
- only the facts from `since` on (`since` = the start of the earliest period asked minus
  the dropout time): enough when every route is taken from the route cache's kept entries
  (`participants.route_cache.kept_routes`), since a period's figures then need only its own
  sessions and marks and, per person, whether any fact of theirs lies after `since`. A
  network's history of five years is read as its last year and a few weeks.

What the two give is the same for every period starting on or after `since` plus the
dropout time (tests/dashboards/test_windowed_route_facts.py compares them)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Subquery

from vangnet.networks.models import Attendance, Session
from vangnet.participants.fact_cache import database_date, fact_scopes
from vangnet.participants.models import Participant, RouteEvent
from vangnet.participants.route import RecordedEvent, Route


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class RouteFacts:
    """What `load_route_counts` reads for some networks up to `as_of` (from `since` on, or
    the whole history when None), whatever the period: the five queries' rows and each
    participant's route once derived or taken from the route cache. One look at the
    dashboard asks for two periods ending on the same day (the chosen period and the
    fidelity column's quarter): the second reads and derives nothing again."""

    sessions: list[tuple[int, int, dt.date, bool]]  # id, network, date, recorded
    marks: list[tuple[int, int]]  # participant, session (of these networks or not)
    # The people's marks at sessions of other networks up to as_of: participant, date.
    elsewhere: list[tuple[int, dt.date]]
    events: dict[int, list[RecordedEvent]]
    people: list[tuple[int, int, dt.date | None]]  # id, network, invited on
    since: dt.date | None = None  # the first day read; None: the whole history
    routes: dict[int, Route] = field(default_factory=dict)
    kept_asked: set[int] = field(default_factory=set)  # networks whose kept routes were asked
    prepared: Prepared | None = None  # made by the first period asked (`load_route_counts`)

    def covers(self, settled: dt.date) -> bool:
        """Whether these facts tell, for a period whose people are settled before
        `settled`, each person's last fact from `settled` on (and every session and mark
        of the period, which starts later)."""
        return self.since is None or self.since <= settled


def read_facts(
    *, organisation, ids: list[int] | None, as_of: dt.date, since: dt.date | None = None
) -> RouteFacts:
    """The five queries for the networks `ids` (None: all of `organisation`) up to `as_of`,
    from `since` on when given (module docstring)."""
    networks, people = fact_scopes(organisation=organisation, network_ids=ids)
    window = {} if since is None else {"date__gte": since}
    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for participant_id, pk, stage, day in RouteEvent.objects.filter(
        **people, **window, date__lte=as_of
    ).values_list("participant_id", "id", "stage", "date"):
        events[participant_id].append(RecordedEvent(stage=stage, date=day, id=pk))
    if since is None:  # every mark of the people (by the index on participant)
        marks = Attendance.objects.filter(**people)
    else:  # the marks at the window's sessions (by the index on session)
        at = {f"session__{name}": value for name, value in networks.items()}
        marks = Attendance.objects.filter(**at, session__date__gte=since, session__date__lte=as_of)
    return RouteFacts(
        sessions=list(
            Session.objects.filter(**networks, **window, date__lte=as_of).values_list(
                "id", "network_id", "date", "recorded"
            )
        ),
        marks=list(marks.values_list("participant_id", "session_id")),
        elsewhere=_marks_elsewhere(organisation, ids, people, as_of=as_of, since=since),
        events=dict(events),
        people=list(
            Participant.objects.filter(**networks).values_list("id", "network_id", "invited_on")
        ),
        since=since,
    )


def _marks_elsewhere(
    organisation, ids: list[int] | None, people: dict, *, as_of: dt.date, since: dt.date | None
) -> list[tuple[int, dt.date]]:
    """The people's marks at sessions of networks not read (up to `as_of`, from `since`):
    their routes see every mark of theirs, as `participants.selectors.attach_routes` (the
    route cache) does. Rare, most often none: a query of its own rather than the session's
    date on every mark row."""
    if ids is None:  # all of the organisation: only another organisation's (none)
        rows = Attendance.objects.filter(**people, session__date__lte=as_of).exclude(
            session__network__organisation=organisation
        )
        if since is not None:
            rows = rows.filter(session__date__gte=since)
        return list(rows.values_list("participant_id", "session__date"))
    # An anti-join on the people's marks (by the index on participant), the date looked up
    # only for the marks left: joining every mark to its session would make the database
    # hash every session of every network.
    own = Session.objects.filter(network_id__in=ids, pk=OuterRef("session_id"))
    day = Session.objects.filter(pk=OuterRef("session_id")).order_by().values("date")[:1]
    left = (
        Attendance.objects.filter(**people)
        .filter(~Exists(own))
        .annotate(day=Subquery(day))
        .values_list("participant_id", "day")
    )
    first = since or dt.date.min
    return [
        (participant_id, day)
        for participant_id, day in ((pk, database_date(day)) for pk, day in left)
        if first <= day <= as_of
    ]


@dataclass
class Prepared:
    """What `load_route_counts` makes of a `RouteFacts` whatever the period's start: made
    once per `RouteFacts`, so the second period of a look (the fidelity column's quarter)
    does not walk every mark again."""

    # Per network, its recorded sessions' dates (as read; the routes' input) and sorted.
    recorded_days: dict[int, list[dt.date]]
    recorded_sorted: dict[int, list[dt.date]]
    # Per person, the days they were present (every network's sessions up to as_of).
    attended: dict[int, list[dt.date]]
    # Per person, the day of their last fact (mark, route event, invitation; date.min), of
    # those read (from `since` on: earlier facts count as date.min).
    last_fact: dict[int, dt.date]
    # Per person, the days of their marks at their own network's recorded sessions.
    home_marks: dict[int, list[dt.date]]
    # Per network, those marks as (day, (Monday of its week, person)).
    home_days: dict[int, list[tuple[dt.date, tuple[dt.date, int]]]]


def prepare(facts: RouteFacts) -> Prepared:
    # Per session: its network, its date and, for a recorded one, the Monday of its week.
    session_info: dict[int, tuple[int, dt.date, dt.date | None]] = {}
    recorded_days: dict[int, list[dt.date]] = defaultdict(list)
    for pk, network_id, day, recorded in facts.sessions:
        session_info[pk] = (network_id, day, monday(day) if recorded else None)
        if recorded:
            recorded_days[network_id].append(day)
    attended: dict[int, list[dt.date]] = defaultdict(list)
    home_marks: dict[int, list[dt.date]] = defaultdict(list)
    home_days: dict[int, list[tuple[dt.date, tuple[dt.date, int]]]] = defaultdict(list)
    home = {pk: network_id for pk, network_id, _invited_on in facts.people}
    for participant_id, day in facts.elsewhere:
        attended[participant_id].append(day)
    for participant_id, session_id in facts.marks:
        info = session_info.get(session_id)
        if info is None:
            continue  # a session after as_of, or of another network (`elsewhere`)
        network_id, day, week = info
        attended[participant_id].append(day)
        # A network's figures count its own people's marks in its own sessions, whichever
        # other networks are derived with it.
        if week is not None and home.get(participant_id) == network_id:
            home_marks[participant_id].append(day)
            home_days[network_id].append((day, (week, participant_id)))
    last_fact = {}
    for pk, _network_id, invited_on in facts.people:
        last_fact[pk] = max(
            [
                *attended.get(pk, ()),
                *(event.date for event in facts.events.get(pk, ())),
                invited_on or dt.date.min,
            ]
        )
    return Prepared(
        recorded_days=dict(recorded_days),
        recorded_sorted={pk: sorted(days) for pk, days in recorded_days.items()},
        attended=dict(attended),
        last_fact=last_fact,
        home_marks=dict(home_marks),
        home_days=dict(home_days),
    )
