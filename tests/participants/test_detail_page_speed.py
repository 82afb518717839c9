"""The participant page's speed-ups (issue 21) leave what it shows unchanged: the unbound
route forms rendered once per kind, language and day, the route read from the network's
cached routes, the participant read once."""

import datetime as dt
import random
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.participants.factories import RouteEventFactory, attend, weekly_sessions
from vangnet.participants import forms as participant_forms
from vangnet.participants import selectors
from vangnet.participants.models import RouteStage

pytestmark = pytest.mark.django_db


def _page(client, person, language: str, data=None) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if data is None:
        response = client.get(reverse("participants:detail", args=[person.pk]))
    else:
        response = client.post(reverse("participants:route_event", args=[person.pk]), data)
    body = response.content.decode()
    body = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", body)


@pytest.fixture
def person(network):
    person = ParticipantFactory(network=network, display_name="Ria <b>")
    attend(person, weekly_sessions(network, timezone.localdate() - dt.timedelta(weeks=6), 6))
    return person


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_prerendered_route_forms_show_what_the_template_showed(
    worker_client, person, monkeypatch, language
):
    participant_forms._UNBOUND_FIELDS.clear()
    first = _page(worker_client, person, language)  # renders and keeps the forms
    cached = _page(worker_client, person, language)  # from what was kept
    monkeypatch.setattr("vangnet.participants.views.prerender_unbound", lambda forms: None)
    plain = _page(worker_client, person, language)
    assert 'name="correction-date"' in plain and 'name="referral-referred_to"' in plain
    assert first == plain and cached == plain
    assert {key[1] for key in participant_forms._UNBOUND_FIELDS} == {language}


def test_the_forms_are_kept_per_language(worker_client, person):
    participant_forms._UNBOUND_FIELDS.clear()
    dutch = _page(worker_client, person, "nl")
    english = _page(worker_client, person, "en")
    assert "Fase vastleggen" in dutch and "Fase vastleggen" not in english
    assert "Vanaf" in dutch.split('id="route-edit-heading"')[1]
    assert "Vanaf" not in english.split('id="route-edit-heading"')[1]


def test_a_bound_form_shows_its_input_and_errors_the_others_stay_empty(
    worker_client, person, monkeypatch
):
    data = {"kind": "referral", "referral-date": "", "referral-referred_to": "Dagbesteding <x>"}
    participant_forms._UNBOUND_FIELDS.clear()
    _page(worker_client, person, "nl")  # the unbound forms kept
    body = _page(worker_client, person, "nl", data)
    assert "Dagbesteding &lt;x&gt;" in body and 'class="error"' in body
    monkeypatch.setattr("vangnet.participants.views.prerender_unbound", lambda forms: None)
    assert _page(worker_client, person, "nl", data) == body


def test_the_route_from_the_networks_cache_is_the_participants_own(
    network, django_capture_on_commit_callbacks
):
    """Random histories: every participant's route on the page (from the network's cached
    routes) equals the route derived for that participant alone."""
    generator = random.Random(21)
    today = timezone.localdate()
    sessions = weekly_sessions(network, today - dt.timedelta(weeks=40), 40)
    people = [ParticipantFactory(network=network) for _ in range(12)]
    for person in people:
        attend(person, [s for s in sessions if generator.random() < generator.random()])
        if generator.random() < 0.4:
            RouteEventFactory(
                participant=person,
                stage=generator.choice([RouteStage.STEADY, RouteStage.DROPPED_OUT]),
                date=today - dt.timedelta(days=generator.randrange(1, 200)),
            )
    for person in people:
        with django_capture_on_commit_callbacks(execute=True):  # the routes are kept
            shown = selectors.participant_detail(participant=person, today=today)["route"]
        own = selectors.participant_route(participant=person, today=today)
        assert shown == own


def test_the_page_reads_the_participant_once_and_the_cached_route(
    worker_client, person, django_capture_on_commit_callbacks, settings
):
    settings.VANGNET_PARTICIPANT_PAGE_CACHE_SECONDS = 0  # the body rendered every time
    url = reverse("participants:detail", args=[person.pk])
    with django_capture_on_commit_callbacks(execute=True):
        worker_client.get(url)  # the network's routes now in the cache
    with CaptureQueriesContext(connection) as queries:
        assert worker_client.get(url).status_code == 200
    reads = [q["sql"] for q in queries if q["sql"].startswith("SELECT")]
    participant_reads = [
        sql for sql in reads if 'FROM "participants_participant"' in sql and "invited_by_id" in sql
    ]
    assert len(participant_reads) == 2  # the participant (with its relations), the invitees
    assert not [sql for sql in reads if 'FROM "networks_attendance"' in sql]  # route cached


def test_contributions_from_one_query_equal_the_two_ordered_queries(network):
    """`_contributions` (one query, sorted and counted in Python) gives the rows and the
    counts the page read with two ordered queries before, on random histories."""
    from django.db.models import Count

    from vangnet.networks.models import Contribution

    rng = random.Random(21)
    sessions = weekly_sessions(network, dt.date(2025, 1, 6), 30)
    tasks = ["koffie", "koken", "afwas", "tuin", "opruimen", "ontvangst", "b", "a"]
    for round_ in range(4):
        person = ParticipantFactory(network=network)
        Contribution.objects.bulk_create(
            Contribution(session=session, participant=person, task=task)
            for session in rng.sample(sessions, rng.randint(0, 30))
            for task in rng.sample(tasks, rng.randint(1, 3))
        )
        shown, counts = selectors._contributions(person, shown=7 * round_ + 3, tags=round_ + 2)
        old = Contribution.objects.filter(participant=person)
        expected_rows = [
            (c.session.date, c.task)
            for c in old.select_related("session").order_by("-session__date", "task")[
                : 7 * round_ + 3
            ]
        ]
        expected_counts = list(
            old.values("task").annotate(n=Count("id")).order_by("-n", "task")[: round_ + 2]
        )
        assert [(row.session.date, row.task) for row in shown] == expected_rows
        assert counts == expected_counts
