"""The session screen, this week's session and the session list over HTTP."""

import datetime as dt
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)
from tests.networks.session_form import form_data, record_url
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.participants.models import Participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(network):
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    session.activities.add(ActivityFactory(network=network))
    return session


@pytest.fixture
def people(network):
    return [ParticipantFactory(network=network, display_name=f"Persoon {i:02d}") for i in range(5)]


def nothing_saved(session):
    session.refresh_from_db()
    return (
        session.version == 0
        and not Attendance.objects.filter(session=session).exists()
        and not Contribution.objects.filter(session=session).exists()
    )


# --------------------------------------------------------------------------- the screen


def test_screen_lists_participants_tasks_and_new_badge(worker_client, session, people, network):
    earlier = SessionFactory(network=network, date=dt.date(2025, 1, 29))
    Attendance.objects.create(session=earlier, participant=people[0])
    response = worker_client.get(record_url(session))
    html = response.content.decode()
    assert response.status_code == 200
    for person in people:
        assert person.display_name in html
    assert f'name="task-{people[0].pk}" value="koken"' in html
    # Everyone but Persoon 00 (who came before) is new.
    assert html.count('class="badge badge-new"') == 4
    assert 'name="version" value="0"' in html
    assert "style=" not in html and "<script>" not in html and "onclick" not in html
    assert "js/session.js" in html and "css/session.css" in html


def test_viewing_the_screen_writes_one_audit_record(worker_client, session, people):
    worker_client.get(record_url(session))
    events = AuditEvent.objects.filter(action="view", object_type="networks.session")
    assert events.count() == 1
    assert events.get().object_id == str(session.pk)


def test_save_records_marks_and_confirms(worker_client, session, people, worker):
    a, b, c = people[0].pk, people[1].pk, people[2].pk
    data = form_data(session, note="Gezellig", newcomer="Fatima, Joop")
    data["present"] = [str(a), str(b)]
    data[f"task-{c}"] = ["koken"]
    data[f"other-{b}"] = "  boodschappen  "
    response = worker_client.post(record_url(session), data)
    assert response.status_code == 302 and response.url == record_url(session)
    session.refresh_from_db()
    newcomers = set(
        Participant.objects.filter(display_name__in=["Fatima", "Joop"]).values_list("pk", flat=True)
    )
    assert len(newcomers) == 2
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    assert present == {a, b, c} | newcomers
    assert set(Contribution.objects.filter(session=session).values_list("task", flat=True)) == {
        "koken",
        "boodschappen",
    }
    assert session.note == "Gezellig" and session.version == 1 and session.updated_by == worker
    page = worker_client.get(response.url).content.decode()
    assert "Opgeslagen: 5 aanwezig." in page


def test_save_from_an_older_version_merges_and_tells(worker_client, session, people, network):
    a, b = people[0].pk, people[1].pk
    Attendance.objects.create(session=session, participant_id=a)
    Session.objects.filter(pk=session.pk).update(version=3)
    data = form_data(session, present=[str(b)], version="0")
    response = worker_client.post(record_url(session), data, follow=True)
    assert response.status_code == 200
    assert set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    ) == {a, b}
    assert "allebei bewaard" in response.content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"present": ["abc"]},
        {"present": ["1e5"]},
        {"present": ["-3"]},
        {"task-xyz": "koken"},
        {"other-": "koken"},
        {"base_present": "1,zwei"},
        {"base_contributions": "{niet json"},
        {"base_contributions": "[[1]]"},
    ],
)
def test_malformed_post_gives_dutch_error_and_saves_nothing(worker_client, session, people, bad):
    data = form_data(session, present=[str(people[0].pk)])
    data.update(bad)
    response = worker_client.post(record_url(session), data)
    assert response.status_code == 400
    assert "kloppen niet" in response.content.decode()
    assert nothing_saved(session)


def test_missing_version_gives_dutch_error(worker_client, session, people):
    data = form_data(session, present=[str(people[0].pk)])
    del data["version"]
    response = worker_client.post(record_url(session), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "mist de versie" in html
    assert 'name="version" value="0"' in html  # a fresh screen to try again
    assert nothing_saved(session)


def test_unknown_or_foreign_ids_give_dutch_error(worker_client, session, people):
    stranger = ParticipantFactory()
    for ids in ([str(stranger.pk)], ["987654321"]):
        data = form_data(session, present=[str(people[0].pk), *ids], note="Niet bewaren")
        response = worker_client.post(record_url(session), data)
        html = response.content.decode()
        assert response.status_code == 400
        assert "Niet alle deelnemers horen bij dit vangnetwerk" in html
        assert stranger.display_name not in html
        assert nothing_saved(session)


def test_too_long_contribution_keeps_the_choices(worker_client, session, people):
    a, b = people[0].pk, people[1].pk
    data = form_data(session, present=[str(a), str(b)], note="Mijn notitie")
    data[f"other-{a}"] = "x" * 200
    response = worker_client.post(record_url(session), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "hoogstens 120 tekens" in html
    assert f'value="{b}" id="present-{b}" checked' in html
    assert "Mijn notitie" in html
    assert nothing_saved(session)


def test_too_long_newcomer_name_is_a_field_error(worker_client, session):
    response = worker_client.post(record_url(session), form_data(session, newcomer="n" * 301))
    assert response.status_code == 400
    assert nothing_saved(session)


def test_get_with_unexpected_method_is_not_a_server_error(worker_client, session):
    assert worker_client.put(record_url(session)).status_code == 405


# --------------------------------------------------------------------------- permissions


def test_worker_of_another_network_gets_404(client, session, network):
    other = NetworkFactory(organisation=network.organisation)
    login(client, other.lead_worker)
    assert client.get(record_url(session)).status_code == 404
    assert client.post(record_url(session), form_data(session)).status_code == 404
    url = reverse("networks:session_list", args=[network.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("networks:session_current", args=[network.pk])).status_code == 404


def test_session_of_another_network_under_own_network_id_is_404(worker_client, network):
    foreign_session = SessionFactory()
    url = reverse("networks:session_record", args=[network.pk, foreign_session.pk])
    assert worker_client.get(url).status_code == 404


def test_coordinator_gets_403(client, coordinator, session):
    login(client, coordinator)
    assert client.get(record_url(session)).status_code == 403
    assert client.post(record_url(session), form_data(session)).status_code == 403
    url = reverse("networks:session_list", args=[session.network_id])
    assert client.get(url).status_code == 403


def test_backup_worker_may_record(client, session, network, people):
    login(client, network.backup_worker)
    assert client.get(record_url(session)).status_code == 200


def test_csrf_client_needs_the_token(csrf_client, session, people, worker):
    login(csrf_client, worker)
    page = csrf_client.get(record_url(session))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    data = form_data(session, present=[str(people[0].pk)])
    assert csrf_client.post(record_url(session), data).status_code == 403
    assert nothing_saved(session)
    response = csrf_client.post(record_url(session), {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session).count() == 1


# --------------------------------------------------------------------------- query count


def _count_queries(client, session):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(record_url(session))
    assert response.status_code == 200
    return len(queries)


def test_screen_query_count_does_not_grow_with_participants(worker_client, network):
    counts = []
    for size in (5, 30):
        session = SessionFactory(network=network, date=dt.date(2025, 3, 5) + dt.timedelta(size))
        session.activities.add(ActivityFactory(network=network))
        earlier = SessionFactory(network=network, date=dt.date(2025, 2, 1))
        for _ in range(size - Participant.objects.filter(network=network).count()):
            ParticipantFactory(network=network)
        for person in Participant.objects.filter(network=network)[:size:2]:
            Attendance.objects.create(session=session, participant=person)
            Attendance.objects.create(session=earlier, participant=person)
            Contribution.objects.create(session=session, participant=person, task="koken")
        counts.append(_count_queries(worker_client, session))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 21, counts  # 21: the usual tasks ("+ koken") since issue 15


# --------------------------------------------------------------------------- this week


@pytest.fixture
def fixed_today(monkeypatch):
    def use(day):
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)

    return use


def test_session_current_opens_this_weeks_scheduled_session(worker_client, network, fixed_today):
    ActivityFactory(network=network, weekday=2)
    fixed_today(dt.date(2025, 2, 14))  # a Friday; the session was Wednesday the 12th
    response = worker_client.get(reverse("networks:session_current", args=[network.pk]))
    session = Session.objects.get(network=network, date=dt.date(2025, 2, 12))
    assert response.status_code == 302 and response.url == record_url(session)
    assert Session.objects.filter(network=network).count() == 6
    # Opening it again creates nothing new.
    worker_client.get(reverse("networks:session_current", args=[network.pk]))
    assert Session.objects.filter(network=network).count() == 6


def test_session_current_early_in_the_week_opens_the_coming_one(
    worker_client, network, fixed_today
):
    ActivityFactory(network=network, weekday=2)
    fixed_today(dt.date(2025, 2, 10))  # Monday; the activity is on Wednesday the 12th
    response = worker_client.get(reverse("networks:session_current", args=[network.pk]))
    session = Session.objects.get(network=network, date=dt.date(2025, 2, 12))
    assert response.url == record_url(session)
    assert not Session.objects.filter(is_one_off=True).exists()


def test_session_current_without_schedule_creates_one_off_for_today(
    worker_client, network, fixed_today
):
    fixed_today(dt.date(2025, 2, 10))
    response = worker_client.get(reverse("networks:session_current", args=[network.pk]))
    session = Session.objects.get(network=network)
    assert session.is_one_off and session.date == dt.date(2025, 2, 10)
    assert session.title == "Bijeenkomst"
    assert response.url == record_url(session)
    worker_client.get(reverse("networks:session_current", args=[network.pk]))
    assert Session.objects.filter(network=network).count() == 1


# --------------------------------------------------------------------------- the list


def test_session_list_shows_counts_and_links(worker_client, session, people):
    Attendance.objects.create(session=session, participant=people[0])
    Attendance.objects.create(session=session, participant=people[1])
    Session.objects.filter(pk=session.pk).update(recorded=True)
    future = SessionFactory(
        network=session.network, date=timezone.localdate() + dt.timedelta(10), title="Buurtfeest"
    )
    response = worker_client.get(reverse("networks:session_list", args=[session.network_id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert record_url(session) in html and record_url(future) in html
    assert "Buurtfeest" in html and "Komende bijeenkomsten" in html
    assert "<td>2</td>" in html


def test_one_off_can_be_created_from_the_list(worker_client, network):
    activity = ActivityFactory(network=network, name="Speelgoedpunt")
    url = reverse("networks:session_list", args=[network.pk])
    response = worker_client.post(
        url, {"date": "2025-05-03", "title": "Speelgoed voor de buurt", "activities": [activity.pk]}
    )
    session = Session.objects.get(title="Speelgoed voor de buurt")
    assert response.status_code == 302 and response.url == record_url(session)
    assert session.is_one_off and list(session.activities.all()) == [activity]


@pytest.mark.parametrize(
    "data",
    [
        {"date": "gisteren", "title": "Feest"},
        {"date": "2025-05-03", "title": ""},
        {"date": "2025-05-03", "title": "Feest", "activities": ["abc"]},
        {"date": "2025-05-03", "title": "Feest", "activities": ["99999"]},
    ],
)
def test_one_off_with_bad_data_shows_errors(worker_client, network, data):
    response = worker_client.post(reverse("networks:session_list", args=[network.pk]), data)
    assert response.status_code == 400
    assert "Er ging iets mis" in response.content.decode()
    assert not Session.objects.filter(is_one_off=True).exists()


def test_one_off_cannot_use_another_networks_activity(worker_client, network):
    foreign = ActivityFactory(network=NetworkFactory(organisation=network.organisation))
    response = worker_client.post(
        reverse("networks:session_list", args=[network.pk]),
        {"date": "2025-05-03", "title": "Feest", "activities": [foreign.pk]},
    )
    assert response.status_code == 400
    assert not Session.objects.exists()


def test_evaluator_cannot_open_anything(client, organisation, session):
    login(client, UserFactory(organisation=organisation, evaluator=True))
    assert client.get(record_url(session)).status_code == 404


def test_base_contributions_round_trip_in_the_page(worker_client, session, people):
    a = people[0].pk
    Attendance.objects.create(session=session, participant_id=a)
    Contribution.objects.create(session=session, participant_id=a, task="eigen taart")
    html = worker_client.get(record_url(session)).content.decode()
    raw = re.search(r'name="base_contributions" value="([^"]*)"', html)[1]
    assert json.loads(raw.replace("&quot;", '"')) == [[a, "eigen taart"]]
    assert f'name="task-{a}" value="eigen taart" checked' in html
