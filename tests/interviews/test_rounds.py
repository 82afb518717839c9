"""Issue 14, item 8: custom questionnaires could be built but never used (interviews always
used the default questionnaire). The coordinator chooses the questionnaire per round."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import login
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.interviews.factories import plan_interview
from vangnet.interviews import services
from vangnet.interviews.models import InterviewRound
from vangnet.interviews.rounds import services as round_services
from vangnet.questionnaires import services as q_services
from vangnet.questionnaires.models import ItemKind, QuestionnaireTemplate

pytestmark = pytest.mark.django_db


def _short_questionnaire(organisation, by) -> QuestionnaireTemplate:
    template = q_services.template_create(
        organisation=organisation, name="Korte lijst na een jaar", by=by
    )
    section = q_services.section_add(template=template, by=by, title_nl="Hoe gaat het?")
    q_services.item_add(
        section=section,
        by=by,
        key="eenzaam",
        kind=ItemKind.POST_THEN_PRE,
        text_nl="Hoe vaak voelt u zich alleen?",
    )
    return template


def test_custom_questionnaires_can_be_built_but_never_used(client):
    network = NetworkFactory()
    organisation = network.organisation
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    template = _short_questionnaire(organisation, coordinator)
    login(client, coordinator)
    response = client.post(
        reverse("interviews:rounds"),
        {"name": "Na het eerste jaar", "questionnaire": template.pk},
    )
    assert response.status_code == 302
    interview_round = InterviewRound.objects.get()
    assert interview_round.questionnaire == template
    page = client.get(reverse("interviews:rounds")).content.decode()
    assert "Na het eerste jaar" in page and "Korte lijst na een jaar" in page

    interview = plan_interview(network=network)
    response = client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {
            "interviewer": interview.interviewer_id,
            "planned_at": interview.planned_at.strftime("%Y-%m-%dT%H:%M"),
            "place": "Wijkcentrum",
            "confirm_own_worker": "on",
            "interview_round": interview_round.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()
    interview.refresh_from_db()
    assert interview.round == interview_round

    client.force_login(interview.interviewer)
    page = client.get(reverse("interviews:questionnaire", args=[interview.pk]))
    assert page.status_code == 200
    assert "Hoe vaak voelt u zich alleen?" in page.content.decode()
    interview.refresh_from_db()
    assert interview.response.version.template == template


def test_interview_without_round_uses_the_default_questionnaire():
    network = NetworkFactory()
    interview = plan_interview(network=network)
    response = services.interview_response_ensure(interview=interview, by=interview.interviewer)
    assert response.version.template.key == "evaluatiegesprek"


def test_round_of_another_organisation_is_refused():
    network = NetworkFactory()
    other = OrganisationFactory()
    other_round = round_services.round_create(
        organisation=other,
        name="Elders",
        questionnaire=q_services.default_template_ensure(organisation=other),
        by=None,
    )
    with pytest.raises(ValidationError) as error:
        plan_interview(network=network, interview_round=other_round)
    assert "interview_round" in error.value.message_dict


def test_round_is_fixed_once_the_questionnaire_started():
    network = NetworkFactory()
    organisation = network.organisation
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    first = round_services.round_create(
        organisation=organisation,
        name="Eerste",
        questionnaire=_short_questionnaire(organisation, coordinator),
        by=coordinator,
    )
    interview = plan_interview(network=network, interview_round=first)
    services.interview_response_ensure(interview=interview, by=interview.interviewer)
    with pytest.raises(ValidationError) as error:
        services.interview_update(
            interview=interview,
            interviewer=interview.interviewer,
            planned_at=interview.planned_at,
            place="Wijkcentrum",
            confirm_own_worker=True,
            interview_round=None,
            by=coordinator,
        )
    assert "interview_round" in error.value.message_dict


def test_round_names_are_unique_and_need_a_questionnaire(client):
    network = NetworkFactory()
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    login(client, coordinator)
    url = reverse("interviews:rounds")
    assert client.post(url, {"name": "", "questionnaire": ""}).status_code == 400
    foreign = q_services.default_template_ensure(organisation=OrganisationFactory())
    assert client.post(url, {"name": "X", "questionnaire": foreign.pk}).status_code == 400
    default = q_services.default_template_ensure(organisation=network.organisation)
    assert client.post(url, {"name": "Ronde", "questionnaire": default.pk}).status_code == 302
    response = client.post(url, {"name": "ronde", "questionnaire": default.pk})
    assert response.status_code == 400
    assert "Er is al een ronde met deze naam." in response.content.decode()
    assert InterviewRound.objects.count() == 1
