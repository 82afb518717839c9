"""The session in the room (issue 15): newcomers without duplicates, what followed after a
save, this week's status on the home page, the folding header menu, a bounded save."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from tests.networks.session_form import form_data, record_url
from tests.participants.factories import attend, weekly_sessions
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance, Session
from vangnet.participants.models import Participant
from vangnet.participants.names import name_key, names_alike

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "known", "alike"),
    [
        ("ria", "Ria", True),
        ("Riá", "Ria", True),
        ("Ria", "Ria de Vries", True),
        ("Rai", "Ria", True),  # two letters swapped
        ("Mustafa", "Mustapha", False),
        ("Mustafa", "Mustafaa", True),
        ("Jan", "Joost", False),
        ("Bo", "Bob", False),  # too short to guess
        ("Annemarie", "Anne-Marie", True),
        ("", "Ria", False),
    ],
)
def test_names_alike(typed, known, alike):
    assert names_alike(typed, known) is alike


def test_name_key():
    assert name_key("  Riá  de   Vríes ") == "ria de vries"


@pytest.fixture
def session(network):
    return SessionFactory(network=network, date=dt.date(2025, 2, 5))


def test_newcomer_with_an_existing_name_is_asked_not_duplicated(worker_client, session, network):
    """Finding (issue 15): typing "Ria" as a newcomer silently made a second Ria."""
    ria = ParticipantFactory(network=network, display_name="Ria")
    earlier = SessionFactory(network=network, date=dt.date(2025, 1, 29), recorded=True)
    Attendance.objects.create(session=earlier, participant=ria)
    response = worker_client.post(record_url(session), form_data(session, newcomer="ria"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bedoel je Ria" in page and "laatst gezien 29 januari" in page
    assert "Nee, ria is een nieuw persoon" in page
    assert Participant.objects.filter(network=network).count() == 1
    session.refresh_from_db()
    assert session.version == 0 and not session.recorded  # nothing saved yet
    assert AuditEvent.objects.filter(detail__startswith="naamcontrole").count() == 1

    response = worker_client.post(
        record_url(session),
        form_data(session, newcomer="ria", **{"resolve-0": ria.pk, "resolve_name-0": "ria"}),
    )
    assert response.status_code == 302
    assert Participant.objects.filter(network=network).count() == 1
    assert Attendance.objects.filter(session=session, participant=ria).exists()


def test_newcomer_confirmed_as_a_new_person(worker_client, session, network):
    ParticipantFactory(network=network, display_name="Ria")
    response = worker_client.post(
        record_url(session),
        form_data(session, newcomer="Ria", **{"resolve-0": "new", "resolve_name-0": "Ria"}),
    )
    assert response.status_code == 302
    assert Participant.objects.filter(network=network, display_name="Ria").count() == 2


def test_an_answer_for_another_name_is_not_taken(worker_client, session, network):
    ria = ParticipantFactory(network=network, display_name="Ria")
    response = worker_client.post(
        record_url(session),
        form_data(session, newcomer="Ria", **{"resolve-0": ria.pk, "resolve_name-0": "Kees"}),
    )
    assert response.status_code == 200 and "Bedoel je Ria" in response.content.decode()
    stranger = ParticipantFactory(display_name="Ria")  # another organisation
    response = worker_client.post(
        record_url(session),
        form_data(session, newcomer="Ria", **{"resolve-0": stranger.pk, "resolve_name-0": "Ria"}),
    )
    assert response.status_code == 200
    assert not Attendance.objects.filter(participant=stranger).exists()


def test_a_new_name_without_lookalike_is_created_at_once(worker_client, session, network):
    ParticipantFactory(network=network, display_name="Ria")
    response = worker_client.post(record_url(session), form_data(session, newcomer="Fatima"))
    assert response.status_code == 302
    assert Participant.objects.filter(network=network, display_name="Fatima").exists()


def test_after_save_the_screen_says_what_followed(worker_client, network, monkeypatch):
    start = dt.date(2025, 1, 6)
    sessions = weekly_sessions(network, start, 20)
    kees = ParticipantFactory(network=network, display_name="Kees")
    attend(kees, sessions[:18])
    joost = ParticipantFactory(network=network, display_name="Joost")
    attend(joost, sessions[:2])
    today = start + dt.timedelta(weeks=20)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    session = SessionFactory(network=network, date=today)
    response = worker_client.post(record_url(session), form_data(session, present=[joost.pk]))
    assert response.status_code == 302
    page = worker_client.get(response["Location"]).content.decode()
    assert "Wat volgde uit deze bijeenkomst" in page
    assert "Nieuwe nabeltaak:" in page and "Kees" in page
    # Shown once, right after the save.
    assert "Wat volgde" not in worker_client.get(record_url(session)).content.decode()


def test_home_shows_whether_this_week_is_done(worker_client, network, worker, monkeypatch):
    today = dt.date(2025, 3, 5)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    page = worker_client.get(reverse("home")).content.decode()
    assert "Deze week: nog invullen." in page
    Session.objects.create(network=network, date=today, recorded=True, updated_by=worker)
    page = worker_client.get(reverse("home")).content.decode()
    assert "Deze week ingevuld op" in page and str(worker) in page


def test_header_menu_folds_behind_a_disclosure(worker_client):
    page = worker_client.get(reverse("home")).content.decode()
    assert '<details class="site-menu"' in page and "Hoofdmenu" in page


def test_save_query_count_does_not_grow_with_marks(worker_client, network):
    counts = []
    for size in (4, 24):
        # A network of its own each time, so the follow-up check sees the same history.
        own = NetworkFactory(organisation=network.organisation, lead_worker=network.lead_worker)
        session = SessionFactory(network=own, date=dt.date(2025, 2, 1))
        people = [ParticipantFactory(network=own) for _ in range(size)]
        half = size // 2
        data = form_data(
            session,
            present=[p.pk for p in people[:half]],
            **{f"task-{p.pk}": "koken" for p in people[:half]},
            **{f"absent-{p.pk}": "ziek" for p in people[half:]},
        )
        with CaptureQueriesContext(connection) as queries:
            assert worker_client.post(record_url(session), data).status_code == 302
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # 26 before issue 21 (second round), 19 before the login session was left alone, 16
    # before the session was read with its network, access check and activities in one query
    # (14 before that read was also the lock).
    assert counts[1] <= 13, counts


def test_other_organisations_people_are_not_offered(worker_client, session):
    other = NetworkFactory()
    ParticipantFactory(network=other, display_name="Ria")
    response = worker_client.post(record_url(session), form_data(session, newcomer="Ria"))
    assert response.status_code == 302
