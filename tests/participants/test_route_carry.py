"""The route cache carries routes over from day to day (participants/route_cache.py): its
entries are not keyed by the day, and on a later day only the routes whose `valid_through`
has passed (or whose participant or sessions changed, or whose network has a fact dated in
between) are derived again. Whatever the sequence of days (the next day, jumps of weeks,
back to an earlier day), writes and rules changes, the routes equal a derivation from
scratch for that day."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import NetworkFactory, ParticipantFactory
from tests.participants.factories import RouteEventFactory, attend, weekly_sessions
from tests.participants.test_route_versions import WRITES, _write, counting
from vangnet.networks.models import Network
from vangnet.organisations.models import Organisation
from vangnet.participants.selectors import network_route_map, network_routes

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)


@pytest.fixture
def people(network):
    """Four people in one network with weekly sessions (some after the first days looked
    at: facts dated in the future of a day), one in another network."""
    other = NetworkFactory(organisation=network.organisation)
    sessions = weekly_sessions(network, START, 20)
    anna, bert = ParticipantFactory(network=network), ParticipantFactory(network=network)
    cor, dirk = ParticipantFactory(network=network), ParticipantFactory(network=network)
    attend(anna, sessions)  # steady, then drops out when the sessions stop
    attend(bert, sessions[:3])  # drops out early
    attend(cor, sessions[::3])  # settling, steady only if the share holds
    attend(dirk, sessions[12:14])  # comes later
    RouteEventFactory(participant=bert, stage="returned", date=START + dt.timedelta(weeks=9))
    eve = ParticipantFactory(network=other)
    attend(eve, weekly_sessions(other, START, 3))
    return anna, bert, cor, dirk, eve


def fresh_network(pk: int) -> Network:
    """The network as a new request reads it (with the organisation's current rules)."""
    return Network.objects.select_related("organisation").get(pk=pk)


def routes_committed(network_id: int, today: dt.date):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return network_route_map(network=fresh_network(network_id), today=today)


def scratch(network_id: int, today: dt.date):
    people = network_routes(network=fresh_network(network_id), today=today, cached=False)
    return {p.pk: p.route for p in people}


def change_rules(network_id: int, n: int) -> None:
    """Set the organisation's rules to one of a few (a rules change keys other entries;
    coming back to earlier rules finds their entry, of an earlier day)."""
    steady, share, weeks = [(91, 0.5, 8), (30, 0.3, 3), (120, 0.8, 12), (14, 1.0, 1)][n % 4]
    Organisation.objects.filter(networks__pk=network_id).update(
        steady_after_days=steady, steady_min_attendance_share=share, dropout_after_weeks=weeks
    )


# A step between two looks: the next day, about a week, weeks, months, or back in time.
STEPS = st.sampled_from([1, 1, 1, 2, 6, 7, 8, 13, 14, 27, 56, 63, 91, 200, 0, -1, -7, -60])
LOOKS = st.lists(
    st.tuples(STEPS, st.one_of(st.just([]), WRITES), st.one_of(st.none(), st.integers(0, 3))),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=st.integers(0, 180), looks=LOOKS)
def test_carried_routes_equal_fresh_ones_on_every_day(people, first, looks):
    cache.clear()
    network_id, other = people[0].network_id, people[4].network
    today = START + dt.timedelta(days=first)
    routes_committed(network_id, today)
    for step, writes, rules in looks:
        today += dt.timedelta(days=step)
        network = fresh_network(network_id)
        for kind, n in writes:
            _write(kind, network, other, n)
        if rules is not None:
            change_rules(network_id, rules)
        got = routes_committed(network_id, today)
        assert got == scratch(network_id, today), (today, step, writes, rules)
        assert all(route.today == today for route in got.values())


def test_a_new_day_derives_only_the_routes_whose_day_passed(people, monkeypatch):
    anna, bert, cor, dirk, _eve = people
    network_id = anna.network_id
    cache.clear()
    day = START + dt.timedelta(weeks=30)  # after every fact: the routes hold for good
    first = routes_committed(network_id, day)
    derived = counting(monkeypatch)
    for later in (day + dt.timedelta(days=1), day + dt.timedelta(weeks=20)):
        got = routes_committed(network_id, later)
        assert got == scratch(network_id, later)
        assert {pk: r.current for pk, r in got.items()} == {
            pk: r.current for pk, r in first.items()
        }
    assert derived == [[p.pk for p in (anna, bert, cor, dirk)]] * 2  # only the scratch ones

    # The day after the last session: Bert dropped out; Dirk settling until his dropout
    # (week 21), Cor until his (week 26), Anna steady until hers (week 27).
    cache.clear()
    derived.clear()
    day = START + dt.timedelta(weeks=19, days=1)
    routes_committed(network_id, day)
    assert derived == [sorted(p.pk for p in (anna, bert, cor, dirk))]
    derived.clear()
    routes_committed(network_id, day + dt.timedelta(days=1))
    assert derived == []
    routes_committed(network_id, START + dt.timedelta(weeks=21))
    assert derived == [[dirk.pk]]
    cor_drops_out = START + dt.timedelta(weeks=26)
    got = routes_committed(network_id, cor_drops_out)
    assert derived == [[dirk.pk], [cor.pk]]
    assert got[cor.pk].current == "dropped_out" and got[anna.pk].current == "steady"
    assert got == scratch(network_id, cor_drops_out)


def test_an_unchanged_network_on_the_next_day_costs_one_query(people, django_assert_num_queries):
    network_id = people[0].network_id
    cache.clear()
    day = START + dt.timedelta(weeks=30)
    routes_committed(network_id, day)
    network = fresh_network(network_id)
    with django_assert_num_queries(1):  # the network's fact version
        network_route_map(network=network, today=day + dt.timedelta(days=1))


def test_a_past_day_keeps_its_own_entry(people, monkeypatch):
    """Opening an old session's screen neither reads the newest entry's routes for it nor
    pushes that entry back in time."""
    network_id = people[0].network_id
    cache.clear()
    today, past = START + dt.timedelta(weeks=30), START + dt.timedelta(weeks=4)
    routes_committed(network_id, today)
    derived = counting(monkeypatch)
    assert routes_committed(network_id, past).keys()  # derived for the past day
    assert len(derived) == 1
    routes_committed(network_id, past)
    routes_committed(network_id, today)
    assert len(derived) == 1  # both entries kept


def test_the_newest_entry_moved_to_a_later_day_stays_its_days_own(people, monkeypatch):
    """A session screen of an earlier day opened after the newest entry moved on (a save's
    follow-up check looks at today) derives only the routes whose facts changed."""
    anna, bert, _cor, _dirk, _eve = people
    network_id = anna.network_id
    cache.clear()
    day, today = START + dt.timedelta(weeks=10), START + dt.timedelta(weeks=12)
    routes_committed(network_id, day)
    routes_committed(network_id, today)  # moves the newest entry on
    derived = counting(monkeypatch)
    assert routes_committed(network_id, day) == scratch(network_id, day)
    assert derived == [sorted(p.pk for p in people[:4])]  # only the scratch one
    derived.clear()
    RouteEventFactory(participant=bert, stage="referred", date=START + dt.timedelta(weeks=9))
    assert routes_committed(network_id, day) == scratch(network_id, day)
    assert derived[0] == [bert.pk]


# Looks at a few days in any order (coming back to a day looked at before, after the newest
# entry moved past it), with writes in between.
FEW_DAYS = [START + dt.timedelta(days=n) for n in (20, 27, 70, 71, 140)]
REVISITS = st.lists(
    st.tuples(st.sampled_from(FEW_DAYS), st.one_of(st.just([]), WRITES)), min_size=2, max_size=8
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(looks=REVISITS)
def test_days_looked_at_again_equal_fresh_routes(people, looks):
    cache.clear()
    network_id, other = people[0].network_id, people[4].network
    for day, writes in looks:
        network = fresh_network(network_id)
        for kind, n in writes:
            _write(kind, network, other, n)
        assert routes_committed(network_id, day) == scratch(network_id, day), (day, writes)
