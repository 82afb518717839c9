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

from vangnet.dashboards.route_facts import RouteFacts, monday, prepare, read_facts
from vangnet.networks.models import Network
from vangnet.participants.fact_cache import (
    READ_ONLY_VERSION,
    cache_seconds,
    cached_per_network,
    network_fact_versions,
)
from vangnet.participants.route import (
    ACQUAINTED,
    ACTIVE_STAGES,
    DROPPED_OUT,
    RETURNED,
    STEADY,
    Route,
    RouteRules,
    derive_route,
)
from vangnet.participants.route_cache import kept_routes
from vangnet.participants.selectors import network_route_deriver

CACHE_SECONDS = 3600


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


# Per network id, its participants' routes as of the `as_of` asked (the route cache's kept
# entry, `participants.route_cache.kept_routes`), None when there is none.
KeptNetworkRoutes = Callable[[int], Mapping[int, Route] | None]


# One request's facts, shared between the periods it asks for: key (organisation id, route
# rules, the network ids or None for all, as_of) -> RouteFacts. Made by the caller (the
# dashboard's `_Loaded`), so it lives as long as one look at the figures.
SharedFacts = dict[tuple[object, ...], RouteFacts]


def load_route_counts(
    *,
    organisation,
    ids: list[int] | None,
    start: dt.date,
    as_of: dt.date,
    shared: SharedFacts | None = None,
    kept: KeptNetworkRoutes | None = None,
) -> dict[int, RouteCounts]:
    """Per network id, the route figures of the period (`dashboards.route_facts`: five
    queries). With `shared` (a dict the caller keeps for one look at the figures), a second
    period ending on the same `as_of` for the same networks reuses the rows read, what was
    made of them whatever the period and the routes derived for the first. With `kept`, a
    network's routes are taken from what it gives (the route cache's entry as of `as_of`:
    equal to what would be derived here) before any is derived here; when it gives them
    for every network of `ids`, only the facts of the period and the dropout time before it
    are read, not the whole history."""
    rules = RouteRules.from_organisation(organisation)
    # A person whose every fact lies before this day: their route no longer changes in the
    # period and ends in a stage that is not taking part (dropped out, referred on or
    # invited), so it adds to no figure.
    settled = start - dt.timedelta(weeks=rules.normalised().dropout_after_weeks, days=1)
    key = (organisation.pk, rules, tuple(ids) if ids is not None else None, as_of)
    facts = shared.get(key) if shared is not None else None
    if facts is None or not facts.covers(settled):
        facts = _facts(
            organisation=organisation, ids=ids, as_of=as_of, since=settled, kept=kept, read=facts
        )
        if shared is not None:
            shared[key] = facts
    if facts.prepared is None:
        facts.prepared = prepare(facts)
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

    for pk, network_id, invited_on in facts.people:
        if prepared.last_fact[pk] < settled:
            continue
        route = facts.routes.get(pk)
        if route is None and kept is not None and network_id not in facts.kept_asked:
            _ask_kept(kept, [network_id], facts.routes, facts.kept_asked)
            route = facts.routes.get(pk)
        if route is None:  # the route does not depend on the period: derived once
            route = derive_route(  # from the whole history (`_facts` reads it for this)
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


def _ask_kept(
    kept: KeptNetworkRoutes, ids: list[int], routes: dict[int, Route], asked: set[int]
) -> bool:
    """Add the kept routes of the networks `ids` to `routes` (once per network: its entry
    holds all its routes); whether every one of them had an entry."""
    every = True
    for network_id in ids:
        asked.add(network_id)
        held = kept(network_id)
        if held is None:
            every = False
        else:
            routes.update(held)
    return every


def _facts(
    *,
    organisation,
    ids: list[int] | None,
    as_of: dt.date,
    since: dt.date,
    kept: KeptNetworkRoutes | None,
    read: RouteFacts | None,
) -> RouteFacts:
    """The facts for a period whose people are settled before `since`: from `since` on when
    `kept` gives the routes of every network of `ids`, else the whole history (the routes
    are derived from it). `read`: facts read for an earlier period of the same look from a
    later day on (so only of networks whose routes were all kept), whose routes are kept."""
    routes = dict(read.routes) if read is not None else {}
    asked = set(read.kept_asked) if read is not None else set()
    window = None
    if kept is not None and ids is not None:
        if _ask_kept(kept, [pk for pk in ids if pk not in asked], routes, asked):
            window = since
    facts = read_facts(organisation=organisation, ids=ids, as_of=as_of, since=window)
    if window is not None and any(pk not in routes for pk, _network, _on in facts.people):
        # Someone the kept entries do not hold (added since they were read): derived here.
        facts = read_facts(organisation=organisation, ids=ids, as_of=as_of)
    facts.routes, facts.kept_asked = routes, asked
    return facts


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
