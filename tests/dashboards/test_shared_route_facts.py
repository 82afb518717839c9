"""The route figures of two periods ending on the same day share one read and one derivation
(`dashboards.routes.load_route_counts(shared=...)`, the dashboard's period and its fidelity
column's quarter): after random writes, the figures of every period asked in a row through
one shared dict equal those derived from scratch for each period alone, and the second
period reads nothing again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import database_histories, period_asks
from tests.dashboards.test_page_cache import _organisation, _raw_marks, _raw_transition
from tests.dashboards.test_row_cache import ONE_NETWORK
from vangnet.dashboards.routes import load_route_counts
from vangnet.networks.models import Network

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)
STARTS = [dt.date(2025, 1, 1), dt.date(2025, 10, 1), dt.date(2025, 12, 1), dt.date(2024, 6, 3)]
DAYS = [TODAY, dt.date(2025, 11, 20), dt.date(2025, 6, 30)]


def plain(counts) -> dict:
    return {pk: dataclasses.asdict(row) for pk, row in sorted(counts.items())}


@database_histories(8)
@given(
    writes=st.lists(
        st.tuples(
            st.sampled_from([*ONE_NETWORK, _raw_marks, _raw_transition]),
            st.integers(0, 50),
            st.integers(0, 10**6),
        ),
        max_size=4,
    ),
    asks=period_asks(len(STARTS), len(DAYS)),
)
def test_shared_periods_equal_scratch_after_random_writes(writes, asks):
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
        kept = load_route_counts(
            organisation=organisation, ids=ids, start=start, as_of=as_of, shared=shared
        )
        fresh = load_route_counts(organisation=organisation, ids=ids, start=start, as_of=as_of)
        assert plain(kept) == plain(fresh)


def test_the_second_period_reads_nothing_again():
    data = _organisation(networks=2)
    organisation = data["organisation"]
    shared: dict = {}
    with CaptureQueriesContext(connection) as first:
        load_route_counts(
            organisation=organisation, ids=None, start=STARTS[0], as_of=TODAY, shared=shared
        )
    with CaptureQueriesContext(connection) as second:
        quarter = load_route_counts(
            organisation=organisation, ids=None, start=STARTS[1], as_of=TODAY, shared=shared
        )
    assert len(first) >= 4 and len(second) == 0
    fresh = load_route_counts(organisation=organisation, ids=None, start=STARTS[1], as_of=TODAY)
    assert plain(quarter) == plain(fresh) and any(row.stage_counts for row in fresh.values())
