"""The follow-up list refreshes only the networks whose data changed since their last refresh
that day (participants.followup_services.followups_refresh_networks): skipping never leaves
a due task unmade, whatever was written in between."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.factories import NetworkFactory, ParticipantFactory
from tests.participants.factories import attend, weekly_sessions
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session
from vangnet.participants import followup_services
from vangnet.participants.followup_services import (
    followup_close,
    followups_refresh,
    followups_refresh_networks,
)
from vangnet.participants.models import FollowUpStatus, FollowUpTask

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)


def refresh_all(networks, today):
    """As the follow-up list does it: the markers are stored when the request commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return followups_refresh_networks(networks=networks, today=today)


def counting(monkeypatch):
    refreshed = []
    real = followup_services.followups_refresh

    def refresh(*, network, today):
        refreshed.append(network.pk)
        return real(network=network, today=today)

    monkeypatch.setattr(followup_services, "followups_refresh", refresh)
    return refreshed


def test_an_unchanged_network_is_not_refreshed_again(network, monkeypatch):
    sessions = weekly_sessions(network, START, 20)
    ria = ParticipantFactory(network=network, display_name="Ria")
    attend(ria, sessions[:18])
    other = NetworkFactory(organisation=network.organisation)
    today = sessions[-1].date
    refreshed = counting(monkeypatch)

    assert refresh_all([network, other], today) == 1  # Ria's task
    assert sorted(refreshed) == sorted([network.pk, other.pk])
    refreshed.clear()
    # The task renewed the network's version: one more look, which makes nothing.
    assert refresh_all([network, other], today) == 0
    assert refreshed == [network.pk]
    refreshed.clear()
    with CaptureQueriesContext(connection) as queries:
        assert refresh_all([network, other], today) == 0
    assert refreshed == []
    assert len(queries) == 1  # the data versions of both networks
    # Another day: looked at again.
    refresh_all([network, other], today + dt.timedelta(days=1))
    assert sorted(refreshed) == sorted([network.pk, other.pk])


def test_a_changed_rule_of_the_organisation_looks_again(network, monkeypatch):
    sessions = weekly_sessions(network, START, 20)
    attend(ParticipantFactory(network=network), sessions[:18])
    organisation = network.organisation
    organisation.followup_after_missed_sessions = 3
    organisation.save()
    today = sessions[-1].date
    assert refresh_all([network], today) == 0
    organisation.followup_after_missed_sessions = 2
    organisation.save()
    network.refresh_from_db()
    assert refresh_all([network], today) == 1


def test_an_announced_absence_withdrawn_makes_the_task_due(network):
    """Announced absences do not count as missed sessions; when the worker takes the
    announcement back, the two sessions are missed and the task is due at once."""
    sessions = weekly_sessions(network, START, 20)
    ria = ParticipantFactory(network=network)
    attend(ria, sessions[:18])
    for session in sessions[18:]:
        AnnouncedAbsence.objects.create(session=session, participant=ria)
    organisation = network.organisation
    organisation.followup_after_announced_absences = 0  # announcing never makes a task
    organisation.save()
    network.refresh_from_db()
    today = sessions[-1].date
    assert refresh_all([network], today) == 0
    AnnouncedAbsence.objects.filter(participant=ria).delete()
    assert refresh_all([network], today) == 1


@pytest.mark.parametrize("seed", range(8))
def test_after_any_writes_nothing_due_is_left_unmade(organisation, worker, seed):
    """Random histories and random writes between looks: after each look, a full refresh of
    every network finds nothing more to make (what skipping could have missed)."""
    rng = random.Random(seed)
    networks = [NetworkFactory(organisation=organisation) for _ in range(2)]
    today = START + dt.timedelta(weeks=24)
    people = []
    for network in networks:
        sessions = weekly_sessions(network, START, 22)
        for _ in range(5):
            person = ParticipantFactory(network=network)
            attend(person, [s for s in sessions if rng.random() < 0.85][: rng.randint(10, 22)])
            people.append(person)

    def write():
        choice = rng.randrange(6)
        person = rng.choice(people)
        sessions = list(Session.objects.filter(network=person.network).order_by("date"))
        if choice == 0:  # a new recorded session nobody came to
            Session.objects.create(
                network=person.network,
                date=sessions[-1].date + dt.timedelta(weeks=1),
                recorded=True,
            )
        elif choice == 1:  # a mark taken away from one of the last sessions
            Attendance.objects.filter(participant=person, session__in=sessions[-3:]).delete()
        elif choice == 2:  # a mark added
            Attendance.objects.get_or_create(participant=person, session=rng.choice(sessions[-3:]))
        elif choice == 3:  # an absence announced or taken back
            session = rng.choice(sessions[-3:])
            found = AnnouncedAbsence.objects.filter(participant=person, session=session)
            if found.exists():
                found.delete()
            elif not Attendance.objects.filter(participant=person, session=session).exists():
                AnnouncedAbsence.objects.create(participant=person, session=session)
        elif choice == 4:  # an open task closed
            task = FollowUpTask.objects.filter(status=FollowUpStatus.OPEN).first()
            if task is not None:
                followup_close(task=task, outcome="Gebeld.", actor=worker)
        else:  # the organisation's rule changed
            organisation.followup_after_missed_sessions = rng.choice([1, 2, 3])
            organisation.followup_after_announced_absences = rng.choice([0, 2, 3])
            organisation.save()

    for _ in range(12):
        for network in networks:
            network.refresh_from_db()
        refresh_all(networks, today)
        for network in networks:
            assert followups_refresh(network=network, today=today) == 0
        write()
