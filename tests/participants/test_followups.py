"""Dropout follow-up: a steady participant who misses N sessions in a row gets a task."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ParticipantFactory
from tests.participants.factories import attend, weekly_sessions
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance
from vangnet.participants.models import FollowUpStatus, FollowUpTask, RouteStage
from vangnet.participants.selectors import participant_route
from vangnet.participants.services import followup_close, followups_refresh

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)


@pytest.fixture
def steady_setup(network):
    sessions = weekly_sessions(network, START, 20)
    ria = ParticipantFactory(network=network, display_name="Ria")
    attend(ria, sessions[:18])  # missed the last two
    return network, sessions, ria


def test_task_after_two_missed_sessions_and_not_twice(steady_setup):
    network, sessions, ria = steady_setup
    today = sessions[-1].date
    assert participant_route(participant=ria, today=today).current == RouteStage.STEADY
    assert followups_refresh(network=network, today=today) == 1
    task = FollowUpTask.objects.get()
    assert (task.participant, task.status, task.missed_sessions) == (ria, FollowUpStatus.OPEN, 2)
    assert task.assigned_to == network.lead_worker
    assert task.last_seen_on == sessions[17].date and task.created_on == today
    assert followups_refresh(network=network, today=today) == 0
    assert followups_refresh(network=network, today=today + dt.timedelta(days=7)) == 0
    assert FollowUpTask.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="participants.followuptask").count() == 1


def test_no_task_after_one_missed_session(network):
    sessions = weekly_sessions(network, START, 20)
    person = ParticipantFactory(network=network)
    attend(person, sessions[:19])
    assert followups_refresh(network=network, today=sessions[-1].date) == 0


def test_no_task_for_someone_who_is_not_steady(network):
    sessions = weekly_sessions(network, START, 6)
    person = ParticipantFactory(network=network)
    attend(person, sessions[:3])  # settling, missed three
    assert participant_route(participant=person, today=sessions[-1].date).current == "settling"
    assert followups_refresh(network=network, today=sessions[-1].date) == 0


def test_unrecorded_sessions_do_not_count_as_missed(network):
    sessions = weekly_sessions(network, START, 18)
    person = ParticipantFactory(network=network)
    attend(person, sessions)
    weekly_sessions(network, START + dt.timedelta(weeks=18), 2, recorded=False)
    assert followups_refresh(network=network, today=START + dt.timedelta(weeks=20)) == 0


def test_the_organisation_sets_the_number_of_missed_sessions(steady_setup):
    network, sessions, _ = steady_setup
    network.organisation.followup_after_missed_sessions = 3
    network.organisation.save()
    assert followups_refresh(network=network, today=sessions[-1].date) == 0


def test_after_closing_no_new_task_for_the_same_absence_but_for_a_new_one(steady_setup, worker):
    network, sessions, ria = steady_setup
    today = sessions[-1].date
    followups_refresh(network=network, today=today)
    followup_close(task=FollowUpTask.objects.get(), outcome="Gebeld.", actor=worker)
    assert followups_refresh(network=network, today=today) == 0
    # She comes again, then misses two more: a new absence, a new task.
    later = weekly_sessions(network, START + dt.timedelta(weeks=20), 3)
    Attendance.objects.create(session=later[0], participant=ria)
    assert followups_refresh(network=network, today=later[-1].date) == 1
    assert FollowUpTask.objects.filter(status=FollowUpStatus.OPEN).count() == 1


def test_refresh_uses_a_bounded_number_of_queries(network):
    sessions = weekly_sessions(network, START, 20)
    for i in range(12):
        attend(ParticipantFactory(network=network, display_name=f"P{i}"), sessions[: 10 + i])
    network = type(network).objects.get(pk=network.pk)
    with CaptureQueriesContext(connection) as first:
        created = followups_refresh(network=network, today=sessions[-1].date)
    assert created == 6  # steady and missed 2..7 sessions (8 or more: dropped out)
    # Loading and deciding take a fixed number of queries; each new task adds its audit row.
    assert len(first) <= 10 + created
    with CaptureQueriesContext(connection) as second:
        assert followups_refresh(network=network, today=sessions[-1].date) == 0
    assert len(second) <= 9
