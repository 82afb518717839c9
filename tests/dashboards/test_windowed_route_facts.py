"""When the route cache holds every asked network's routes, the dashboard's route figures
read only the facts from the period's start minus the dropout time on
(`dashboards.route_facts`, `load_route_counts(kept=...)`), not the whole history: after
random writes over two years of history (marks toggled or cleared after a day, marks at
another network's session, new and long-settled people, route events), for several periods
asked in a row through one shared dict (an earlier start reads again from its own day), the
figures equal those derived from scratch; someone the kept entries do not hold makes the
whole history be read."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import bulk_organisation, database_histories, period_asks
from tests.dashboards.test_kept_route_counts import WRITES, plain
from tests.dashboards.test_route_counts_prepared import _old_person
from tests.factories import UserFactory
from vangnet.dashboards import route_facts
from vangnet.dashboards import routes as dashboard_routes
from vangnet.dashboards.routes import load_route_counts
from vangnet.networks.models import Attendance, Network, Session
from vangnet.participants.fact_cache import network_fact_versions
from vangnet.participants.models import Participant, RouteEvent
from vangnet.participants.route import RouteRules
from vangnet.participants.selectors import network_route_map

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2025, 12, 31)
STARTS = [dt.date(2025, 1, 1), dt.date(2025, 10, 1), dt.date(2025, 12, 1), dt.date(2024, 6, 3)]
DAYS = [TODAY, dt.date(2025, 11, 20), dt.date(2025, 6, 30)]


def _gone_quiet(_data, network, rng):
    """Someone's marks cleared from a day on: their last fact anywhere in the history."""
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    if people:
        day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 660))
        Attendance.objects.filter(participant=rng.choice(people), session__date__gte=day).delete()


def _last_seen_near_a_window_edge(_data, network, rng):
    """Someone last seen (a mark, or a route event) a few days either side of a period's
    start minus the dropout time: settled for that period or not by a day."""
    dropout = RouteRules.from_organisation(network.organisation).normalised().dropout_after_weeks
    edge = rng.choice(STARTS) - dt.timedelta(weeks=dropout, days=1)
    last = edge + dt.timedelta(days=rng.randint(-8, 8))
    person = Participant.objects.create(
        organisation=network.organisation,
        network=network,
        display_name=f"Rand {rng.randint(0, 999)}",
        invited_on=last - dt.timedelta(weeks=10),
    )
    sessions = Session.objects.filter(
        network=network, date__lte=last, date__gt=last - dt.timedelta(weeks=6)
    )
    if rng.random() < 0.5:
        Attendance.objects.bulk_create(
            [Attendance(session=session, participant=person) for session in sessions]
        )
    else:
        RouteEvent.objects.create(participant=person, stage="steady", date=last)


def _history() -> dict:
    """Three networks with two years of weekly sessions (and a coordinator, for the writes
    that record an evaluation)."""
    data = bulk_organisation(networks=3, weeks=100, people=4)
    data["coordinator"] = UserFactory(organisation=data["organisation"], coordinator=True)
    return data


def _kept(organisation, as_of: dt.date):
    """What `route_counts` hands `load_route_counts`: the kept routes under the versions
    read now."""
    versions = network_fact_versions(organisation=organisation)
    rules = RouteRules.from_organisation(organisation)
    return dashboard_routes._kept_routes(organisation, rules, versions, as_of)


@pytest.fixture
def reads(monkeypatch):
    """The `since` of every read of the route facts."""
    seen: list[dt.date | None] = []
    real = route_facts.read_facts

    def spy(**kwargs):
        seen.append(kwargs.get("since"))
        return real(**kwargs)

    monkeypatch.setattr(dashboard_routes, "read_facts", spy)
    return seen


def _as_from_scratch(reads, organisation, ids, *, start, as_of=TODAY, kept=None, shared=None):
    """The figures with the kept routes (`_kept` as of `as_of` unless given), asserted equal
    to those from scratch; with the `since` of the reads they made (not scratch's)."""
    first = len(reads)
    figures = load_route_counts(
        organisation=organisation,
        ids=ids,
        start=start,
        as_of=as_of,
        shared=shared,
        kept=kept or _kept(organisation, as_of),
    )
    made = reads[first:]
    fresh = load_route_counts(organisation=organisation, ids=ids, start=start, as_of=as_of)
    assert plain(figures) == plain(fresh)
    return figures, made


@database_histories(10)
@given(
    writes=st.lists(
        st.tuples(
            st.sampled_from(
                [*WRITES, _old_person, _gone_quiet, *[_last_seen_near_a_window_edge] * 4]
            ),
            st.integers(0, 50),
            st.integers(0, 10**6),
        ),
        max_size=6,
    ),
    asks=period_asks(len(STARTS), len(DAYS)),
)
def test_windowed_figures_equal_scratch_after_random_writes(reads, writes, asks):
    cache.clear()
    data = _history()
    organisation = data["organisation"]
    networks = list(Network.objects.filter(organisation=organisation).order_by("pk"))
    for write, which, seed in writes:
        write(data, networks[which % len(networks)], random.Random(seed))
    for as_of in sorted(DAYS, reverse=True):  # the newest entry first, then earlier days'
        for network in networks:
            network_route_map(network=network, today=as_of)
    shared: dict = {}
    ids = [network.pk for network in networks]
    for start_index, day_index, everyone in asks:
        as_of = DAYS[day_index]
        asked = ids if everyone else ids[:2]
        start = min(STARTS[start_index], as_of)
        _figures, made = _as_from_scratch(
            reads, organisation, asked, start=start, as_of=as_of, shared=shared
        )
        assert None not in made  # every look windowed


def test_an_earlier_period_reads_again_from_its_own_day(reads):
    cache.clear()
    data = _history()
    organisation = data["organisation"]
    ids = [network.pk for network in data["networks"]]
    for network in data["networks"]:
        network_route_map(network=network, today=TODAY)
    shared: dict = {}
    kept = _kept(organisation, TODAY)
    windows = []
    for start in (STARTS[1], STARTS[2], STARTS[0]):
        windows += _as_from_scratch(
            reads, organisation, ids, start=start, shared=shared, kept=kept
        )[1]
    dropout = dt.timedelta(
        weeks=RouteRules.from_organisation(organisation).normalised().dropout_after_weeks
    )
    # The quarter's facts from its start minus the dropout time; December's use them; the
    # year's are read again from its own start minus the dropout time. Then from scratch.
    assert windows == [
        STARTS[1] - dropout - dt.timedelta(days=1),
        STARTS[0] - dropout - dt.timedelta(days=1),
    ]
    facts = shared[(organisation.pk, RouteRules.from_organisation(organisation), tuple(ids), TODAY)]
    assert (
        facts.sessions
        and min(day for _pk, _network, day, _recorded in facts.sessions) >= windows[-1]
    )


def test_someone_the_kept_entries_do_not_hold_makes_the_whole_history_be_read(reads):
    cache.clear()
    data = _history()
    organisation = data["organisation"]
    network = data["networks"][0]
    ids = [network.pk for network in data["networks"]]
    for each in data["networks"]:
        network_route_map(network=each, today=TODAY)
    kept = _kept(organisation, TODAY)  # the versions before the new person
    Participant.objects.create(
        organisation=organisation, network=network, display_name="Nieuw", invited_on=TODAY
    )
    figures, made = _as_from_scratch(
        reads, organisation, ids, start=STARTS[0], shared={}, kept=kept
    )
    assert made[0] is not None and made[1:] == [None]
    assert figures[network.pk].stage_counts.get("invited") == 1


def test_a_network_without_a_kept_entry_makes_the_whole_history_be_read(reads):
    cache.clear()
    data = _history()
    organisation = data["organisation"]
    ids = [network.pk for network in data["networks"]]
    network_route_map(network=data["networks"][0], today=TODAY)
    assert _as_from_scratch(reads, organisation, ids, start=STARTS[0])[1] == [None]


@pytest.mark.parametrize("fact", ["route event", "mark", "mark elsewhere"])
@pytest.mark.parametrize("days_after_the_edge", [-1, 0, 1])
def test_someone_last_seen_at_the_window_edge_counts_as_from_scratch(
    reads, fact, days_after_the_edge
):
    """The window's first day is the last day a fact keeps someone in the period's figures
    (in its stage counts, as a dropout): a route event, a mark at their network's session or
    at a network not asked, one day either side of it, as from scratch."""
    cache.clear()
    data = _history()
    organisation = data["organisation"]
    network, _second, elsewhere = data["networks"]
    ids = [network.pk, _second.pk]
    dropout = RouteRules.from_organisation(organisation).normalised().dropout_after_weeks
    edge = STARTS[0] - dt.timedelta(weeks=dropout, days=1)
    last = edge + dt.timedelta(days=days_after_the_edge)
    person = Participant.objects.create(
        organisation=organisation,
        network=network,
        display_name="Rand",
        invited_on=edge - dt.timedelta(weeks=10),
    )
    if fact == "route event":
        RouteEvent.objects.create(participant=person, stage="steady", date=last)
    else:
        where = network if fact == "mark" else elsewhere
        session = Session.objects.create(network=where, date=last, recorded=True)
        Attendance.objects.create(session=session, participant=person)
    for each in data["networks"]:
        network_route_map(network=each, today=TODAY)
    assert _as_from_scratch(reads, organisation, ids, start=STARTS[0])[1] == [edge]
