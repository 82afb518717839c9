"""House rules endpoint: versions newest first, the version in force on a day, the same
scope as the rules page."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.api.conftest import token_client
from tests.factories import NetworkFactory, UserFactory
from vangnet.houserules.services import house_rules_record

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def versions(network, worker):
    first = house_rules_record(
        network=network,
        text="We laten elkaar uitpraten.\nWie er is, hoort erbij.",
        agreed_on=dt.date(2025, 2, 1),
        actor=worker,
        today=TODAY,
    )
    second = house_rules_record(
        network=network,
        text=first.text + "\nWe ruimen samen op.",
        agreed_on=dt.date(2025, 6, 1),
        actor=worker,
        today=TODAY,
    )
    return first, second


def test_versions_and_the_one_in_force(network, worker, versions):
    url = reverse("api:house_rules", args=[network.pk])
    data = token_client(worker).get(url, {"on": "2025-04-01"}).json()
    assert [v["version"] for v in data["versions"]] == [2, 1]
    assert data["current"]["rules"][-1] == "We ruimen samen op."
    assert data["in_force"]["version"] == 1 and data["in_force_on"] == "2025-04-01"
    assert data["in_force"]["agreed_on"] == "2025-02-01"
    before = token_client(worker).get(url, {"on": "2025-01-01"}).json()
    assert before["in_force"] is None
    today = token_client(worker).get(url).json()
    assert today["in_force"]["version"] == 2


def test_no_rules_yet(network, worker):
    data = token_client(worker).get(reverse("api:house_rules", args=[network.pk])).json()
    assert data["current"] is None and data["versions"] == []


def test_scope_as_the_page(network, versions):
    url = reverse("api:house_rules", args=[network.pk])
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    assert token_client(coordinator).get(url).status_code == 200
    other = NetworkFactory(organisation=network.organisation).lead_worker
    assert token_client(other).get(url).status_code == 404
    municipality = UserFactory(organisation=network.organisation, municipality=True)
    assert token_client(municipality).get(url).status_code in (403, 404)


@pytest.mark.parametrize("day", ["1999-12-31", "2025-02-30", "gisteren", "2025-01-01\x00"])
def test_bad_day_answers_400(network, worker, day):
    response = token_client(worker).get(reverse("api:house_rules", args=[network.pk]), {"on": day})
    assert response.status_code == 400 and "on" in response.json()
