"""`few_routes` (the route cache's renewal of a few people, one query) derives the same
routes as `attach_routes` (four queries through the ORM), after random writes, for any
few people, on any day."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ParticipantFactory
from tests.participants.factories import RouteEventFactory
from tests.participants.test_route_versions import START, TODAY, WRITES, _write, people  # noqa: F401
from vangnet.participants.few_routes import few_routes
from vangnet.participants.models import Participant
from vangnet.participants.selectors import attach_routes, route_rules

pytestmark = pytest.mark.django_db

DAYS = st.sampled_from(
    [
        START - dt.timedelta(days=1),
        START,
        START + dt.timedelta(weeks=3),
        TODAY,
        TODAY.replace(year=2026),
    ]
)


def through_the_orm(network, ids, today):
    chosen = list(Participant.objects.filter(network=network, pk__in=ids))
    return attach_routes(chosen, rules=route_rules(network.organisation), today=today)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(writes=WRITES, days=st.lists(DAYS, min_size=1, max_size=3), pick=st.integers(0, 2**8))
def test_the_same_routes_as_attach_routes(people, writes, days, pick):  # noqa: F811
    network, other = people[0].network, people[2].network
    for kind, n in writes:
        _write(kind, network, other, n)
    everyone = sorted(
        Participant.objects.filter(network__in=[network, other]).values_list("pk", flat=True)
    )
    # Any few of them: people of the other network (or ids of nobody) are left out.
    ids = [pk for i, pk in enumerate(everyone) if pick >> i & 1] + [max(everyone) + 50]
    rules = route_rules(network.organisation)
    for today in days:
        got = few_routes(network_id=network.pk, ids=ids, rules=rules, today=today)
        assert got == through_the_orm(network, ids, today)


def test_events_on_one_day_keep_their_order_and_words(people):  # noqa: F811
    anna = people[0]
    day = START + dt.timedelta(weeks=2)
    for stage, reason in (
        ("dropped_out", "verhuisd"),
        ("returned", "terug & blij"),
        ("steady", ""),
    ):
        RouteEventFactory(participant=anna, stage=stage, date=day, reason=reason)
    newcomer = ParticipantFactory(network=anna.network, invited_on=None)
    ids = [anna.pk, newcomer.pk]
    rules = route_rules(anna.network.organisation)
    got = few_routes(network_id=anna.network_id, ids=ids, rules=rules, today=TODAY)
    assert got == through_the_orm(anna.network, ids, TODAY)
    assert few_routes(network_id=anna.network_id, ids=[], rules=rules, today=TODAY) == {}


def test_one_query(people, django_assert_num_queries):  # noqa: F811
    anna, bert, _cor = people
    rules = route_rules(anna.network.organisation)
    with django_assert_num_queries(1):
        few_routes(network_id=anna.network_id, ids=[anna.pk, bert.pk], rules=rules, today=TODAY)
