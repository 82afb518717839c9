"""The compact session screen (issue 15): a person's usual task as one tap, the initials and
letters of the name filter, the pre-fill only marked on the screen, never stored."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import ActivityFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance, Contribution
from vangnet.networks.sessions.selectors import usual_tasks

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 6, 4)


@pytest.fixture
def lunch(network):
    session = SessionFactory(network=network, date=DAY)
    session.activities.add(
        ActivityFactory(network=network, tasks=["koken", "Tafel dekken", "afwassen"])
    )
    return session


def _did(network, person, weeks_ago, task):
    session = SessionFactory(network=network, date=DAY - dt.timedelta(weeks=weeks_ago))
    Attendance.objects.create(session=session, participant=person)
    Contribution.objects.create(session=session, participant=person, task=task)


def test_usual_task_is_the_most_frequent_recent_one_of_this_sessions_tasks(network, lunch):
    jan, kees, els, ria = (
        ParticipantFactory(network=network, display_name=n) for n in ("Jan", "Kees", "Els", "Ria")
    )
    _did(network, jan, 3, "koken")
    _did(network, jan, 2, "koken")
    _did(network, jan, 1, "afwassen")
    _did(network, kees, 4, "koken")
    _did(network, kees, 1, "tafel dekken")  # tie: the most recent wins, spelled as today
    _did(network, els, 1, "bloemen meegenomen")  # not a task of this session
    _did(network, ria, 9, "koken")  # too long ago
    people = {p.pk for p in (jan, kees, els, ria)}
    usual = usual_tasks(session=lunch, people=people, tasks=["koken", "Tafel dekken", "afwassen"])
    assert usual == {jan.pk: "koken", kees.pk: "Tafel dekken"}
    assert usual_tasks(session=lunch, people=people, tasks=[]) == {}


def test_screen_offers_the_usual_task_and_the_letters(worker_client, network, lunch):
    jan = ParticipantFactory(network=network, display_name="Jan de Vries")
    ParticipantFactory(network=network, display_name="Éva")
    _did(network, jan, 1, "koken")
    url = reverse("networks:session_record", args=[network.pk, lunch.pk])
    html = worker_client.get(url).content.decode()
    assert 'data-usual="koken"' in html
    assert 'data-initials="jdv"' in html
    assert 'data-name="eva"' in html  # accents do not hide a name from the filter
    assert 'data-letter="e"' in html and 'data-letter="j"' in html


def test_prefill_is_offered_and_marks_last_weeks_people_without_storing(
    worker_client, network, lunch
):
    anna, bram = (ParticipantFactory(network=network, display_name=n) for n in ("Anna", "Bram"))
    last = SessionFactory(network=network, date=DAY - dt.timedelta(weeks=1), recorded=True)
    Attendance.objects.create(session=last, participant=anna)
    url = reverse("networks:session_record", args=[network.pk, lunch.pk])
    html = worker_client.get(url).content.decode()
    assert "data-prefill hidden" in html  # shown by the script, which ticks on the phone only
    assert html.count("data-last-week") == 1
    assert not Attendance.objects.filter(session=lunch).exists()
    assert bram.pk  # not last week: not pre-filled


def test_usual_task_is_not_offered_once_chosen(worker_client, network, lunch):
    jan = ParticipantFactory(network=network, display_name="Jan")
    _did(network, jan, 1, "koken")
    Attendance.objects.create(session=lunch, participant=jan)
    Contribution.objects.create(session=lunch, participant=jan, task="koken")
    url = reverse("networks:session_record", args=[network.pk, lunch.pk])
    assert 'data-usual="koken"' not in worker_client.get(url).content.decode()
