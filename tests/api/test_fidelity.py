"""The fidelity score over the API: the same components and trend as /methodetrouw/, for
the networks the role may see; in the OpenAPI schema."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import token_client
from tests.factories import NetworkFactory, UserFactory
from vangnet.fidelity.models import FidelityWeights
from vangnet.fidelity.score import DEFAULT_WEIGHTS, KEYS
from vangnet.fidelity.selectors import fidelity_by_network
from vangnet.network_evaluation.models import ChecklistAnswer, ChecklistAssessment, Score

pytestmark = pytest.mark.django_db


def test_list_matches_the_selector_for_a_coordinator(coordinator, network):
    second = NetworkFactory(organisation=network.organisation)
    NetworkFactory()  # another organisation
    assessment = ChecklistAssessment.objects.create(
        network=network, date=timezone.localdate() - dt.timedelta(days=3)
    )
    for number, score in enumerate([Score.YES, Score.NO]):
        ChecklistAnswer.objects.create(assessment=assessment, item_key=f"k{number}", score=score)
    FidelityWeights.objects.create(
        organisation=network.organisation, **{**DEFAULT_WEIGHTS, "checklist": 30, "phase": 0}
    )
    response = token_client(coordinator).get(reverse("api:fidelity_list"))
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["weights"]["checklist"] == 30 and data["weights"]["phase"] == 0
    expected = fidelity_by_network(organisation=network.organisation, today=timezone.localdate())
    assert [n["network_id"] for n in data["networks"]] == [e.network_id for e in expected]
    assert {network.pk, second.pk} == {n["network_id"] for n in data["networks"]}
    mine = next(n for n in data["networks"] if n["network_id"] == network.pk)
    assert len(mine["trend"]) == 4
    current = mine["trend"][-1]
    assert mine["score"] == current["score"]
    assert [c["key"] for c in current["components"]] == list(KEYS)
    checklist = current["components"][0]
    assert checklist["weight"] == 30 and checklist["share"] == 0.5
    assert checklist["evidence"] and checklist["next_step"]


def test_worker_gets_only_their_networks_and_404_for_others(worker, network):
    other = NetworkFactory(organisation=network.organisation)
    api = token_client(worker)
    data = api.get(reverse("api:fidelity_list")).json()
    assert [n["network_id"] for n in data["networks"]] == [network.pk]
    assert api.get(reverse("api:network_fidelity", args=[other.pk])).status_code == 404
    one = api.get(reverse("api:network_fidelity", args=[network.pk]))
    assert one.status_code == 200
    assert one.json()["network_id"] == network.pk and len(one.json()["trend"]) == 4


def test_roles_without_evaluation_rights_get_403(network):
    municipality = UserFactory(organisation=network.organisation, municipality=True)
    response = token_client(municipality).get(reverse("api:fidelity_list"))
    assert response.status_code == 403


def test_schema_describes_the_endpoints(coordinator, client):
    client.force_login(coordinator)
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    assert "/api/fidelity/" in schema["paths"]
    assert "/api/networks/{network_id}/fidelity/" in schema["paths"]
    component = schema["components"]["schemas"]["Component"]
    assert {"weight", "share", "evidence", "next_step"} <= set(component["properties"])
