"""Announced absences (afgemeld) in the API: read in the session state and the session
detail, counted in the session list, recorded through the attendance endpoint with a
record-scope token; unknown reasons, participants of another network and control
characters are refused with a 400 and nothing is saved."""

import pytest
from django.urls import reverse

from tests.api.conftest import TokenClient, make_key, token_client
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import AnnouncedAbsence, Attendance
from vangnet.participants.models import FollowUpTask


@pytest.fixture
def setup(network, worker):
    session = SessionFactory(network=network)
    people = [ParticipantFactory(network=network) for _ in range(3)]
    url = reverse("api:session_attendance", args=[network.pk, session.pk])
    return {"session": session, "people": people, "url": url, "api": token_client(worker)}


def post(api, url, body):
    return api.post(url, body, content_type="application/json")


def stored_absences(session):
    return set(
        AnnouncedAbsence.objects.filter(session=session).values_list("participant_id", "reason")
    )


def test_state_lists_absences_and_the_organisations_reasons(setup, worker):
    a, b, _c = setup["people"]
    AnnouncedAbsence.objects.create(session=setup["session"], participant=a, reason="ziek")
    data = setup["api"].get(setup["url"]).json()
    assert data["absent"] == [{"participant_id": a.pk, "reason": "ziek"}]
    assert data["reasons"] == ["ziek", "afspraak", "vakantie", "anders"]


def test_record_scope_token_sends_absences(setup, worker):
    a, b, c = setup["people"]
    api = TokenClient(make_key(worker, scope="attendance"))
    body = {
        "version": 0,
        "present": [c.pk],
        "absent": [{"participant_id": a.pk, "reason": "afspraak"}, {"participant_id": b.pk}],
    }
    response = post(api, setup["url"], body)
    assert response.status_code == 200, response.content
    assert response.json()["absent_count"] == 2
    assert stored_absences(setup["session"]) == {(a.pk, "afspraak"), (b.pk, "")}
    # Read back, changed against the state read: b's absence withdrawn, a's kept.
    state = api.get(setup["url"]).json()
    body = {
        "version": state["version"],
        "base_present": state["present"],
        "base_absent": state["absent"],
        "present": state["present"],
        "absent": [{"participant_id": a.pk, "reason": "afspraak"}],
    }
    assert post(api, setup["url"], body).status_code == 200
    assert stored_absences(setup["session"]) == {(a.pk, "afspraak")}


def test_read_only_token_cannot_send_absences(setup, worker):
    a = setup["people"][0]
    api = TokenClient(make_key(worker, scope="read"))
    body = {"version": 0, "absent": [{"participant_id": a.pk, "reason": "ziek"}]}
    assert post(api, setup["url"], body).status_code == 403
    assert not stored_absences(setup["session"])


def test_unknown_reason_is_a_400_with_the_list(setup):
    a, b, _c = setup["people"]
    body = {
        "version": 0,
        "present": [b.pk],
        "absent": [{"participant_id": a.pk, "reason": "ruzie met de buren"}],
    }
    response = post(setup["api"], setup["url"], body)
    assert response.status_code == 400
    message = response.json()["absent"][0]
    assert "ruzie met de buren" in message and "ziek" in message
    assert not stored_absences(setup["session"])
    assert not Attendance.objects.filter(session=setup["session"]).exists()


def test_a_stored_reason_taken_off_the_list_may_be_sent_back(setup, organisation):
    a = setup["people"][0]
    AnnouncedAbsence.objects.create(session=setup["session"], participant=a, reason="ziek")
    organisation.absence_reasons = ["afspraak"]
    organisation.save(update_fields=["absence_reasons"])
    state = setup["api"].get(setup["url"]).json()
    body = {
        "version": state["version"],
        "base_absent": state["absent"],
        "absent": state["absent"],
        "note": "Rustig.",
    }
    assert post(setup["api"], setup["url"], body).status_code == 200
    assert stored_absences(setup["session"]) == {(a.pk, "ziek")}


def test_absence_for_someone_of_another_network_is_a_400(setup, organisation):
    stranger = ParticipantFactory(network=NetworkFactory(organisation=organisation))
    body = {"version": 0, "absent": [{"participant_id": stranger.pk, "reason": "ziek"}]}
    response = post(setup["api"], setup["url"], body)
    assert response.status_code == 400
    assert "vangnetwerk" in response.json()["non_field_errors"][0]
    assert not AnnouncedAbsence.objects.exists()


@pytest.mark.parametrize(
    "absent",
    [
        [{"participant_id": 1, "reason": "zi\x00ek"}],
        [{"participant_id": 1, "reason": "ziek\x07"}],
        [{"participant_id": 1, "reason": "x" * 61}],
        [{"participant_id": "een", "reason": "ziek"}],
        [{"reason": "ziek"}],
        "ziek",
        [{"participant_id": 1}, {"participant_id": 1, "reason": "ziek"}],
    ],
)
def test_bad_absences_are_field_errors(setup, absent):
    response = post(setup["api"], setup["url"], {"version": 0, "absent": absent})
    assert response.status_code == 400
    assert "absent" in response.json()
    assert not AnnouncedAbsence.objects.exists()


def test_announced_absence_creates_no_followup_through_the_api(setup, network):
    """Sent through the API, an absence is the same fact as on the screen."""
    a = setup["people"][0]
    body = {"version": 0, "absent": [{"participant_id": a.pk, "reason": "ziek"}]}
    assert post(setup["api"], setup["url"], body).status_code == 200
    assert not FollowUpTask.objects.filter(participant=a).exists()


def test_session_detail_and_list_show_absences(setup, network, worker):
    a, b, _c = setup["people"]
    session = setup["session"]
    Attendance.objects.create(session=session, participant=b)
    AnnouncedAbsence.objects.create(session=session, participant=a, reason="vakantie")
    api = setup["api"]
    detail = api.get(reverse("api:session_detail", args=[network.pk, session.pk])).json()
    assert detail["absent_count"] == 1
    assert detail["absences"] == [
        {"participant_id": a.pk, "display_name": a.display_name, "reason": "vakantie"}
    ]
    listed = api.get(reverse("api:session_list", args=[network.pk])).json()["results"]
    assert [row["absent_count"] for row in listed if row["id"] == session.pk] == [1]


def test_session_detail_hides_absent_names_from_roles_without_participants(
    setup, network, organisation
):
    from tests.factories import UserFactory

    AnnouncedAbsence.objects.create(
        session=setup["session"], participant=setup["people"][0], reason="ziek"
    )
    api = token_client(UserFactory(organisation=organisation, coordinator=True))
    response = api.get(reverse("api:session_detail", args=[network.pk, setup["session"].pk]))
    assert response.status_code == 200
    data = response.json()
    assert data["absences"] == [] and data["absent_count"] == 1
    assert setup["people"][0].display_name not in response.content.decode()


def test_schema_describes_absences(worker):
    import yaml

    schema = yaml.safe_load(token_client(worker).get(reverse("api:schema")).content)
    components = schema["components"]["schemas"]
    assert {"participant_id", "reason"} <= set(components["AbsenceRequest"]["properties"])
    assert "absent_count" in components["AttendanceResult"]["properties"]
    assert "absent" in components["AttendanceInputRequest"]["properties"]
    assert "base_absent" in components["AttendanceInputRequest"]["properties"]
    assert "absent" in components["AttendanceState"]["properties"]
    assert "absences" in components["SessionDetail"]["properties"]
    assert "absent_count" in components["Session"]["properties"]


def test_routes_count_announced_absences(setup, network):
    a, b, _c = setup["people"]
    AnnouncedAbsence.objects.create(session=setup["session"], participant=a, reason="ziek")
    other = SessionFactory(network=network)
    AnnouncedAbsence.objects.create(session=other, participant=a, reason="")
    rows = setup["api"].get(reverse("api:route_list", args=[network.pk])).json()
    counts = {row["participant_id"]: row["announced_absences"] for row in rows}
    assert counts[a.pk] == 2 and counts[b.pk] == 0
