"""The figures that need participants' routes, per network, in five queries.

Routes are derived by the one route function (`participants.route.derive_route`) from all
sessions, attendance marks and route events up to `as_of`; nothing is stored. Deriving
thousands of routes over years of history is the expensive part of the dashboard, so the
result is kept in Django's cache (setting `VANGNET_DASHBOARD_CACHE_SECONDS`, default 3600;
0 turns it off), per network, under a key that holds the network's fact version
(`participants.fact_cache.network_fact_versions`: one indexed query for all networks at
once, a token per network that the database's triggers renew on every write of sessions,
marks, participants and route events; that module says why it covers every change). A
change gives that network a new key, so the cache never answers with figures of older data,
and a busy session screen in one network does not make the whole organisation's routes be
derived again; the lifetime only bounds the cache's size. Figures are stored only when the
transaction commits.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vangnet.networks.models import Attendance, Network, Session
from vangnet.participants.fact_cache import (
    READ_ONLY_VERSION,
    cache_seconds,
    cached_per_network,
    fact_scopes,
    network_fact_versions,
)
from vangnet.participants.models import Participant, RouteEvent
from vangnet.participants.route import (
    ACQUAINTED,
    ACTIVE_STAGES,
    DROPPED_OUT,
    RETURNED,
    STEADY,
    RecordedEvent,
    Route,
    RouteRules,
    derive_route,
)
from vangnet.participants.route_cache import kept_routes
from vangnet.participants.selectors import network_route_deriver

CACHE_SECONDS = 3600


def monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class RouteCounts:
    """One network's route figures for a period (definitions: docs/dashboards.md)."""

    steady: int = 0
    taking_part: int = 0
    reached: int = 0
    long_term: int = 0
    acquainted: int = 0
    became_steady: int = 0
    dropouts: int = 0
    returns: int = 0
    sessions: int = 0
    present_marks: int = 0
    expected_marks: int = 0
    weeks_with_session: int = 0
    present_in_weeks: int = 0
    stage_counts: dict[str, int] = field(default_factory=dict)


COUNT_FIELDS = [name for name in RouteCounts.__dataclass_fields__ if name != "stage_counts"]


def _active_intervals(route: Route, as_of: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The day ranges (inclusive) in which the route was in a taking-part stage."""
    intervals = []
    steps = [(step.stage, step.start) for step in route.steps if step.start is not None]
    for index, (stage, start) in enumerate(steps):
        if stage not in ACTIVE_STAGES:
            continue
        following = steps[index + 1][1] if index + 1 < len(steps) else None
        last = (following - dt.timedelta(days=1)) if following else as_of
        if last >= start:
            intervals.append((start, last))
    return intervals


def _count_between(days: list[dt.date], first: dt.date, last: dt.date) -> int:
    return bisect.bisect_right(days, last) - bisect.bisect_left(days, first)


def _first_step(route: Route, stage: str) -> dt.date | None:
    return next((s.start for s in route.steps if s.stage == stage and s.start is not None), None)


def _any_step_between(route: Route, stage: str, start: dt.date, end: dt.date) -> bool:
    return any(
        s.stage == stage and s.start is not None and start <= s.start <= end for s in route.steps
    )


def _add_person(
    row: RouteCounts,
    route: Route,
    *,
    start: dt.date,
    as_of: dt.date,
    period_sessions: list[dt.date],
    marks: list[dt.date],
) -> None:
    """Count one participant's route into the network's counts."""
    if route.current == STEADY:
        row.steady += 1
    if route.current in ACTIVE_STAGES:
        row.taking_part += 1
    if marks:  # present at a recorded session of the period
        row.reached += 1
        if route.long_term:  # participants.long_term, by as_of
            row.long_term += 1
    acquainted = _first_step(route, ACQUAINTED)
    if acquainted is not None and start <= acquainted <= as_of:
        row.acquainted += 1
        if any(s.stage == STEADY and s.start and s.start >= acquainted for s in route.steps):
            row.became_steady += 1
    if _any_step_between(route, DROPPED_OUT, start, as_of):
        row.dropouts += 1
    if _any_step_between(route, RETURNED, start, as_of):
        row.returns += 1
    # Attendance rate: sessions while taking part, plus marks outside those days.
    intervals = _active_intervals(route, as_of)
    for first, last in intervals:
        first, last = max(first, start), min(last, as_of)
        if first <= last:
            row.expected_marks += _count_between(period_sessions, first, last)
    row.present_marks += len(marks)
    for day in marks:
        if not any(first <= day <= last for first, last in intervals):
            row.expected_marks += 1


@dataclass
class RouteFacts:
    """What `load_route_counts` reads for some networks up to `as_of`, whatever the period:
    the five queries' rows and each participant's route once derived. One look at the
    dashboard asks for two periods ending on the same day (the chosen period and the
    fidelity column's quarter): the second reads and derives nothing again."""

    sessions: list[tuple[int, int, dt.date, bool]]  # id, network, date, recorded
    marks: list[tuple[int, int]]  # participant, session (of these networks or not)
    # The people's marks at sessions of other networks up to as_of: participant, date.
    elsewhere: list[tuple[int, dt.date]]
    events: dict[int, list[RecordedEvent]]
    people: list[tuple[int, int, dt.date | None]]  # id, network, invited on
    routes: dict[int, Route] = field(default_factory=dict)
    kept_asked: set[int] = field(default_factory=set)  # networks whose kept routes were asked
    prepared: _Prepared | None = None  # made by the first period asked (`load_route_counts`)


# Per network id, its participants' routes as of the `as_of` asked (the route cache's kept
# entry, `participants.route_cache.kept_routes`), None when there is none.
KeptNetworkRoutes = Callable[[int], Mapping[int, Route] | None]


# One request's facts, shared between the periods it asks for: key (organisation id, route
# rules, the network ids or None for all, as_of) -> RouteFacts. Made by the caller (the
# dashboard's `_Loaded`), so it lives as long as one look at the figures.
SharedFacts = dict[tuple[object, ...], RouteFacts]


def _read_facts(*, organisation, ids: list[int] | None, as_of: dt.date) -> RouteFacts:
    """The five queries of `load_route_counts` (values_list only)."""
    networks, people = fact_scopes(organisation=organisation, network_ids=ids)
    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for participant_id, pk, stage, day in RouteEvent.objects.filter(
        **people, date__lte=as_of
    ).values_list("participant_id", "id", "stage", "date"):
        events[participant_id].append(RecordedEvent(stage=stage, date=day, id=pk))
    return RouteFacts(
        sessions=list(
            Session.objects.filter(**networks, date__lte=as_of).values_list(
                "id", "network_id", "date", "recorded"
            )
        ),
        marks=list(Attendance.objects.filter(**people).values_list("participant_id", "session_id")),
        # Their routes see every mark of theirs, as `participants.selectors.attach_routes`
        # (the route cache) does: also one at another network's session (rare, most often
        # none; a second query rather than the session's date on every mark row).
        elsewhere=list(
            Attendance.objects.filter(**people, session__date__lte=as_of)
            .exclude(session__in=Session.objects.filter(**networks).values("id"))
            .values_list("participant_id", "session__date")
        ),
        events=dict(events),
        people=list(
            Participant.objects.filter(**networks).values_list("id", "network_id", "invited_on")
        ),
    )


@dataclass
class _Prepared:
    """What `load_route_counts` makes of a `RouteFacts` whatever the period's start: made
    once per `RouteFacts`, so the second period of a look (the fidelity column's quarter)
    does not walk every mark again."""

    # Per network, its recorded sessions' dates (as read; the routes' input) and sorted.
    recorded_days: dict[int, list[dt.date]]
    recorded_sorted: dict[int, list[dt.date]]
    # Per person, the days they were present (every network's sessions up to as_of).
    attended: dict[int, list[dt.date]]
    # Per person, the day of their last fact (mark, route event, invitation; date.min).
    last_fact: dict[int, dt.date]
    # Per person, the days of their marks at their own network's recorded sessions.
    home_marks: dict[int, list[dt.date]]
    # Per network, those marks as (day, (Monday of its week, person)).
    home_days: dict[int, list[tuple[dt.date, tuple[dt.date, int]]]]


def _prepare(facts: RouteFacts) -> _Prepared:
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
    return _Prepared(
        recorded_days=dict(recorded_days),
        recorded_sorted={pk: sorted(days) for pk, days in recorded_days.items()},
        attended=dict(attended),
        last_fact=last_fact,
        home_marks=dict(home_marks),
        home_days=dict(home_days),
    )


def load_route_counts(
    *,
    organisation,
    ids: list[int] | None,
    start: dt.date,
    as_of: dt.date,
    shared: SharedFacts | None = None,
    kept: KeptNetworkRoutes | None = None,
) -> dict[int, RouteCounts]:
    """Per network id, the route figures of the period (five queries: sessions, attendance
    marks, marks elsewhere, route events, participants; values_list only). With `shared`
    (a dict the caller keeps for one look at the figures), a second period ending on the
    same `as_of` for the same networks reuses the rows read, what was made of them whatever
    the period (`_Prepared`) and the routes derived for the first. With `kept`, a network's
    routes are taken from what it gives (the route cache's entry as of `as_of`: equal to
    what would be derived here) before any is derived here."""
    rules = RouteRules.from_organisation(organisation)
    key = (organisation.pk, rules, tuple(ids) if ids is not None else None, as_of)
    facts = shared.get(key) if shared is not None else None
    if facts is None:
        facts = _read_facts(organisation=organisation, ids=ids, as_of=as_of)
        if shared is not None:
            shared[key] = facts
    if facts.prepared is None:
        facts.prepared = _prepare(facts)
    prepared = facts.prepared
    recorded_days, attended = prepared.recorded_days, prepared.attended

    counts: dict[int, RouteCounts] = defaultdict(RouteCounts)
    period_sessions: dict[int, list[dt.date]] = {}
    for network_id, days in prepared.recorded_sorted.items():
        period = days[bisect.bisect_left(days, start) :]
        period_sessions[network_id] = period
        row = counts[network_id]
        row.sessions = len(period)
        row.weeks_with_session = len({monday(day) for day in period})
        row.present_in_weeks = len(
            {who for day, who in prepared.home_days.get(network_id, ()) if day >= start}
        )
    events = facts.events

    settled = start - dt.timedelta(weeks=rules.normalised().dropout_after_weeks, days=1)
    asked = facts.kept_asked
    for pk, network_id, invited_on in facts.people:
        # Every fact of the person lies before the period start minus the dropout time: the
        # route no longer changes in the period and ends in a stage that is not taking part
        # (dropped out, referred on or invited), so it adds to no figure.
        if prepared.last_fact[pk] < settled:
            continue
        route = facts.routes.get(pk)
        if route is None and kept is not None and network_id not in asked:
            asked.add(network_id)  # once per network: its entry holds all its routes
            facts.routes.update(kept(network_id) or {})
            route = facts.routes.get(pk)
        if route is None:  # the route does not depend on the period: derived once
            route = derive_route(
                invited_on=invited_on,
                session_dates=recorded_days.get(network_id, ()),
                attended_dates=attended.get(pk, ()),
                events=events.get(pk, ()),
                rules=rules,
                today=as_of,
            )
            facts.routes[pk] = route
        row = counts[network_id]
        row.stage_counts[route.current] = row.stage_counts.get(route.current, 0) + 1
        _add_person(
            row,
            route,
            start=start,
            as_of=as_of,
            period_sessions=period_sessions.get(network_id, []),
            marks=[day for day in prepared.home_marks.get(pk, ()) if day >= start],
        )
    return dict(counts)


def route_counts(
    *,
    organisation,
    ids: list[int] | None,
    start: dt.date,
    as_of: dt.date,
    shared: SharedFacts | None = None,
    read_versions: dict[object, Mapping[int, int]] | None = None,
) -> dict[int, RouteCounts]:
    """`load_route_counts`, kept in the cache per network under that network's data version
    (module docstring): a session saved in one network makes only that network's figures
    be derived again, not the whole organisation's. `read_versions` keeps the fact versions
    read for these networks for the next period asked in the same request (the fidelity
    column's quarter): read once, before any fact of either period."""
    seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS", CACHE_SECONDS)
    if seconds <= 0:
        return load_route_counts(
            organisation=organisation, ids=ids, start=start, as_of=as_of, shared=shared
        )
    memo = tuple(ids) if ids is not None else None
    if read_versions is not None and memo in read_versions:
        versions = read_versions[memo]
    else:
        versions = network_fact_versions(organisation=organisation, network_ids=ids)
        if read_versions is not None:
            read_versions[memo] = versions
    rules = RouteRules.from_organisation(organisation)
    return cached_per_network(
        kind="dashboards:routes",
        versions=versions,
        parts=(organisation.pk, start, as_of, rules),
        derive=lambda missing: load_route_counts(
            organisation=organisation,
            ids=missing,
            start=start,
            as_of=as_of,
            shared=shared,
            kept=_kept_routes(organisation, rules, versions, as_of),
        ),
        seconds=seconds,
    )


def _kept_routes(
    organisation: Any, rules: RouteRules, versions: Mapping[int, int], as_of: dt.date
) -> KeptNetworkRoutes:
    """The routes of a network as of `as_of` from the route cache's entry, renewed there
    for the people whose facts changed (a saved session screen: the one or two people whose
    marks changed), None when the cache holds no entry (a network nobody opened: its routes
    are derived with the others' here, in a fixed number of queries). The network's fact
    version is the one read for the figures' keys, before any fact: an entry is never
    stored under a newer version than its facts (participants.route_cache)."""

    def kept(network_id: int) -> Mapping[int, Route] | None:
        network = Network(pk=network_id, organisation=organisation)
        setattr(network, READ_ONLY_VERSION, versions.get(network_id, 0))
        return kept_routes(
            network=network,
            rules=rules,
            today=as_of,
            derive=network_route_deriver(network=network, rules=rules, today=as_of),
        )

    return kept
