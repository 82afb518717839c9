"""The secret calendar feed: it parses as iCalendar, holds the user's sessions, interviews
and evaluation moments, no participant names or places, and stops working when revoked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.conftest import login
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)
from vangnet.calendars.models import CalendarFeed
from vangnet.interviews.models import Interview
from vangnet.organisations.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    organisation = OrganisationFactory()
    worker = UserFactory(organisation=organisation)
    evaluator = UserFactory(organisation=organisation, role=Role.EVALUATOR)
    today = timezone.localdate()
    network = NetworkFactory(
        organisation=organisation,
        lead_worker=worker,
        name="Buurtschap Oost",
        start_date=today - dt.timedelta(days=300),
    )
    ActivityFactory(network=network, name="Lunch", weekday=2)
    other = NetworkFactory(organisation=organisation, name="Buurtschap West")
    ActivityFactory(network=other, name="Wandelen")
    person = ParticipantFactory(network=network, display_name="Janneke Vermeulen")
    Interview.objects.create(
        organisation=organisation,
        network=network,
        participant=person,
        interviewer=evaluator,
        planned_at=timezone.now() + dt.timedelta(days=3),
        place="Dorpsstraat 12",
    )
    return {"worker": worker, "evaluator": evaluator}


def make_feed(client, user) -> str:
    login(client, user)
    page = client.post(reverse("calendars:page"), {"action": "create"}).content.decode()
    url = re.search(r'value="(http://testserver/agenda/[^"]+\.ics)"', page).group(1)
    client.logout()
    return url.removeprefix("http://testserver")


def events(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_the_workers_feed_parses_and_holds_their_sessions_and_moments(client, world):
    path = make_feed(client, world["worker"])
    response = client.get(path)  # no sign-in: the secret address is the key
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    found = events(response.content)
    summaries = [str(event["SUMMARY"]) for event in found]
    assert "Buurtschap Oost: Lunch" in summaries
    assert all("West" not in summary for summary in summaries)  # not their network
    assert any(summary.startswith("Evaluatie na één jaar") for summary in summaries)
    lunch = next(e for e in found if str(e["SUMMARY"]) == "Buurtschap Oost: Lunch")
    assert lunch.decoded("DTSTART").weekday() in (1, 2)  # Wednesday (in UTC maybe Tuesday)
    assert len({str(event["UID"]) for event in found}) == len(found)


def test_the_evaluators_feed_has_the_interview_without_name_or_place(client, world):
    response = client.get(make_feed(client, world["evaluator"]))
    found = events(response.content)
    assert [str(event["SUMMARY"]) for event in found] == ["Evaluatiegesprek"]
    text = response.content.decode()
    for secret in ("Janneke", "Vermeulen", "Dorpsstraat"):
        assert secret not in text


def test_revoking_and_renewing_stop_the_old_address(client, world):
    first = make_feed(client, world["worker"])
    second = make_feed(client, world["worker"])
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    login(client, world["worker"])
    client.post(reverse("calendars:page"), {"action": "revoke"})
    client.logout()
    assert client.get(second).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_only_the_hash_is_stored_and_unknown_tokens_are_404(client, world):
    path = make_feed(client, world["worker"])
    token = path.removeprefix("/agenda/").removesuffix(".ics")
    assert token not in CalendarFeed.objects.get().token_hash
    assert client.get("/agenda/verzonnen.ics").status_code == 404


def test_an_inactive_users_feed_stops(client, world):
    path = make_feed(client, world["worker"])
    type(world["worker"]).objects.filter(pk=world["worker"].pk).update(is_active=False)
    assert client.get(path).status_code == 404
