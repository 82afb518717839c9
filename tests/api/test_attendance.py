"""The write endpoint records through the session screen's own service: it saves, merges
two people's saves, refuses bad input with field messages and saves nothing then."""

import pytest
from django.urls import reverse

from tests.api.conftest import token_client
from tests.factories import ActivityFactory, ParticipantFactory, SessionFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.participants.models import Participant


@pytest.fixture
def setup(network, worker):
    activity = ActivityFactory(network=network)
    session = SessionFactory(network=network)
    session.activities.add(activity)
    people = [ParticipantFactory(network=network) for _ in range(3)]
    url = reverse("api:session_attendance", args=[network.pk, session.pk])
    return {"session": session, "people": people, "url": url, "api": token_client(worker)}


def stored(session):
    present = set(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    contributions = set(
        Contribution.objects.filter(session=session).values_list("participant", "task")
    )
    return present, contributions


def post(api, url, body, **headers):
    return api.post(url, body, content_type="application/json", **headers)


def test_get_gives_the_state_to_save_against(setup):
    a, b, _c = setup["people"]
    Attendance.objects.create(session=setup["session"], participant=a)
    data = setup["api"].get(setup["url"]).json()
    assert data["version"] == 0
    assert data["present"] == [a.pk]
    assert data["tasks"] == ["koken", "tafel dekken", "afwassen"]
    assert {row["id"] for row in data["participants"]} >= {a.pk, b.pk}
    assert AuditEvent.objects.filter(action="view", object_type="networks.session").count() == 1


def test_post_saves_attendance_contributions_and_newcomers(setup):
    a, b, _c = setup["people"]
    body = {
        "version": 0,
        "present": [a.pk],
        "contributions": [{"participant_id": b.pk, "task": "koken"}],
        "note": "Fijne middag.",
        "newcomers": ["Ans"],
    }
    response = post(setup["api"], setup["url"], body)
    assert response.status_code == 200, response.content
    result = response.json()
    ans = Participant.objects.get(display_name="Ans")
    assert stored(setup["session"]) == ({a.pk, b.pk, ans.pk}, {(b.pk, "koken")})
    assert result["present_count"] == 3 and result["version"] == 1
    assert result["newcomers"] == [{"id": ans.pk, "display_name": "Ans"}]
    assert result["merged"] is False
    session = Session.objects.get(pk=setup["session"].pk)
    assert session.recorded and session.note == "Fijne middag." and session.version == 1
    assert AuditEvent.objects.filter(action="update", object_type="networks.session").count() == 1


def test_two_saves_from_the_same_state_keep_both(setup, network):
    a, b, c = setup["people"]
    Attendance.objects.create(session=setup["session"], participant=c)
    state = setup["api"].get(setup["url"]).json()
    base = {
        "version": state["version"],
        "base_present": state["present"],
        "base_contributions": state["contributions"],
        "base_note": state["note"],
    }
    first = post(setup["api"], setup["url"], {**base, "present": [c.pk, a.pk]})
    backup_api = token_client(network.backup_worker)
    second = post(backup_api, setup["url"], {**base, "present": [b.pk]})  # c removed by backup
    assert first.status_code == second.status_code == 200
    assert second.json()["merged"] is True
    assert stored(setup["session"])[0] == {a.pk, b.pk}


def test_form_encoded_input_works(setup):
    a = setup["people"][0]
    response = setup["api"].post(setup["url"], {"version": "0", "present": [str(a.pk)]})
    assert response.status_code == 200, response.content
    assert stored(setup["session"])[0] == {a.pk}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "version"),
        ({"version": "x"}, "version"),
        ({"version": -1}, "version"),
        ({"version": 0, "present": ["a"]}, "present"),
        ({"version": 0, "present": [0]}, "present"),
        ({"version": 0, "present": 5}, "present"),
        ({"version": 0, "contributions": [{"participant_id": 1}]}, "contributions"),
        (
            {"version": 0, "contributions": [{"participant_id": 1, "task": "x" * 121}]},
            "contributions",
        ),
        ({"version": 0, "note": "x" * 5001}, "note"),
        ({"version": 0, "note": "a\x00b"}, "note"),
        ({"version": 0, "newcomers": ["x" * 81]}, "newcomers"),
        ({"version": 0, "present": [2**63]}, "present"),
        ({"version": 0, "base_contributions": "junk"}, "base_contributions"),
    ],
)
def test_bad_input_gives_field_errors_and_saves_nothing(setup, body, field):
    response = post(setup["api"], setup["url"], body)
    assert response.status_code == 400
    assert field in response.json()
    assert stored(setup["session"]) == (set(), set())
    assert Session.objects.get(pk=setup["session"].pk).version == 0


def test_participant_of_another_network_saves_nothing(setup, network):
    a = setup["people"][0]
    stranger = ParticipantFactory()  # another network
    body = {"version": 0, "present": [a.pk, stranger.pk], "newcomers": ["Bep"]}
    response = post(setup["api"], setup["url"], body)
    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert stored(setup["session"]) == (set(), set())
    assert not Participant.objects.filter(display_name="Bep").exists()
    assert (
        not AuditEvent.objects.filter(action__in=["create", "update"])
        .exclude(object_type="api.apitoken")
        .exists()
    )


def test_not_json_is_a_400(setup):
    response = setup["api"].post(setup["url"], "{nope", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_messages_are_dutch_by_default_and_english_on_request(setup):
    body = {"version": "x"}
    dutch = post(setup["api"], setup["url"], body)
    english = post(setup["api"], setup["url"], body, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8")
    assert english.json()["version"] == ["A valid integer is required."]
    assert dutch.json()["version"] != english.json()["version"]
    assert english["Content-Language"] == "en"
    assert "versie" in post(setup["api"], setup["url"], {}).json()["version"][0]


def test_session_with_csrf_is_needed_for_a_session_user(csrf_client, setup, worker):
    csrf_client.force_login(worker)
    response = csrf_client.post(setup["url"], {"version": 0}, content_type="application/json")
    assert response.status_code == 403
    assert stored(setup["session"]) == (set(), set())
    # Reading with the session works (the browsable docs use it).
    assert csrf_client.get(setup["url"]).status_code == 200


def test_coordinator_may_read_figures_but_not_record(setup, network, organisation):
    from tests.factories import UserFactory

    coordinator = token_client(UserFactory(organisation=organisation, coordinator=True))
    assert post(coordinator, setup["url"], {"version": 0}).status_code == 403
    detail = reverse("api:session_detail", args=[network.pk, setup["session"].pk])
    assert coordinator.get(detail).status_code == 200
