"""Every role x every API endpoint, with a token: allowed, 403 or 404 exactly as the pages
(the same capabilities through core.permissions); another organisation always gets 404."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.api.conftest import token_client
from tests.authz.api import ROUTES
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from tests.test_authorization import expected_allowed, url_for
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance

DATA_ROUTES = {
    name: route
    for name, route in ROUTES.items()
    if name not in {"api:tokens", "api:token_revoke", "api:docs"}
}


def test_every_role_and_endpoint_with_a_token(world):
    clients = {label: token_client(user) for label, user in world["users"].items()}
    failures = []
    for name, route in sorted(DATA_ROUTES.items()):
        url = url_for(name, world["kwargs"])
        for label, user in world["users"].items():
            status = clients[label].get(url).status_code
            allowed = expected_allowed(label, user, route, world)
            if allowed and status != 200:
                failures.append(f"{label} {name}: {status}, expected 200")
            if not allowed and status not in (403, 404):
                failures.append(f"{label} {name}: {status}, expected 403/404")
            if not allowed and route.scope == "network" and label.startswith(("foreign", "other")):
                if status != 404:
                    failures.append(f"{label} {name}: {status}, expected 404 (no leak)")
            if (
                not allowed
                and route.scope == "network"
                and status == 404
                and label in ("lead", "backup", "coordinator", "admin")
            ):
                failures.append(f"{label} {name}: 404 for a network in sight, expected 403")
    assert not failures, "\n".join(failures)


def test_foreign_ids_are_404_even_with_the_capability(world):
    foreign = NetworkFactory()
    session = SessionFactory(network=foreign)
    api = token_client(world["users"]["lead"])
    for name in ("api:network_detail", "api:route_list", "api:tie_list", "api:measures"):
        assert api.get(reverse(name, args=[foreign.pk])).status_code == 404
    url = reverse("api:session_attendance", args=[foreign.pk, session.pk])
    assert api.get(url).status_code == 404
    assert api.post(url, {"version": 0}, content_type="application/json").status_code == 404
    # A session of another network in the URL of one's own network: 404 as well.
    own = reverse("api:session_detail", args=[world["network"].pk, session.pk])
    assert api.get(own).status_code == 404


def test_network_list_holds_only_visible_networks(world):
    lead = token_client(world["users"]["lead"]).get("/api/networks/").json()
    other = token_client(world["users"]["other_worker"]).get("/api/networks/").json()
    coordinator = token_client(world["users"]["coordinator"]).get("/api/networks/").json()
    assert [row["id"] for row in lead] == [world["network"].pk]
    assert world["network"].pk not in [row["id"] for row in other]
    assert world["network"].pk in [row["id"] for row in coordinator]
    assert len(coordinator) == 2
    row = lead[0]
    assert row["phase"] == "exploration" or row["phase"] is None or row["phase"]
    assert [span["phase"] for span in row["phases"]][:3] == [
        "exploration",
        "build_up",
        "deepening",
    ]
    assert row["target_core_size"] == world["network"].target_core_size


def test_denied_requests_are_audited(world):
    url = reverse("api:route_list", args=[world["network"].pk])
    before = AuditEvent.objects.filter(action="denied").count()
    assert token_client(world["users"]["coordinator"]).get(url).status_code == 403
    assert AuditEvent.objects.filter(action="denied").count() == before + 1


@pytest.mark.parametrize("label", ["coordinator", "admin"])
def test_session_figures_without_names_for_roles_without_participants(world, label):
    session = world["kwargs"]["session_id"]
    Attendance.objects.create(session_id=session, participant=world["participant"])
    url = reverse("api:session_detail", args=[world["network"].pk, session])
    before = AuditEvent.objects.filter(action="view").count()
    data = token_client(world["users"][label]).get(url).json()
    assert data["present_count"] == 1
    assert data["participants_visible"] is False and data["attendance"] == []
    assert world["participant"].display_name not in str(data)
    assert AuditEvent.objects.filter(action="view").count() == before


def test_session_names_for_workers_are_audited(world):
    session = world["kwargs"]["session_id"]
    Attendance.objects.create(session_id=session, participant=world["participant"])
    url = reverse("api:session_detail", args=[world["network"].pk, session])
    data = token_client(world["users"]["backup"]).get(url).json()
    assert data["attendance"] == [
        {
            "participant_id": world["participant"].pk,
            "display_name": world["participant"].display_name,
            "contributions": [],
        }
    ]
    event = AuditEvent.objects.filter(action="view", object_type="networks.session").get()
    assert event.object_id == str(session)
    assert world["participant"].display_name not in event.detail


def test_route_and_tie_reads_are_audited_like_the_pages(world):
    api = token_client(world["users"]["lead"])
    network = world["network"].pk
    api.get(reverse("api:route_list", args=[network]))
    api.get(reverse("api:tie_list", args=[network]))
    events = AuditEvent.objects.filter(action="view", object_id=str(network))
    assert set(events.values_list("object_type", flat=True)) == {
        "participants.network_list",
        "support.ties",
    }


def test_session_list_counts_and_pagination(worker, network):
    people = [ParticipantFactory(network=network) for _ in range(3)]
    for day in range(5):
        session = SessionFactory(network=network, date=dt.date(2025, 2, 5 + day), recorded=True)
        for person in people[: day % 4]:
            Attendance.objects.create(session=session, participant=person)
    api = token_client(worker)
    url = reverse("api:session_list", args=[network.pk])
    data = api.get(url, {"limit": 2}).json()
    assert data["count"] == 5
    assert [row["date"] for row in data["results"]] == ["2025-02-09", "2025-02-08"]
    assert [row["present_count"] for row in data["results"]] == [0, 3]
    assert api.get(url, {"limit": "junk"}).status_code == 200


def test_every_role_posting_attendance_with_a_token(world):
    route = ROUTES["api:session_attendance"]
    url = url_for("api:session_attendance", world["kwargs"])
    for label, user in world["users"].items():
        response = token_client(user).post(url, {}, content_type="application/json")
        if expected_allowed(label, user, route, world):
            assert response.status_code == 400, label  # allowed: the empty body is refused
            assert "version" in response.json()
        elif label.startswith(("foreign", "other")):
            assert response.status_code == 404, label
        else:
            assert response.status_code in (403, 404), label
