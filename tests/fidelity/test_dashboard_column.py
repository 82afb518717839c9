"""The dashboard's fidelity column: the score of the quarter in which the period ends, read
in a number of queries that does not grow with the networks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import login
from tests.dashboards.factories import bulk_organisation
from tests.factories import NetworkFactory, UserFactory
from vangnet.fidelity.selectors import current_scores, fidelity_by_network

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)


def dashboard_queries(client, organisation) -> tuple[int, str]:
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    login(client, coordinator)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboards:organisation"))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_dashboard_query_count_does_not_grow_with_networks(client, settings):
    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 0
    small = bulk_organisation(networks=2, weeks=8, people=3)
    large = bulk_organisation(networks=7, weeks=30, people=6)
    small_queries, _ = dashboard_queries(client, small["organisation"])
    client.logout()
    large_queries, text = dashboard_queries(client, large["organisation"])
    assert small_queries == large_queries
    assert "Methodetrouw" in text


def test_column_shows_the_score_of_the_running_quarter_with_its_weakest_part(client):
    data = bulk_organisation(networks=2, weeks=30, people=6)
    network = data["networks"][0]
    scores = current_scores(
        organisation=data["organisation"],
        as_of=TODAY,
        network_ids=[n.pk for n in data["networks"]],
    )
    expected = fidelity_by_network(organisation=data["organisation"], today=TODAY)
    assert {pk: q.result.score for pk, q in scores.items()} == {
        item.network_id: item.current.result.score for item in expected
    }
    coordinator = UserFactory(organisation=data["organisation"], coordinator=True)
    text = (
        login(client, coordinator)
        .get(reverse("dashboards:organisation"), {"van": "2025-10-01", "tot": "2025-12-31"})
        .content.decode()
    )
    current = scores[network.pk]
    link = reverse("fidelity:network", args=[network.pk])
    assert f'<a href="{link}">{current.result.score}</a>' in text
    assert f"zwakst: {current.result.weakest.title}" in text
    assert current.label in text


def test_network_not_started_yet_says_so():
    network = NetworkFactory(start_date=dt.date(2026, 6, 1))
    assert current_scores(organisation=network.organisation, as_of=TODAY, network_ids=[]) == {}
    scores = current_scores(
        organisation=network.organisation, as_of=TODAY, network_ids=[network.pk]
    )
    assert scores[network.pk].result.score is None
