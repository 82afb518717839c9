"""The outcome analysis uses self-filled (Mijn Vangnet) and interviewer-filled responses
alike, and can show the two apart (?ingevuld=zelf / ?ingevuld=interviewer)."""

from __future__ import annotations

import random

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import ParticipantFactory, UserFactory
from vangnet.questionnaires import selectors, services
from vangnet.questionnaires.demo import demo_answers
from vangnet.questionnaires.models import Answer, Response
from vangnet.questionnaires.outcome_selectors import (
    indicator_scores,
    network_outcome,
    organisation_outcome,
)

pytestmark = pytest.mark.django_db


def _answered(network, worker, *, self_filled: int, interviewer: int) -> None:
    """Self-filled: meedoen (2, 8), zinvol 9; interviewer-filled: meedoen (2, 3), zinvol 4."""
    rng = random.Random(3)
    template = services.default_template_ensure(organisation=network.organisation)
    version = selectors.current_version(template=template)
    for index in range(self_filled + interviewer):
        by_self = index < self_filled
        person = ParticipantFactory(network=network, display_name=f"Persoon {index}")
        response = services.response_start(version=version, participant=person, by=worker)
        demo_answers(response=response, rng=rng)
        Response.objects.filter(pk=response.pk).update(self_filled=by_self)
        answers = Answer.objects.filter(response=response)
        answers.filter(item__key="meedoen").update(value_then=2, value_now=8 if by_self else 3)
        answers.filter(item__key="zinvol").update(value_now=9 if by_self else 4)


def test_both_count_and_each_can_be_shown_apart(network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 2
    _answered(network, worker, self_filled=3, interviewer=2)
    ids = [network.pk]
    assert sorted(selectors.network_pairs(networks=ids)[network.pk]) == [(2, 3)] * 2 + [(2, 8)] * 3
    assert selectors.network_pairs(networks=ids, filled="self")[network.pk] == [(2, 8)] * 3
    assert selectors.network_pairs(networks=ids, filled="interviewer")[network.pk] == [(2, 3)] * 2
    assert indicator_scores(networks=ids, filled="self")[network.pk]["zinvol"] == [9] * 3
    pairs, _texts = selectors.network_item_pairs(networks=ids, filled="interviewer")
    assert pairs[network.pk]["meedoen"] == [(2, 3)] * 2
    assert network_outcome(network=network).change.n == 5
    assert network_outcome(network=network, filled="self").change.n == 3
    assert organisation_outcome(networks=[network], filled="interviewer")["pooled"].n == 2


def test_the_pages_filter_on_who_filled_in(client, network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 2
    _answered(network, worker, self_filled=3, interviewer=2)
    login(client, worker)
    url = reverse("questionnaires:network_outcomes", args=[network.pk])
    everyone = client.get(url).content.decode()
    assert "Persoon" not in everyone and everyone.count("<tr>") > client.get(
        url + "?ingevuld=interviewer"
    ).content.decode().count("<tr>")
    own = client.get(url + "?ingevuld=zelf").content.decode()
    assert '<strong aria-current="true">De deelnemer zelf</strong>' in own
    # Anything else is every response, never an error.
    assert client.get(url + "?ingevuld=<x>").status_code == 200
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    login(client, coordinator)
    org = client.get(reverse("questionnaires:organisation_outcomes") + "?ingevuld=interviewer")
    assert org.status_code == 200
    assert (
        '<strong aria-current="true">Met een interviewer of werker</strong>' in org.content.decode()
    )
