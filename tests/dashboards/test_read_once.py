"""What a dashboard look after writes reads once and passes on instead of reading it again
(docs/performance.md, helper dash6): the fidelity column's cache gets the tokens of the
rows' lines and the weights of the body's key, the scores of the known figures take the
networks' lead and backup workers from those figures, and the fidelity column's quarter
reuses the fact versions read for the dashboard's period; a miss sums the totals from the
rows' kept sums and keeps each row's figures pickled. After random writes each equals its
from-scratch counterpart."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.test import TestCase
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import database_histories
from tests.dashboards.test_figures_again import plain
from tests.dashboards.test_page_cache import (
    _checklist,
    _form,
    _hours,
    _organisation,
    _raw_marks,
    _raw_transition,
    _target,
    body,
    scratch,
)
from tests.factories import ParticipantFactory, UserFactory
from vangnet.dashboards.page_cache import _filter_rows, _network_rows, shared_parts
from vangnet.dashboards.row_cache import Look
from vangnet.dashboards.selectors import organisation_figures, organisation_figures_again
from vangnet.fidelity.column_cache import cached_current_scores
from vangnet.fidelity.selectors import current_scores, organisation_weights, read_fidelity_facts
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


def _kept_rows(organisation, coordinator):
    """The rows a dashboard miss assembles (`row_cache.Look.rows`), as `cached_output` makes
    them, against the figures from scratch: the totals summed from each row's kept sums and
    each row's pickled figures."""
    filters = _form(organisation).filters()
    weights = organisation_weights(organisation)
    shared = shared_parts(
        organisation=organisation,
        role=coordinator.role,
        filters=filters,
        today=TODAY,
        weights=weights,
    )
    lines = _filter_rows(organisation, filters)
    look = Look(organisation, shared, filters, TODAY, lines, 3600, weights)
    kept = _committed(look.rows)
    fresh = organisation_figures(organisation=organisation, today=TODAY, **filters)
    assert kept.figures.totals == fresh.totals
    assert [part.figures() for part in kept.rows] == fresh.rows
    assert [part.network_id for part in kept.rows] == [row.network_id for row in fresh.rows]


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


@database_histories(6)
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
    _kept_rows(organisation, coordinator)
    assert body(coordinator) == scratch(coordinator)
    for write, which, seed in steps:
        networks = list(Network.objects.filter(organisation=organisation).order_by("pk"))
        write(data, networks[which % len(networks)], random.Random(seed))
        _compare(organisation)
        _kept_rows(organisation, coordinator)
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
        facts = read_fidelity_facts(ids, TODAY, figures.loaded.networks)
        assert facts == read_fidelity_facts(ids, TODAY)
        _compare(organisation)
        return [held[1] for held in facts.interviews[network.pk]]

    assert independent() == [False]
    Network.objects.filter(pk=network.pk).update(backup_worker=None)
    assert independent() == [True]
