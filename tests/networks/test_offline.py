"""The offline session screen, server side: the manifest, the service worker, the status
(which screens a phone may keep), sending a save that waited on the phone, and logout."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory, UserFactory
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session
from vangnet.networks.sessions.offline_selectors import offline_screens
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.participants.models import Participant
from vangnet.privacy.services import person_erase

pytestmark = pytest.mark.django_db


def sync_url(session):
    return reverse("networks:offline_sync", args=[session.network_id, session.pk])


def queued(session, *, present=(), base_present=(), contributions=(), version=None, **extra):
    """The form a phone kept offline: the screen's fields and the state it was made on."""
    data = {
        "version": str(session.version if version is None else version),
        "base_present": ",".join(str(pk) for pk in base_present),
        "base_contributions": "[]",
        "base_absent": "[]",
        "base_note": "",
        "note": "",
        "newcomer": "",
        "present": [str(p.pk) for p in present],
    }
    for person, task in contributions:
        data[f"task-{person.pk}"] = task
    data.update(extra)
    return data


@pytest.fixture
def session(network):
    return SessionFactory(network=network, date=timezone.localdate())


@pytest.fixture
def people(network):
    return [ParticipantFactory(network=network, display_name=f"Persoon {i}") for i in range(4)]


# ----------------------------------------------------------------- manifest and worker


def test_manifest_is_served_to_anyone_with_local_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == "/" and data["display"] == "standalone"
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert all(icon["src"].startswith("/static/") for icon in data["icons"])
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])


def test_service_worker_is_served_from_the_root_with_its_headers(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    body = response.content.decode()
    assert "__VERSION__" not in body and "vangnet-static-" in body
    assert "/static/js/offline.js" in body and "/static/css/session.css" in body
    # Nothing from another host, and no API response is ever kept.
    assert "http://" not in body and "https://" not in body
    assert "/api/" not in body
    assert reverse("networks:offline_status") in body


def test_pages_allow_only_own_workers_and_manifest(client, worker):
    login(client, worker)
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy
    page = response.content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert "/static/js/offline.js" in page
    assert f'data-user="{worker.pk}"' in page
    assert "data-offline-enabled" in page


def test_post_to_service_worker_is_refused(client):
    assert client.post("/sw.js").status_code == 405


# ----------------------------------------------------------------- status and screens


def test_status_signed_out_says_so_without_redirect(client):
    response = client.get(reverse("networks:offline_status"))
    assert response.status_code == 200
    assert response.json() == {"signed_in": False}
    assert "no-store" in response["Cache-Control"]


def test_status_lists_this_and_last_weeks_screens_of_own_networks_only(client, network, worker):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    this_week = SessionFactory(network=network, date=monday)
    last_week = SessionFactory(network=network, date=monday - dt.timedelta(days=3))
    SessionFactory(network=network, date=monday - dt.timedelta(days=8))  # two weeks ago
    other = NetworkFactory(organisation=network.organisation)  # not this worker's
    SessionFactory(network=other, date=monday)
    login(client, worker)
    data = client.get(reverse("networks:offline_status"), {"screens": "1"}).json()
    assert data["signed_in"] and data["user"] == worker.pk and data["csrf"]
    urls = {screen["url"]: screen["week"] for screen in data["screens"]}
    assert urls == {
        reverse("networks:session_record", args=[network.pk, this_week.pk]): "this",
        reverse("networks:session_record", args=[network.pk, last_week.pk]): "last",
    }
    assert all(network.name in screen["label"] for screen in data["screens"])
    assert "screens" not in client.get(reverse("networks:offline_status")).json()


def test_status_lists_nothing_for_a_role_that_does_not_record(client, network):
    evaluator = UserFactory(organisation=network.organisation, evaluator=True)
    SessionFactory(network=network, date=timezone.localdate())
    login(client, evaluator)
    assert client.get(reverse("networks:offline_status"), {"screens": "1"}).json()["screens"] == []


def test_offline_screens_is_one_query(network, django_assert_num_queries):
    SessionFactory(network=network, date=timezone.localdate())
    with django_assert_num_queries(1):
        assert len(offline_screens(networks=[network], today=timezone.localdate())) == 1


# ----------------------------------------------------------------- sending a waiting save


def test_waiting_save_is_stored_once(client, worker, session, people):
    login(client, worker)
    data = queued(session, present=people[:2], contributions=[(people[2], "koken")])
    response = client.post(sync_url(session), data)
    assert response.status_code == 200
    answer = response.json()
    assert answer["status"] == "saved" and answer["present"] == 3
    assert answer["left_out"] == [] and answer["overlap"] == []
    # Sent twice (the answer was lost on the way): still every mark once.
    assert client.post(sync_url(session), data).json()["present"] == 3
    assert Attendance.objects.filter(session=session).count() == 3
    assert Contribution.objects.filter(session=session).count() == 1


def test_waiting_save_merges_with_a_save_made_online_in_between(client, worker, session, people):
    session_record_attendance(
        session=session,
        marks=AttendanceMarks.build([people[0].pk]),
        note="online",
        base_marks=AttendanceMarks(),
        base_note="",
        base_version=0,
        recorded_by=session.network.backup_worker,
    )
    login(client, worker)
    answer = client.post(sync_url(session), queued(session, present=[people[1]], version=0)).json()
    assert answer["status"] == "saved" and answer["merged"] is True
    assert set(
        Attendance.objects.filter(session=session).values_list("participant", flat=True)
    ) == {
        people[0].pk,
        people[1].pk,
    }


def test_same_person_changed_both_ways_asks_for_attention(client, worker, session, people):
    session_record_attendance(
        session=session,
        marks=AttendanceMarks.build(absent=[(people[0].pk, "ziek")]),
        note="",
        base_marks=AttendanceMarks(),
        base_note="",
        base_version=0,
        recorded_by=session.network.backup_worker,
    )
    login(client, worker)
    answer = client.post(sync_url(session), queued(session, present=[people[0]], version=0)).json()
    assert answer["status"] == "attention"
    assert [item["participant"] for item in answer["overlap"]] == [people[0].pk]


def test_erased_participant_is_left_out_and_the_rest_saved(client, worker, session, people):
    person_erase(participant=people[1], actor=worker)
    login(client, worker)
    data = queued(session, present=people[:3], contributions=[(people[1], "koken")])
    answer = client.post(sync_url(session), data).json()
    assert answer["status"] == "attention"
    assert [item["participant"] for item in answer["left_out"]] == [people[1].pk]
    assert "gewist" in answer["left_out"][0]["reason"]
    stored = set(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    assert stored == {people[0].pk, people[2].pk}
    assert not Contribution.objects.filter(session=session).exists()


def test_participant_gone_from_the_network_is_left_out(client, worker, session, people):
    ghost = people[3].pk
    people[3].delete()
    login(client, worker)
    data = queued(session, present=people[:1])
    data["present"].append(str(ghost))
    data[f"absent-{people[1].pk}"] = "ziek"
    answer = client.post(sync_url(session), data).json()
    assert [item["participant"] for item in answer["left_out"]] == [ghost]
    assert Attendance.objects.filter(session=session).count() == 1
    assert AnnouncedAbsence.objects.filter(session=session, participant=people[1]).exists()


def test_removed_session_says_nothing_was_saved(client, worker, session, people):
    url = sync_url(session)
    data = queued(session, present=people[:1])
    Session.objects.filter(pk=session.pk).delete()
    login(client, worker)
    response = client.post(url, data)
    assert response.status_code == 404
    assert response.json()["status"] == "gone"
    assert "niet opgeslagen" in response.json()["problems"][0]


def test_another_networks_session_is_gone_too(client, session, people):
    stranger = NetworkFactory()
    login(client, stranger.lead_worker)
    response = client.post(sync_url(session), queued(session, present=people[:1]))
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_broken_or_unsafe_waiting_save_is_refused_with_a_message(client, worker, session, people):
    login(client, worker)
    response = client.post(sync_url(session), queued(session, version="x"))
    assert response.status_code == 400 and response.json()["status"] == "invalid"
    data = queued(session, contributions=[(people[0], "ko\x00ken")])
    response = client.post(sync_url(session), data)
    assert response.status_code == 400 and response.json()["problems"]
    assert not Attendance.objects.exists()


def _names(session) -> list[str]:
    return sorted(
        Attendance.objects.filter(session=session).values_list(
            "participant__display_name", flat=True
        )
    )


def answered(answer, question, value):
    """What offline-reports.js sends when the worker answers a question of the report: the
    name and the choice, nothing else changed."""
    return {
        "version": str(answer["version"]),
        "base_present": "",
        "base_contributions": "[]",
        "base_absent": "[]",
        "base_note": "",
        "note": "",
        "newcomer": question["name"],
        "resolve-0": value,
        "resolve_name-0": question["name"],
    }


def test_newcomer_like_a_known_name_is_asked_as_on_the_screen(client, worker, session):
    ria = ParticipantFactory(network=session.network, display_name="Ria")
    elsewhere = NetworkFactory(organisation=session.network.organisation, name="De Kring")
    ParticipantFactory(network=elsewhere, display_name="Ria")
    login(client, worker)
    answer = client.post(sync_url(session), queued(session, newcomer="ria, Zeynep")).json()
    assert answer["status"] == "attention"
    assert _names(session) == ["Zeynep"]  # never a second Ria without asking
    (question,) = answer["questions"]
    assert question["name"] == "ria" and "Wie bedoel je?" in question["legend"]
    values = [choice["value"] for choice in question["choices"]]
    assert values == [str(ria.pk), "new"]  # Ria of this network first, then "new"
    assert question["choices"][0]["label"].startswith("Bedoel je Ria (sinds ")
    assert question["hints"] == ["Er is ook een Ria bij De Kring."]

    # "Yes, Ria": she is marked present; sent twice (a lost answer), still once.
    for _ in range(2):
        reply = client.post(sync_url(session), answered(answer, question, str(ria.pk))).json()
        assert reply["status"] == "saved", reply
    assert _names(session) == ["Ria", "Zeynep"]
    assert Participant.objects.filter(display_name__iexact="ria").count() == 2  # no new one


def test_no_a_new_person_creates_exactly_one(client, worker, session):
    ParticipantFactory(network=session.network, display_name="Ria")
    login(client, worker)
    answer = client.post(sync_url(session), queued(session, newcomer="Ria")).json()
    (question,) = answer["questions"]
    for _ in range(2):
        reply = client.post(sync_url(session), answered(answer, question, "new")).json()
        assert reply["status"] == "saved", reply
    assert Participant.objects.filter(network=session.network, display_name="Ria").count() == 2
    assert _names(session) == ["Ria"]


def test_an_answer_for_another_name_or_person_is_asked_again(client, worker, session):
    ParticipantFactory(network=session.network, display_name="Ria")
    outsider = ParticipantFactory(display_name="Ria")  # another organisation
    login(client, worker)
    answer = client.post(sync_url(session), queued(session, newcomer="Ria")).json()
    (question,) = answer["questions"]
    reply = client.post(sync_url(session), answered(answer, question, str(outsider.pk))).json()
    assert reply["status"] == "attention" and reply["questions"]
    assert _names(session) == []


def test_the_screen_answers_a_fetch_save_in_json(client, worker, session, people):
    """offline.js sends Opslaan with fetch (so an unreachable server does not lose the
    marks); saved, it is told where to go; the form's own post is still redirected."""
    login(client, worker)
    url = reverse("networks:session_record", args=[session.network_id, session.pk])
    response = client.post(
        url, queued(session, present=people[:1]), headers={"X-Vangnet-Save": "fetch"}
    )
    assert response.status_code == 200 and response.json() == {"saved": True, "url": url}
    assert _names(session) == ["Persoon 0"]
    session.refresh_from_db()
    response = client.post(url, queued(session, present=people[:2]))
    assert response.status_code == 302 and response["Location"] == url


def test_sync_needs_a_signed_in_user_and_csrf(client, csrf_client, worker, session, people):
    response = client.post(sync_url(session), queued(session, present=people[:1]))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    login(csrf_client, worker)
    response = csrf_client.post(sync_url(session), queued(session, present=people[:1]))
    assert response.status_code == 403
    assert not Attendance.objects.exists()


# ----------------------------------------------------------------- logout


def test_logout_tells_the_browser_to_clear_what_it_kept(client, worker):
    login(client, worker)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert client.get(reverse("networks:offline_status")).json() == {"signed_in": False}
