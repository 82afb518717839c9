"""What a dashboard look after writes reads once and passes on instead of reading it again
(docs/performance.md, helper dash6): the fidelity column's cache gets the tokens of the
rows' lines and the weights of the body's key, the scores of the known figures take the
networks' lead and backup workers from those figures, and the fidelity column's quarter
reuses the fact versions read for the dashboard's period. After random writes each equals
its from-scratch counterpart."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.test import TestCase
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.dashboards.test_figures_again import plain
from tests.dashboards.test_page_cache import (
    _checklist,
    _hours,
    _organisation,
    _raw_marks,
    _raw_transition,
    _target,
    body,
    scratch,
)
from tests.factories import ParticipantFactory, UserFactory
from vangnet.dashboards.page_cache import _network_rows
from vangnet.dashboards.selectors import organisation_figures, organisation_figures_again
from vangnet.fidelity.column_cache import cached_current_scores
from vangnet.fidelity.selectors import _facts, current_scores, organisation_weights
from vangnet.interviews.models import Interview, InterviewStatus
from vangnet.networks.models import Network

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2025, 12, 31)
START = dt.date(2025, 1, 1)


def _interview(data, network, rng):
    """An interview held by the network's lead worker, its backup or someone else (the
    fidelity score counts the independent ones)."""
    interviewer = rng.choice(
        [network.lead_worker, network.backup_worker, data["coordinator"]]
    ) or UserFactory(organisation=data["organisation"], evaluator=True)
    Interview.objects.create(
        organisation=data["organisation"],
        network=network,
        participant=ParticipantFactory(network=network),
        interviewer=interviewer,
        planned_at=timezone.make_aware(dt.datetime(2025, 12, rng.randint(1, 28), 10)),
        place="Buurthuis",
        status=InterviewStatus.HELD,
    )


def _backup(data, network, rng):
    """The network's backup worker changes (or goes): who runs it changes."""
    backup = rng.choice([None, data["coordinator"], data["worker"]])
    Network.objects.filter(pk=network.pk).update(backup_worker=backup)


WRITES = [_checklist, _hours, _target, _raw_marks, _raw_transition, _interview, _backup]


def _committed(function, **kwargs):
    """As a request whose transaction commits: the caches are filled on commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(**kwargs)


def _compare(organisation):
    lines = _network_rows(organisation_id=organisation.pk, location_id=None, worker_id=None)
    figures = _committed(
        organisation_figures, organisation=organisation, start=START, end=TODAY, today=TODAY
    )
    ids = [row.network_id for row in figures.rows]
    fresh = current_scores(organisation=organisation, as_of=TODAY, network_ids=ids)
    # The lead and backup workers of the known figures' networks.
    assert (
        current_scores(organisation=organisation, as_of=TODAY, network_ids=ids, known=figures)
        == fresh
    )
    # The column's cache with the lines' tokens and the weights read before.
    kept = _committed(
        cached_current_scores,
        organisation=organisation,
        as_of=TODAY,
        network_ids=ids,
        known=figures,
        weights=organisation_weights(organisation),
        versions={line[0]: tuple(line[1:4]) for line in lines},
    )
    assert kept == fresh
    # The quarter with the fact versions read for the period.
    again = _committed(
        organisation_figures_again,
        figures=figures,
        start=dt.date(2025, 10, 1),
        end=TODAY,
        today=TODAY,
    )
    quarter = organisation_figures(
        organisation=organisation,
        start=dt.date(2025, 10, 1),
        end=TODAY,
        network_ids=ids,
        today=TODAY,
    )
    assert plain(again) == plain(quarter)
    return fresh


@settings(
    max_examples=6,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # shrinking a database: too slow
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(WRITES), st.integers(0, 50), st.integers(0, 10**6)),
        min_size=1,
        max_size=6,
    )
)
def test_what_is_read_once_equals_scratch_after_random_writes(steps):
    data = _organisation(networks=3)
    organisation, coordinator = data["organisation"], data["coordinator"]
    _compare(organisation)
    assert body(coordinator) == scratch(coordinator)
    for write, which, seed in steps:
        networks = list(Network.objects.filter(organisation=organisation).order_by("pk"))
        write(data, networks[which % len(networks)], random.Random(seed))
        _compare(organisation)
        assert body(coordinator) == scratch(coordinator)


def test_independent_interviews_follow_the_backup_worker():
    """By hand: an interview held by the backup worker is not independent; once nobody
    backs the network up, it is (the networks of the known figures, read again)."""
    data = _organisation(networks=2)
    organisation, network = data["organisation"], data["networks"][0]
    Network.objects.filter(pk=network.pk).update(backup_worker=data["coordinator"])
    network.refresh_from_db()
    _interview(data, network, random.Random(0))
    Interview.objects.filter(network=network).update(interviewer=data["coordinator"])

    def independent() -> list[bool]:
        figures = organisation_figures(
            organisation=organisation, start=START, end=TODAY, today=TODAY
        )
        ids = [row.network_id for row in figures.rows]
        facts = _facts(ids, TODAY, figures.loaded.networks)
        assert facts == _facts(ids, TODAY)
        _compare(organisation)
        return [held[1] for held in facts.interviews[network.pk]]

    assert independent() == [False]
    Network.objects.filter(pk=network.pk).update(backup_worker=None)
    assert independent() == [True]
