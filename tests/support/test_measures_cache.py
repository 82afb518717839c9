"""The network page's support figures come from the cache only while ties and attendance
are unchanged (support.measures.period_measures_cached)."""

import datetime as dt

import pytest
from django.test import TestCase

from tests.factories import ParticipantFactory
from tests.participants.factories import attend, weekly_sessions
from tests.support.factories import SupportTieFactory
from vangnet.networks.models import Attendance
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.support.measures import QUARTER, period_measures, period_measures_cached
from vangnet.support.models import SupportTie
from vangnet.support.services import support_tie_delete

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
END = dt.date(2025, 6, 30)


def cached(network):
    """As a request reads it: the transaction commits, so the cache is filled."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return period_measures_cached(network=network, kind=QUARTER, start=START, end=END)


def fresh(network):
    return period_measures(network=network, kind=QUARTER, start=START, end=END)


def summary(measured):
    return [(period.label, m.tie_count, len(m.isolates), m.nodes) for period, m in measured]


def test_cached_figures_follow_new_ties_marks_and_deletions(network, worker):
    sessions = weekly_sessions(network, START, 20)
    anna = ParticipantFactory(network=network, display_name="Anna")
    bert = ParticipantFactory(network=network, display_name="Bert")
    attend(anna, sessions)
    assert summary(cached(network)) == summary(fresh(network))
    assert cached(network)[0][1].tie_count == 0

    tie = SupportTieFactory(network=network, giver=anna, receiver=bert, date=START)
    assert summary(cached(network)) == summary(fresh(network))
    assert cached(network)[0][1].tie_count == 1

    # Bert comes to a session: through the session screen, which stamps the session.
    session = sessions[3]
    session_record_attendance(
        session=session,
        marks=AttendanceMarks.build([anna.pk, bert.pk]),
        note="",
        base_marks=AttendanceMarks.build([anna.pk]),
        base_note="",
        base_version=session.version,
        recorded_by=worker,
    )
    assert Attendance.objects.filter(participant=bert).exists()
    assert summary(cached(network)) == summary(fresh(network))

    # A tie moved to another day (an update keeps the number of ties and the newest id).
    SupportTie.objects.filter(pk=tie.pk).update(date=dt.date(2025, 5, 5))
    assert summary(cached(network)) == summary(fresh(network))
    assert cached(network)[0][1].tie_count == 0 and cached(network)[1][1].tie_count == 1

    support_tie_delete(tie=tie, actor=worker)
    assert cached(network)[0][1].tie_count == 0
    assert summary(cached(network)) == summary(fresh(network))


def test_a_second_look_reads_two_small_queries(network, django_assert_num_queries):
    sessions = weekly_sessions(network, START, 10)
    attend(ParticipantFactory(network=network), sessions)
    cached(network)
    with django_assert_num_queries(1):  # the network's fact version
        cached(network)
