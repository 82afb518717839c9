"""Writes of the network evaluation: validation, history, concurrency, audit."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from tests.network_evaluation.factories import START
from vangnet.audit.models import AuditEvent
from vangnet.network_evaluation import services
from vangnet.network_evaluation.models import (
    ChecklistAnswer,
    ChecklistAssessment,
    NetworkEvaluation,
    NetworkEvaluationVersion,
    SubgoalJudgement,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 2, 1)


@pytest.fixture
def network():
    return NetworkFactory(start_date=START)


def save(network, **overrides):
    values = {
        "network": network,
        "moment_key": "one_year",
        "actor": network.lead_worker,
        "held_on": dt.date(2026, 1, 14),
        "participant_ids": [],
        "others_count": 0,
        "goals_answer": "Grotendeels.",
        "today": TODAY,
    }
    return services.evaluation_save(**(values | overrides))


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_save_creates_a_version_and_an_audit_record(network):
    person = ParticipantFactory(network=network)
    evaluation = save(network, participant_ids=[person.pk], others_count=2, others_note="buurthuis")
    assert evaluation.version == 1
    assert list(evaluation.participants.all()) == [person]
    version = NetworkEvaluationVersion.objects.get(evaluation=evaluation)
    assert version.data["participant_ids"] == [person.pk]
    assert version.data["goals_answer"] == "Grotendeels."
    assert version.saved_by == network.lead_worker
    assert (
        AuditEvent.objects.filter(
            action="create", object_type="network_evaluation.networkevaluation"
        ).count()
        == 1
    )


def test_second_save_keeps_the_first_version(network):
    save(network, goals_answer="Eerste antwoord.")
    colleague = network.backup_worker
    evaluation = save(network, actor=colleague, goals_answer="Beter antwoord.", expected_version=1)
    assert evaluation.version == 2 and evaluation.updated_by == colleague
    texts = list(
        NetworkEvaluationVersion.objects.filter(evaluation=evaluation)
        .order_by("number")
        .values_list("data__goals_answer", flat=True)
    )
    assert texts == ["Eerste antwoord.", "Beter antwoord."]


def test_stale_version_is_refused_and_nothing_changes(network):
    save(network, goals_answer="Eerste.")
    save(network, goals_answer="Tweede.", expected_version=1)
    with pytest.raises(ValidationError):
        save(network, goals_answer="Oud formulier.", expected_version=1)
    evaluation = NetworkEvaluation.objects.get(network=network)
    assert evaluation.goals_answer == "Tweede." and evaluation.version == 2


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"goals_answer": "  "}, "goals_answer"),
        ({"goals_answer": "x" * 10001}, "goals_answer"),
        ({"held_on": dt.date(2026, 3, 1)}, "held_on"),
        ({"held_on": dt.date(2024, 12, 1)}, "held_on"),
        ({"others_count": -1}, "others_count"),
        ({"others_count": 501}, "others_count"),
        ({"held_on": None, "others_count": 3}, "held_on"),
        ({"moment_key": "yearly_9"}, "moment"),
        ({"moment_key": ""}, "moment"),
    ],
)
def test_validation(network, overrides, field):
    with pytest.raises(ValidationError) as excinfo:
        save(network, **overrides)
    assert field in errors_of(excinfo)
    assert not NetworkEvaluation.objects.exists()


def test_participants_of_another_network_are_refused(network):
    stranger = ParticipantFactory()
    with pytest.raises(ValidationError) as excinfo:
        save(network, participant_ids=[stranger.pk])
    assert "participants" in errors_of(excinfo)
    assert not NetworkEvaluation.objects.exists()


def test_judgements_are_appended_only_when_changed(network):
    actor = network.lead_worker
    count = services.subgoal_judgements_save(
        network=network,
        moment_key="one_year",
        actor=actor,
        judgements={"a": ("achieved", "Iedereen kwam."), "b": ("", ""), "d": ("partly", "")},
        today=TODAY,
    )
    assert count == 2
    evaluation = NetworkEvaluation.objects.get(network=network, moment="one_year")
    assert evaluation.version == 0  # judging does not count as answering the questions
    count = services.subgoal_judgements_save(
        network=network,
        moment_key="one_year",
        actor=actor,
        judgements={"a": ("achieved", "Iedereen kwam."), "d": ("achieved", "Nu wel.")},
        today=TODAY,
    )
    assert count == 1
    rows = list(SubgoalJudgement.objects.filter(subgoal="d").order_by("id"))
    assert [row.judgement for row in rows] == ["partly", "achieved"]


@pytest.mark.parametrize(
    ("judgements", "key"),
    [
        ({"a": ("great", "")}, "judgement_a"),
        ({"b": ("", "Alleen tekst.")}, "judgement_b"),
        ({"c": ("achieved", "x" * 2001)}, "evidence_c"),
        ({"z": ("achieved", "")}, "__all__"),
        ({"a": ("", "")}, "__all__"),
    ],
)
def test_judgement_validation(network, judgements, key):
    with pytest.raises(ValidationError) as excinfo:
        services.subgoal_judgements_save(
            network=network,
            moment_key="one_year",
            actor=network.lead_worker,
            judgements=judgements,
            today=TODAY,
        )
    assert key in errors_of(excinfo)
    assert not SubgoalJudgement.objects.exists()
    assert not NetworkEvaluation.objects.exists()


def test_checklist_assessment(network):
    assessment = services.checklist_assessment_create(
        network=network,
        actor=network.lead_worker,
        date=dt.date(2025, 6, 1),
        answers={"tg_wish": ("ja", ""), "ac_weekly": ("deels", "Soms"), "rs_core": ("", "")},
        note="Eerste keer.",
    )
    answers = dict(
        ChecklistAnswer.objects.filter(assessment=assessment).values_list("item_key", "score")
    )
    assert answers == {"tg_wish": "ja", "ac_weekly": "deels"}
    assert AuditEvent.objects.filter(
        action="create", object_type="network_evaluation.checklistassessment"
    ).exists()


@pytest.mark.parametrize(
    ("date", "answers", "key"),
    [
        (None, {"tg_wish": ("ja", "")}, "date"),
        (dt.date(2099, 1, 1), {"tg_wish": ("ja", "")}, "date"),
        (dt.date(2024, 1, 1), {"tg_wish": ("ja", "")}, "date"),
        (dt.date(2025, 6, 1), {"tg_wish": ("misschien", "")}, "score_tg_wish"),
        (dt.date(2025, 6, 1), {"tg_wish": ("", "Alleen een notitie")}, "score_tg_wish"),
        (dt.date(2025, 6, 1), {"tg_wish": ("ja", "x" * 501)}, "note_tg_wish"),
        (dt.date(2025, 6, 1), {"bestaat_niet": ("ja", "")}, "__all__"),
        (dt.date(2025, 6, 1), {}, "__all__"),
    ],
)
def test_checklist_validation(network, date, answers, key):
    with pytest.raises(ValidationError) as excinfo:
        services.checklist_assessment_create(
            network=network, actor=UserFactory(), date=date, answers=answers
        )
    assert key in errors_of(excinfo)
    assert not ChecklistAssessment.objects.exists()
