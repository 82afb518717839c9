"""The follow-up check after a save reads the candidates' routes through the network's route
cache entry when there is one (`followup_selectors._kept_network_routes`, renewing the entry
as the page would): after random writes and days the candidates and their routes equal a
derivation from scratch, and the network's next opening derives nothing. Without an entry
only the candidates' routes are derived (tests/participants/test_followups.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.participants.test_route_carry import fresh_network, people, routes_committed, scratch
from tests.participants.test_route_versions import WRITES, _write, counting
from vangnet.participants.followup_selectors import followup_candidates
from vangnet.participants.route_cache import routes_key
from vangnet.participants.selectors import attach_routes, route_rules

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
__all__ = ["people"]  # the fixture, used by name


def candidates(network_id: int, today: dt.date, missed: int):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return followup_candidates(
            network=fresh_network(network_id),
            today=today,
            missed_needed=missed,
            settled=lambda _pk, _visit: False,
        )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=st.integers(0, 180),
    looks=st.lists(
        st.tuples(st.sampled_from([0, 1, 7, 13, 60, -7]), WRITES, st.integers(1, 3)),
        min_size=1,
        max_size=5,
    ),
)
def test_candidates_routes_equal_scratch_after_random_writes(people, first, looks):
    cache.clear()
    network_id, other = people[0].network_id, people[4].network
    today = START + dt.timedelta(days=first)
    routes_committed(network_id, today)  # the page's entry
    for step, writes, missed in looks:
        today += dt.timedelta(days=step)
        for kind, n in writes:
            _write(kind, fresh_network(network_id), other, n)
        found = candidates(network_id, today, missed)
        rules = route_rules(fresh_network(network_id).organisation)
        fresh = attach_routes(
            [type(p).objects.get(pk=p.pk) for p in found], rules=rules, today=today
        )
        assert {p.pk: p.route for p in found} == fresh
        assert routes_committed(network_id, today) == scratch(network_id, today)


def test_a_save_renews_the_entry_for_the_next_opening(people, monkeypatch):
    anna = people[0]
    network_id = anna.network_id
    cache.clear()
    today = START + dt.timedelta(weeks=19, days=2)
    routes_committed(network_id, today)
    _write("unmark", fresh_network(network_id), None, 0)  # a save changed Anna's marks
    derived = counting(monkeypatch)
    candidates(network_id, today, 1)
    assert derived == [[anna.pk]]  # only the person whose facts changed
    derived.clear()
    assert routes_committed(network_id, today) == scratch(network_id, today)
    assert derived == [[p.pk for p in people[:4]]]  # the scratch one only: the entry was fresh
    # No entry (the cache emptied): nothing is stored, only the candidates are derived.
    cache.clear()
    derived.clear()
    found = candidates(network_id, today, 1)
    assert cache.get(routes_key(network_id, route_rules(anna.organisation))) is None
    assert derived == ([sorted(p.pk for p in found)] if found else [])
