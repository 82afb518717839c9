"""Dropout follow-up: a steady participant who misses N sessions in a row gets a task."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ParticipantFactory
from tests.participants.factories import attend, weekly_sessions
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance
from vangnet.participants.followup_services import followup_close, followups_refresh
from vangnet.participants.models import FollowUpStatus, FollowUpTask, RouteStage
from vangnet.participants.selectors import participant_route

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
    # Finding the candidates (3 queries), their routes (4), the tasks (3), the
    # organisation's rules and the announced absences since the last visits (2): a fixed
    # number of queries; each new task adds its audit row.
    assert len(first) <= 15 + created
    with CaptureQueriesContext(connection) as second:
        assert followups_refresh(network=network, today=sessions[-1].date) == 0
    # Everyone due has an open task now: they are left out before any route is derived
    # (savepoint 2, tasks 1, candidates 3).
    assert len(second) <= 6
    # After a session everyone came to, nobody is a candidate: no route is loaded at all.
    attend_all = list(network.participants.all())
    last = weekly_sessions(network, START + dt.timedelta(weeks=20), 1)[0]
    Attendance.objects.bulk_create([Attendance(session=last, participant=p) for p in attend_all])
    with CaptureQueriesContext(connection) as third:
        assert followups_refresh(network=network, today=last.date) == 0
    assert len(third) <= 6  # savepoint (2), the tasks and the three to find candidates


def _due_by_full_derivation(network, today, missed_needed):
    from vangnet.participants.selectors import network_routes

    return {
        p.pk
        for p in network_routes(network=network, today=today, cached=False)
        if p.route.current == RouteStage.STEADY and p.route.missed_in_a_row >= missed_needed
    }


@pytest.mark.parametrize("seed", range(20))
def test_candidates_find_exactly_whom_deriving_every_route_finds(organisation, seed):
    """The shortcut (only recent people who missed the last N sessions) agrees with
    deriving every route of the network, for random histories, events and rules."""
    import random

    from tests.factories import NetworkFactory
    from tests.participants.factories import RouteEventFactory
    from vangnet.participants.followup_selectors import followup_candidates

    rng = random.Random(seed)
    organisation.dropout_after_weeks = rng.choice([2, 4, 8])
    organisation.steady_after_days = rng.choice([14, 60, 91])
    organisation.save()
    network = NetworkFactory(organisation=organisation)
    sessions = weekly_sessions(network, START, rng.randint(3, 40))
    for session in sessions:
        if rng.random() < 0.15:  # a few sessions were never filled in
            session.recorded = False
            session.save()
    for i in range(15):
        person = ParticipantFactory(network=network, display_name=f"P{i}")
        first = rng.randrange(len(sessions))
        share = rng.random()
        stop = rng.randint(first, len(sessions))
        attend(person, [s for s in sessions[first:stop] if rng.random() < share])
        for _event in range(rng.choice([0, 0, 1, 2])):  # some have two (the latest counts)
            stage = rng.choice(list(RouteStage)).value
            day = sessions[rng.randrange(len(sessions))].date
            RouteEventFactory(participant=person, stage=stage, date=day)
    for today in (sessions[-1].date, sessions[-1].date + dt.timedelta(weeks=rng.randint(1, 6))):
        for missed_needed in (1, 2, 3):
            found = followup_candidates(
                network=network,
                today=today,
                missed_needed=missed_needed,
                settled=lambda _participant, _last_visit: False,
            )
            due = {
                p.pk
                for p in found
                if p.route.current == RouteStage.STEADY and p.route.missed_in_a_row >= missed_needed
            }
            assert due == _due_by_full_derivation(network, today, missed_needed)


def test_refresh_derives_only_the_candidates(network, monkeypatch):
    """Long-gone and present people are left out before any route is derived."""
    from vangnet.participants import selectors

    sessions = weekly_sessions(network, START, 60)
    for i in range(30):  # came in the first year only
        attend(ParticipantFactory(network=network, display_name=f"Oud {i}"), sessions[:20])
    for i in range(10):  # came every week
        attend(ParticipantFactory(network=network, display_name=f"Vast {i}"), sessions)
    ria = ParticipantFactory(network=network, display_name="Ria")
    attend(ria, sessions[:58])
    derived = []
    real = selectors.derive_route

    def spy(**kwargs):
        derived.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(selectors, "derive_route", spy)
    assert followups_refresh(network=network, today=sessions[-1].date) == 1
    assert len(derived) == 1
    assert FollowUpTask.objects.get().participant == ria
