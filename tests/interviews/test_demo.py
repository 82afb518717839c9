"""The demo interviews: states, questionnaires and a thematic report with content."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from vangnet.interviews import selectors
from vangnet.interviews.demo import interviews_demo
from vangnet.interviews.models import Interview, InterviewReport, InterviewStatus

pytestmark = pytest.mark.django_db


def test_demo_interviews():
    today = timezone.localdate()
    older = NetworkFactory(start_date=today - dt.timedelta(days=500))
    newer = NetworkFactory(
        organisation=older.organisation, start_date=today - dt.timedelta(days=90)
    )
    names = ["Anne", "Kees", "Fatima", "Henk", "Joke", "Mohamed", "Ria", "Sem", "Truus", "Wim"]
    for name in names:
        ParticipantFactory(network=older, display_name=name)
    evaluator = UserFactory(organisation=older.organisation, evaluator=True, username="evaluator")
    counts = interviews_demo(
        organisation=older.organisation,
        networks=[newer, older],
        users={"evaluator": evaluator},
        seed="42",
        today=today,
    )
    assert counts == {"interviews": 10, "interview_reports": 8, "coded_passages": 15}
    interviews = Interview.objects.filter(network=older)
    assert all(i.interviewer == evaluator for i in interviews)
    assert Counter(interviews.values_list("status", flat=True)) == {
        InterviewStatus.HELD: 8,
        InterviewStatus.PLANNED: 2,
    }
    assert Counter(InterviewReport.objects.values_list("status", flat=True)) == {
        "agreed": 5,
        "corrected_and_agreed": 1,
        "shown_to_participant": 1,
        "draft": 1,
    }
    assert all(i.response.is_complete for i in interviews.filter(status=InterviewStatus.HELD))
    assert selectors.agreed_report_count(networks=[older]) == 6
    rows = selectors.theme_report(networks=[older])
    assert sum(row.report_count for row in rows) >= 12
    for row in rows:
        for quote in row.passages:
            assert not any(f"{name} " in quote or f"{name}." in quote for name in names)
    assert not Interview.objects.filter(network=newer).exists()
