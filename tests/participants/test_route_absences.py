"""An announced absence is part of the participant's history on their page (date and
reason, with the note that it counts as absent but not as missed for the follow-up)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session

pytestmark = pytest.mark.django_db


def test_participant_page_lists_announced_absences(worker_client, network):
    person = ParticipantFactory(network=network, display_name="Ans")
    other = ParticipantFactory(network=network, display_name="Bob")
    today = timezone.localdate()
    first = Session.objects.create(network=network, date=today - dt.timedelta(weeks=2))
    second = Session.objects.create(network=network, date=today - dt.timedelta(weeks=1))
    Attendance.objects.create(session=first, participant=person)
    AnnouncedAbsence.objects.create(session=second, participant=person, reason="afspraak")
    AnnouncedAbsence.objects.create(session=first, participant=other, reason="vakantie")
    response = worker_client.get(reverse("participants:detail", args=[person.pk]))
    body = response.content.decode()
    history = body.split('class="absence-history"')[1].split("</ul>")[0]
    assert "afspraak" in history
    assert f"{second.date.day} " in history
    assert "vakantie" not in history  # someone else's
    assert "niet als gemist" in body
