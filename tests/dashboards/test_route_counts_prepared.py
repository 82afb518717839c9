"""The route figures made from what a look's facts give whatever the period
(`dashboards.route_facts.Prepared`, made once per `RouteFacts` and shared by the dashboard's
period and its fidelity column's quarter) equal those of the walk over every mark per
period that came before it (`_reference_counts` below, the earlier `load_route_counts`
kept as the reference): after random writes (marks toggled, a mark at another network's
session, new people, route events, saved sessions, transitions), for several periods asked
in a row through one shared dict, for all networks and for some, on several days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import database_histories, period_asks
from tests.dashboards.test_kept_route_counts import (
    _mark_elsewhere,
    _new_person,
    _route_event,
    _toggle_mark,
)
from tests.dashboards.test_page_cache import _organisation, _raw_marks, _raw_transition
from tests.dashboards.test_row_cache import ONE_NETWORK
from vangnet.dashboards.route_facts import monday, read_facts
from vangnet.dashboards.routes import RouteCounts, _add_person, load_route_counts
from vangnet.networks.models import Network
from vangnet.participants.models import Participant, RouteEvent
from vangnet.participants.route import RouteRules, derive_route

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)
STARTS = [dt.date(2025, 1, 1), dt.date(2025, 10, 1), dt.date(2025, 12, 1), dt.date(2024, 6, 3)]
DAYS = [TODAY, dt.date(2025, 11, 20), dt.date(2025, 6, 30)]


def _old_person(_data, network, rng):
    """Someone invited long ago, never present, perhaps with a route event since: settled
    before some periods' start only when their events are looked at too."""
    person = Participant.objects.create(
        organisation=network.organisation,
        network=network,
        display_name=f"Oud {rng.randint(0, 999)}",
        invited_on=dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 500)),
    )
    if rng.random() < 0.7:
        RouteEvent.objects.create(
            participant=person,
            stage=rng.choice(["dropped_out", "steady", "referred_on"]),
            date=person.invited_on + dt.timedelta(days=rng.randint(0, 400)),
        )


WRITES = [*ONE_NETWORK, _raw_marks, _raw_transition, _toggle_mark, _mark_elsewhere]
WRITES += [_new_person, _route_event, _old_person, _old_person]


def plain(counts) -> dict:
    return {pk: dataclasses.asdict(row) for pk, row in sorted(counts.items())}


def _reference_counts(*, organisation, ids, start, as_of) -> dict[int, RouteCounts]:
    """The route figures as `load_route_counts` made them before `_Prepared`: every mark
    walked for each period, each person's facts looked at again."""
    rules = RouteRules.from_organisation(organisation)
    facts = read_facts(organisation=organisation, ids=ids, as_of=as_of)
    session_info = {}
    recorded_days = defaultdict(list)
    for pk, network_id, day, recorded in facts.sessions:
        counted = recorded and day >= start
        session_info[pk] = (network_id, day, monday(day) if counted else None)
        if recorded:
            recorded_days[network_id].append(day)
    attended = defaultdict(list)
    marks = defaultdict(list)
    week_people = defaultdict(lambda: defaultdict(set))
    home = {pk: network_id for pk, network_id, _invited_on in facts.people}
    for participant_id, day in facts.elsewhere:
        attended[participant_id].append(day)
    for participant_id, session_id in facts.marks:
        info = session_info.get(session_id)
        if info is None:
            continue
        network_id, day, week = info
        attended[participant_id].append(day)
        if week is not None and home.get(participant_id) == network_id:
            marks[participant_id].append(day)
            week_people[network_id][week].add(participant_id)
    period_sessions = {
        network_id: sorted(day for day in days if day >= start)
        for network_id, days in recorded_days.items()
    }
    counts = defaultdict(RouteCounts)
    for network_id, days in period_sessions.items():
        row = counts[network_id]
        row.sessions = len(days)
        row.weeks_with_session = len({monday(day) for day in days})
        row.present_in_weeks = sum(len(who) for who in week_people[network_id].values())
    quiet = dt.timedelta(weeks=rules.normalised().dropout_after_weeks, days=1)
    for pk, network_id, invited_on in facts.people:
        last = max(
            [
                *(attended.get(pk) or ()),
                *(event.date for event in facts.events.get(pk) or ()),
                invited_on or dt.date.min,
            ]
        )
        if last < start - quiet:
            continue
        route = derive_route(
            invited_on=invited_on,
            session_dates=recorded_days.get(network_id, ()),
            attended_dates=attended.get(pk, ()),
            events=facts.events.get(pk, ()),
            rules=rules,
            today=as_of,
        )
        row = counts[network_id]
        row.stage_counts[route.current] = row.stage_counts.get(route.current, 0) + 1
        _add_person(
            row,
            route,
            start=start,
            as_of=as_of,
            period_sessions=period_sessions.get(network_id, []),
            marks=marks.get(pk, []),
        )
    return dict(counts)


@database_histories(10)
@given(
    writes=st.lists(
        st.tuples(st.sampled_from(WRITES), st.integers(0, 50), st.integers(0, 10**6)),
        max_size=6,
    ),
    asks=period_asks(len(STARTS), len(DAYS)),
)
def test_prepared_figures_equal_the_walk_per_period(writes, asks):
    data = _organisation(networks=3)
    organisation = data["organisation"]
    networks = list(Network.objects.filter(organisation=organisation).order_by("pk"))
    for write, which, seed in writes:
        write(data, networks[which % len(networks)], random.Random(seed))
    shared: dict = {}
    some = [network.pk for network in networks[:2]]
    for start_index, day_index, everyone in asks:
        as_of, ids = DAYS[day_index], None if everyone else some
        start = min(STARTS[start_index], as_of)
        reference = _reference_counts(organisation=organisation, ids=ids, start=start, as_of=as_of)
        kept = load_route_counts(
            organisation=organisation, ids=ids, start=start, as_of=as_of, shared=shared
        )
        assert plain(kept) == plain(reference)
        alone = load_route_counts(organisation=organisation, ids=ids, start=start, as_of=as_of)
        assert plain(alone) == plain(reference)


@pytest.mark.parametrize("stage", ["dropped_out", "steady", "referred_on"])
def test_a_person_whose_only_recent_fact_is_a_route_event(stage):
    data = _organisation(networks=1)
    organisation, network = data["organisation"], data["networks"][0]
    person = Participant.objects.create(
        organisation=organisation,
        network=network,
        display_name="Oud",
        invited_on=dt.date(2024, 2, 1),
    )
    RouteEvent.objects.create(participant=person, stage=stage, date=dt.date(2025, 11, 20))
    shared: dict = {}
    for start in (dt.date(2025, 12, 1), dt.date(2025, 1, 1)):
        reference = _reference_counts(organisation=organisation, ids=None, start=start, as_of=TODAY)
        kept = load_route_counts(
            organisation=organisation, ids=None, start=start, as_of=TODAY, shared=shared
        )
        assert plain(kept) == plain(reference)
