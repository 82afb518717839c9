"""Issue 14, item 11: the demo must tell the truth of the interface. The evaluator's
interview lay a week ahead (docs/demo.md says to hold one), phases were recorded by the
worker (who cannot record them), hours covered only 12 weeks, there were no personal
network maps or balance entries, and the sub-goal texts said "woensdag" for a network that
meets on Mondays."""

import datetime as dt

import pytest
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.demo.generator import demo_generate
from vangnet.interviews import services as interview_services
from vangnet.interviews.models import Interview, InterviewStatus
from vangnet.interviews.selectors import has_evaluation_consent
from vangnet.logbook.models import BalanceReflection
from vangnet.network_evaluation.models import NetworkEvaluation, SubgoalJudgement
from vangnet.networks.models import Network, PhaseTransition
from vangnet.planning.models import WorkerHours
from vangnet.support.models import NetworkConversation, NetworkMap

TODAY = dt.date(2026, 3, 4)  # a Wednesday, as in test_demo_data.py


@pytest.fixture
def demo(db):
    return demo_generate(seed=2026, today=TODAY, progress=False)


def test_demo_walkthrough_tells_the_truth_of_the_interface(demo):
    # One interview today, with consent: the evaluator can hold it now.
    planned = Interview.objects.filter(status=InterviewStatus.PLANNED).order_by("planned_at")
    assert [timezone.localtime(i.planned_at).date() for i in planned] == [
        TODAY,
        TODAY + dt.timedelta(days=7),
    ]
    today_interview = planned[0]
    assert today_interview.interviewer.username == "evaluator"
    assert has_evaluation_consent(participant=today_interview.participant, on=TODAY)
    assert not has_evaluation_consent(participant=planned[1].participant, on=TODAY)
    held = interview_services.interview_mark_held(
        interview=today_interview, by=today_interview.interviewer
    )
    assert held.status == InterviewStatus.HELD
    # Every interview belongs to the coordinator's round, which chose the questionnaire.
    assert not Interview.objects.filter(round__isnull=True).exists()

    # Phase changes are recorded by someone who can record them in the interface.
    transitions = list(PhaseTransition.objects.select_related("recorded_by"))
    assert transitions
    for transition in transitions:
        assert has_cap(transition.recorded_by, Cap.MANAGE_NETWORK)
    assert not has_cap(Network.objects.first().lead_worker, Cap.MANAGE_NETWORK)


def test_demo_hours_maps_balances_and_subgoal_texts(demo):
    this_monday = TODAY - dt.timedelta(days=TODAY.weekday())
    for network in Network.objects.all():
        weeks = list(
            WorkerHours.objects.filter(network=network)
            .order_by("week_start")
            .values_list("week_start", flat=True)
        )
        first_monday = network.start_date - dt.timedelta(days=network.start_date.weekday())
        all_weeks = (this_monday - first_monday).days // 7
        # The whole period, not the last 12 weeks; a few weeks are not filled in.
        assert weeks[0] <= first_monday + dt.timedelta(weeks=2)
        assert weeks[-1] == this_monday - dt.timedelta(weeks=1)
        assert 0.85 * all_weeks <= len(set(weeks)) < all_weeks
        # Personal network maps in two waves, with conversations in each wave.
        maps = NetworkMap.objects.filter(participant__network=network)
        assert maps.count() == 6
        assert maps.filter(previous__isnull=False).count() == 3
        conversations = NetworkConversation.objects.filter(network_map__in=maps)
        assert conversations.count() == 6
        # Balance reflections over the period.
        assert BalanceReflection.objects.filter(network=network).count() > all_weeks // 2

    # The sub-goal texts speak of the day the evaluated network meets.
    evaluation = NetworkEvaluation.objects.get()
    assert evaluation.network.name == "Lunchgroep De Buurtkamer"
    texts = " ".join(
        [evaluation.goals_answer, evaluation.reasons_answer, evaluation.consolidate_answer]
        + list(SubgoalJudgement.objects.values_list("evidence", flat=True))
    )
    assert "woensdag" not in texts and "speelgoed" not in texts
    assert "maandag" in texts
