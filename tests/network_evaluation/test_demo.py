"""Demo data: the year-old network gets its one-year evaluation and improving checklists."""

import datetime as dt

import pytest

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.network_evaluation.checklist import ITEM_KEYS
from vangnet.network_evaluation.demo import network_evaluation_demo
from vangnet.network_evaluation.indicators import subgoal_status_by_network
from vangnet.network_evaluation.models import ChecklistAssessment, NetworkEvaluation
from vangnet.network_evaluation.selectors import checklist_history
from vangnet.networks.models import Attendance

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)
RANK = {"nee": 0, "deels": 1, "ja": 2}


def demo_world():
    old = NetworkFactory(start_date=dt.date(2025, 5, 5))
    young = NetworkFactory(organisation=old.organisation, start_date=dt.date(2026, 3, 2))
    people = [ParticipantFactory(network=old) for _ in range(6)]
    for week in range(60):
        session = SessionFactory(
            network=old, date=old.start_date + dt.timedelta(weeks=week, days=2), recorded=True
        )
        for person in people[: 2 + week % 4]:
            Attendance.objects.create(session=session, participant=person)
    return old, young


def run(old, young, seed="demo"):
    return network_evaluation_demo(
        organisation=old.organisation,
        networks=[young, old],
        users={"sociaalwerker": old.lead_worker},
        seed=seed,
        today=TODAY,
    )


def test_demo_evaluates_the_older_network():
    old, young = demo_world()
    counts = run(old, young)
    assert counts == {
        "network_evaluations": 1,
        "subgoal_judgements": 9,
        "checklist_assessments": 3,
    }
    evaluation = NetworkEvaluation.objects.get()
    assert evaluation.network == old and evaluation.moment == "one_year"
    assert evaluation.held_on == dt.date(2026, 5, 12)
    assert evaluation.participants.exists() and evaluation.has_answers
    assert evaluation.versions.count() == 1
    status = subgoal_status_by_network(networks=[old, young])
    assert set(status) == {old.pk} and set(status[old.pk]) == set("abcdefghi")
    assert not ChecklistAssessment.objects.filter(network=young).exists()


def test_checklists_improve_and_never_get_worse():
    old, young = demo_world()
    run(old, young)
    assessments = list(ChecklistAssessment.objects.filter(network=old).order_by("date"))
    assert [a.date for a in assessments] == [
        dt.date(2025, 9, 5),
        dt.date(2026, 1, 5),
        dt.date(2026, 6, 5),
    ]
    yes = [a.answers.filter(score="ja").count() for a in assessments]
    assert yes[0] < yes[1] < yes[2]
    for assessment in assessments:
        assert set(assessment.answers.values_list("item_key", flat=True)) == set(ITEM_KEYS)
    history = checklist_history(network=old)
    changes = [
        cell["change"]
        for group in history["groups"]
        for row in group["items"]
        for cell in row["cells"]
    ]
    assert "up" in changes and "down" not in changes


def test_demo_is_deterministic_and_runs_once():
    old, young = demo_world()
    run(old, young, seed="x")
    first = list(
        ChecklistAssessment.objects.order_by("date").values_list(
            "answers__item_key", "answers__score"
        )
    )
    assert run(old, young, seed="x") == {
        "network_evaluations": 0,
        "subgoal_judgements": 0,
        "checklist_assessments": 0,
    }
    again = list(
        ChecklistAssessment.objects.order_by("date").values_list(
            "answers__item_key", "answers__score"
        )
    )
    assert first == again


def test_no_network_old_enough():
    young = NetworkFactory(start_date=dt.date(2026, 3, 2))
    counts = network_evaluation_demo(
        organisation=young.organisation, networks=[young], users={}, seed="s", today=TODAY
    )
    assert counts["network_evaluations"] == 0
