"""The dashboard's fidelity column cached per network (`fidelity.column_cache`): always equal
to a computation from scratch after writes of every kind, in the language of the request,
in a number of queries that does not grow with the networks, and never shown to a viewer
without the dashboard's capability."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.conftest import login
from tests.dashboards.factories import bulk_organisation
from tests.factories import UserFactory
from vangnet.dashboards.selectors import organisation_figures
from vangnet.fidelity.column_cache import cached_current_scores, cached_trend
from vangnet.fidelity.models import FidelityWeights
from vangnet.fidelity.score import DEFAULT_WEIGHTS
from vangnet.fidelity.selectors import current_scores, fidelity_by_network
from vangnet.network_evaluation.checklist import ITEM_KEYS
from vangnet.network_evaluation.services import checklist_assessment_create
from vangnet.networks.models import Network
from vangnet.planning.services import worker_hours_record

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2025, 12, 31)


def both(organisation, ids):
    cached = cached_current_scores(organisation=organisation, as_of=TODAY, network_ids=ids)
    scratch = current_scores(organisation=organisation, as_of=TODAY, network_ids=ids)
    return cached, scratch


def _checklist(network, actor, rng):
    checklist_assessment_create(
        network=network,
        actor=actor,
        date=dt.date(2025, 12, rng.randint(1, 28)),
        answers={key: (rng.choice(["ja", "deels", "nee"]), "") for key in ITEM_KEYS[:6]},
    )


def _hours(network, worker, rng):
    monday = dt.date(2025, 12, 1) + dt.timedelta(weeks=rng.randint(0, 3))
    worker_hours_record(
        network=network,
        worker=worker,
        hours_by_week={monday: rng.choice([None, Decimal(rng.randint(0, 30))])},
        today=TODAY,
    )


def _update(network, _worker, rng):
    Network.objects.filter(pk=network.pk).update(target_core_size=rng.randint(1, 20))


def _raw_marks(network, _worker, rng):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM networks_attendance WHERE session_id IN "
            "(SELECT id FROM networks_session WHERE network_id = %s AND date >= %s)",
            [network.pk, dt.date(2025, 12, 29) - dt.timedelta(weeks=rng.randint(1, 10))],
        )


def _raw_transition(network, _worker, rng):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE networks_phasetransition SET date = %s WHERE network_id = %s",
            [dt.date(2025, 12, 29) - dt.timedelta(days=rng.randint(1, 120)), network.pk],
        )


WRITES = [_checklist, _hours, _update, _raw_marks, _raw_transition]


def test_cached_column_equals_scratch_after_random_writes():
    data = bulk_organisation(networks=5, weeks=30, people=6)
    organisation, networks = data["organisation"], data["networks"]
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    ids = [network.pk for network in networks]
    rng = random.Random(21)
    cached, scratch = both(organisation, ids)
    assert cached == scratch
    first = dict(cached)
    for _round in range(6):
        for _write in range(rng.randint(1, 3)):
            write = rng.choice(WRITES)
            network = Network.objects.get(pk=rng.choice(ids))
            actor = coordinator if write is _checklist else data["worker"]
            write(network, actor, rng)
        cached, scratch = both(organisation, ids)
        assert cached == scratch
    # The writes changed scores, so a stale cache would have been seen.
    assert cached != first
    # The organisation's weights are part of the key.
    FidelityWeights.objects.create(organisation=organisation, **{**DEFAULT_WEIGHTS, "hours": 0})
    cached, scratch = both(organisation, ids)
    assert cached == scratch


def _earlier_checklist(network, actor, rng):
    checklist_assessment_create(
        network=network,
        actor=actor,
        date=dt.date(2025, rng.randint(4, 11), rng.randint(1, 28)),
        answers={key: (rng.choice(["ja", "deels", "nee"]), "") for key in ITEM_KEYS[:6]},
    )


def _earlier_hours(network, worker, rng):
    monday = dt.date(2025, 4, 7) + dt.timedelta(weeks=rng.randint(0, 30))
    worker_hours_record(
        network=network,
        worker=worker,
        hours_by_week={monday: rng.choice([None, Decimal(rng.randint(0, 30))])},
        today=TODAY,
    )


def _earlier_marks(network, _worker, rng):
    day = dt.date(2025, 4, 1) + dt.timedelta(days=rng.randint(0, 240))
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM networks_attendance WHERE session_id IN "
            "(SELECT id FROM networks_session WHERE network_id = %s AND date BETWEEN %s AND %s)",
            [network.pk, day, day + dt.timedelta(weeks=3)],
        )


TREND_WRITES = [*WRITES, _earlier_checklist, _earlier_hours, _earlier_marks]


def both_trends(organisation, start=dt.date(2025, 1, 1), location=None):
    figures = organisation_figures(
        organisation=organisation, start=start, end=TODAY, today=TODAY, location=location
    )
    scratch = fidelity_by_network(
        organisation=organisation,
        today=figures.as_of,
        network_ids=[row.network_id for row in figures.rows],
        known=figures,
    )
    return cached_trend(figures), scratch


def test_cached_trend_equals_scratch_after_random_writes():
    """The organisation report PDF's fidelity section: four quarters, each from the column
    cache, equal to `fidelity_by_network` after writes in the running and earlier quarters."""
    data = bulk_organisation(networks=5, weeks=40, people=6)
    organisation, networks = data["organisation"], data["networks"]
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    ids = [network.pk for network in networks]
    rng = random.Random(2103)
    cached, scratch = both_trends(organisation)
    assert cached == scratch
    assert [len(item.trend) for item in cached] == [4] * len(ids)
    first = cached
    for _round in range(8):
        for _write in range(rng.randint(1, 3)):
            write = rng.choice(TREND_WRITES)
            network = Network.objects.get(pk=rng.choice(ids))
            actor = coordinator if write in (_checklist, _earlier_checklist) else data["worker"]
            write(network, actor, rng)
        cached, scratch = both_trends(organisation)
        assert cached == scratch
        # a shorter period ending on the same day
        assert both_trends(organisation, start=dt.date(2025, 10, 1)) == (cached, scratch)
    # The writes changed earlier quarters' scores, so a stale cache would have been seen.
    assert [item.trend[:3] for item in cached] != [item.trend[:3] for item in first]
    FidelityWeights.objects.create(organisation=organisation, **{**DEFAULT_WEIGHTS, "hours": 0})
    cached, scratch = both_trends(organisation)
    assert cached == scratch


def test_cached_trend_of_no_networks_is_empty():
    data = bulk_organisation(networks=1, weeks=8, people=3)
    figures = organisation_figures(
        organisation=data["organisation"],
        start=dt.date(2025, 1, 1),
        end=TODAY,
        today=TODAY,
        network_ids=[],
    )
    assert cached_trend(figures) == []


def test_language_is_part_of_the_key():
    data = bulk_organisation(networks=2, weeks=30, people=6)
    organisation = data["organisation"]
    ids = [network.pk for network in data["networks"]]
    with translation.override("nl"):
        dutch, _scratch = both(organisation, ids)
    with translation.override("en"):
        english, scratch = both(organisation, ids)
    assert english == scratch
    titles = {pk: [c.title for c in q.result.components] for pk, q in english.items()}
    assert titles != {pk: [c.title for c in q.result.components] for pk, q in dutch.items()}


def _dashboard_queries(client, organisation) -> list[int]:
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    login(client, coordinator)
    counts = []
    for _request in range(2):  # cold, then warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("dashboards:organisation"))
        assert response.status_code == 200
        counts.append(len(captured))
    client.logout()
    return counts


def test_cached_dashboard_query_count_does_not_grow_with_networks(client):
    small = _dashboard_queries(
        client, bulk_organisation(networks=2, weeks=8, people=3)["organisation"]
    )
    large = _dashboard_queries(
        client, bulk_organisation(networks=7, weeks=30, people=6)["organisation"]
    )
    assert small == large
    assert large[1] <= large[0]


@pytest.mark.parametrize("role", ["worker", "municipality", "evaluator"])
def test_viewer_without_the_dashboard_never_gets_the_cached_column(client, role):
    data = bulk_organisation(networks=2, weeks=30, people=6)
    organisation = data["organisation"]
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    network = data["networks"][0]
    link = reverse("fidelity:network", args=[network.pk])
    text = login(client, coordinator).get(reverse("dashboards:organisation")).content.decode()
    assert link in text  # the column is cached now
    client.logout()
    traits = {} if role == "worker" else {role: True}
    viewer = UserFactory(organisation=organisation, **traits)
    response = login(client, viewer).get(reverse("dashboards:organisation"))
    assert response.status_code in (302, 403)
    assert link not in response.content.decode()
