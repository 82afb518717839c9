import datetime as dt

import pytest

from tests.factories import NetworkFactory, UserFactory
from vangnet.practice.demo import practice_demo
from vangnet.practice.models import Lesson, Meeting, WorkVisit

pytestmark = pytest.mark.django_db


def test_practice_demo_counts_and_is_deterministic(organisation):
    networks = [NetworkFactory(organisation=organisation) for _ in range(2)]
    users = {
        "sociaalwerker": networks[0].lead_worker,
        "sociaalwerker2": networks[1].lead_worker,
        "achterwacht": networks[0].backup_worker,
        "coordinator": UserFactory(organisation=organisation, coordinator=True),
    }
    today = dt.date(2026, 3, 1)
    counts = practice_demo(
        organisation=organisation, networks=networks, users=users, seed="s", today=today
    )
    assert counts == {"practice_meetings": 4, "practice_lessons": 6, "practice_visits": 2}
    first = [(m.date, m.attendees.count()) for m in Meeting.objects.all()]
    assert all(date <= today for date, _count in first)
    assert all(count > 0 for _date, count in first)
    assert Lesson.objects.filter(organisation=organisation).count() == 6
    assert WorkVisit.objects.get(network=networks[0]).visitors.exists()
    Meeting.objects.all().delete()
    practice_demo(organisation=organisation, networks=networks, users=users, seed="s", today=today)
    assert [(m.date, m.attendees.count()) for m in Meeting.objects.all()] == first
