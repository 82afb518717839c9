"""The fidelity facts kept per network under its `plan` and `evaluation` tokens
(`fidelity.facts_cache.kept_facts`, the dashboard's fidelity column after a saved session
screen) equal `fidelity.selectors.read_fidelity_facts` read from scratch: after random writes
(sessions and marks, checklists, hours, targets, transitions, interviews by the lead, the backup or
someone else, a changed backup worker), read at random moments and cut at several days;
and a session save alone reads none of them again."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import fields

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import database_histories
from tests.dashboards.test_page_cache import _organisation, _raw_marks
from tests.dashboards.test_read_once import WRITES, _committed, _interview
from vangnet.fidelity.column_cache import KINDS
from vangnet.fidelity.facts_cache import kept_facts
from vangnet.fidelity.selectors import read_fidelity_facts
from vangnet.networks.models import Network
from vangnet.participants.data_versions import network_data_versions

pytestmark = pytest.mark.django_db

DAYS = [dt.date(2025, 12, 31), dt.date(2025, 12, 10), dt.date(2025, 9, 30)]


def plain(facts) -> dict:
    return {item.name: dict(getattr(facts, item.name)) for item in fields(facts)}


def _kept(ids, until, networks=None):
    versions = network_data_versions(network_ids=ids, kinds=KINDS)  # read before the facts
    return _committed(kept_facts(versions), ids=ids, until=until, networks=networks)


@database_histories(8)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(WRITES),
            st.integers(0, 50),
            st.integers(0, 10**6),
            st.sampled_from(range(len(DAYS))),
            st.booleans(),  # the networks passed along (their workers not read again)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_kept_facts_equal_scratch_after_random_writes(steps):
    data = _organisation(networks=3)
    organisation = data["organisation"]
    for write, which, seed, day, passed in steps:
        networks = list(Network.objects.filter(organisation=organisation).order_by("pk"))
        ids = [network.pk for network in networks]
        assert plain(_kept(ids, DAYS[day], networks if passed else None)) == plain(
            read_fidelity_facts(ids, DAYS[day])
        )
        write(data, networks[which % len(networks)], random.Random(seed))
        networks = list(Network.objects.filter(organisation=organisation).order_by("pk"))
        some = ids[: 1 + which % len(ids)]
        assert plain(_kept(some, DAYS[day])) == plain(read_fidelity_facts(some, DAYS[day]))


def test_a_session_save_reads_no_fidelity_fact_again():
    data = _organisation(networks=2)
    network = data["networks"][0]
    ids = [network.pk for network in data["networks"]]
    _kept(ids, DAYS[0])
    _raw_marks(data, network, random.Random(3))
    versions = network_data_versions(network_ids=ids, kinds=KINDS)
    with CaptureQueriesContext(connection) as captured:
        kept = kept_facts(versions)(ids, DAYS[0])
    assert len(captured) == 0
    assert plain(kept) == plain(read_fidelity_facts(ids, DAYS[0]))


def test_a_changed_backup_worker_changes_the_kept_interviews():
    data = _organisation(networks=1)
    network, coordinator = data["networks"][0], data["coordinator"]
    Network.objects.filter(pk=network.pk).update(backup_worker=None)
    _interview(data, Network.objects.get(pk=network.pk), _Held(coordinator))
    before = _kept([network.pk], DAYS[0])
    assert before.interviews[network.pk][0][1]  # independent: held by someone else
    Network.objects.filter(pk=network.pk).update(backup_worker=coordinator)
    after = _kept([network.pk], DAYS[0])
    assert not after.interviews[network.pk][0][1]
    assert plain(after) == plain(read_fidelity_facts([network.pk], DAYS[0]))


class _Held(random.Random):
    """A choice that always gives `who` (the interviewer of `_interview`)."""

    def __init__(self, who):
        super().__init__(0)
        self.who = who

    def choice(self, _seq):
        return self.who
