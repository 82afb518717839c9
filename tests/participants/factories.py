"""Factories and helpers for the participant tests (shared ones live in tests/factories.py)."""

import datetime as dt

import factory

from tests.factories import ParticipantFactory
from vangnet.networks.models import Attendance, Session
from vangnet.participants.models import FollowUpTask, RouteEvent, RouteStage


class RouteEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RouteEvent

    participant = factory.SubFactory(ParticipantFactory)
    stage = RouteStage.STEADY
    date = dt.date(2025, 3, 1)
    reason = "Komt elke week."


class FollowUpTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpTask

    participant = factory.SubFactory(ParticipantFactory)
    network = factory.SelfAttribute("participant.network")
    created_on = dt.date(2025, 3, 1)
    missed_sessions = 2


def weekly_sessions(network, start: dt.date, count: int, *, recorded: bool = True):
    """`count` weekly sessions from `start`, oldest first."""
    Session.objects.bulk_create(
        [
            Session(network=network, date=start + dt.timedelta(weeks=i), recorded=recorded)
            for i in range(count)
        ]
    )
    end = start + dt.timedelta(weeks=count - 1)
    return list(Session.objects.filter(network=network, date__range=(start, end)).order_by("date"))


def attend(participant, sessions) -> None:
    Attendance.objects.bulk_create(
        [Attendance(session=session, participant=participant) for session in sessions]
    )
