"""A person who filled in the questionnaire twice (at intake and after a year, or in an
interview and a worker's questionnaire) is one person in the outcome figures: their newest
response counts. Counting every response broke the paired test's independence and let a
group of fewer than k people pass the small-group threshold."""

from __future__ import annotations

import random

import pytest

from tests.factories import ParticipantFactory
from vangnet.questionnaires import selectors, services
from vangnet.questionnaires.demo import demo_answers
from vangnet.questionnaires.models import Answer, Response
from vangnet.questionnaires.outcome_selectors import (
    indicator_scores,
    network_outcome,
    organisation_outcome,
)

pytestmark = pytest.mark.django_db


def _twice(network, worker, people: int) -> list[Response]:
    """Each of `people` participants answers twice; meedoen (then, now) is (2, 3) the first
    time and (2, 8) the second; zinvol now is 4, then 9."""
    rng = random.Random(7)
    template = services.default_template_ensure(organisation=network.organisation)
    version = selectors.current_version(template=template)
    responses = []
    for index in range(people):
        person = ParticipantFactory(network=network, display_name=f"Twee keer {index}")
        for then, now, zinvol in ((2, 3, 4), (2, 8, 9)):
            response = services.response_start(version=version, participant=person, by=worker)
            demo_answers(response=response, rng=rng)
            answers = Answer.objects.filter(response=response)
            answers.filter(item__key="meedoen").update(value_then=then, value_now=now)
            answers.filter(item__key="zinvol").update(value_now=zinvol)
            responses.append(response)
    return responses


def test_a_person_who_answered_twice_is_one_pair_with_their_newest_scores(network, worker):
    _twice(network, worker, 3)
    assert selectors.network_pairs(networks=[network.pk])[network.pk] == [(2, 8)] * 3
    pairs, _texts = selectors.network_item_pairs(networks=[network.pk])
    assert pairs[network.pk]["meedoen"] == [(2, 8)] * 3
    completed = selectors.completed_responses(networks=[network.pk])
    assert selectors.paired_scores(responses_qs_or_list=completed) == [(2, 8)] * 3
    assert selectors.item_scores(networks=[network.pk], item_key="zinvol") == [9] * 3
    assert indicator_scores(networks=[network.pk])[network.pk]["zinvol"] == [9] * 3


def test_three_people_with_six_responses_stay_below_the_threshold(network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    _twice(network, worker, 3)
    outcome = network_outcome(network=network)
    assert outcome.change.suppressed
    assert organisation_outcome(networks=[network])["pooled"].suppressed


def test_responses_of_an_erased_person_count_apart(network, worker):
    responses = _twice(network, worker, 2)
    # The first person was erased: their two responses stay, anonymous, unmatched.
    Response.objects.filter(pk__in=[responses[0].pk, responses[1].pk]).update(participant=None)
    pairs = sorted(selectors.network_pairs(networks=[network.pk])[network.pk])
    assert pairs == [(2, 3), (2, 8), (2, 8)]
