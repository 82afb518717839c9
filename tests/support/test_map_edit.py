"""Editing and removing a person on a network map (latest wave only, audited)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vangnet.audit.models import AuditEvent
from vangnet.support import map_services
from vangnet.support.models import Alter, Client, ConsentChange, NetworkMap

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_map(worker_client, worker, organisation):
    record = Client.objects.create(organisation=organisation, display_name="K", worker=worker)
    url = reverse("support:client_map", kwargs={"client_id": record.pk})
    worker_client.post(url, {"action": "wave", "wave_date": "2025-01-10"})
    worker_client.post(
        url,
        {
            "action": "alter",
            "name": "Moeder",
            "kind": "relative",
            "closeness": "1",
            "support_types": "emotional",
            "consent": "via_client",
        },
    )
    return url


def test_edit_person_changes_fields_not_consent(worker_client, client_map):
    alter = Alter.objects.get()
    history = list(ConsentChange.objects.values_list("pk", "consent"))
    response = worker_client.post(
        client_map,
        {
            "action": "edit",
            "alter": alter.pk,
            "name": "Tante Els",
            "kind": "friend",
            "closeness": "3",
            "support_types": ["practical", "companionship"],
        },
    )
    assert response.status_code == 302
    alter.refresh_from_db()
    assert (alter.name, alter.kind, alter.closeness) == ("Tante Els", "friend", 3)
    assert alter.support_types == ["practical", "companionship"]
    assert alter.consent == "via_client"
    assert list(ConsentChange.objects.values_list("pk", "consent")) == history
    event = AuditEvent.objects.filter(action="update").get()
    assert "Tante" not in str(event.detail)
    assert "Tante Els" in worker_client.get(client_map).content.decode()


def test_edit_second_person(worker_client, client_map):
    worker_client.post(
        client_map,
        {"action": "alter", "name": "Zz", "kind": "friend", "closeness": "3", "consent": "no"},
    )
    last = Alter.objects.get(name="Zz")
    data = {"action": "edit", "alter": last.pk, "name": "Zy", "kind": "friend", "closeness": "3"}
    assert worker_client.post(client_map, data).status_code == 302
    assert worker_client.post(client_map, {"action": "remove", "alter": last.pk}).status_code == 302
    assert list(Alter.objects.present().values_list("name", flat=True)) == ["Moeder"]
    assert Alter.objects.get(name="Zy").removed_at is not None  # soft removal: row kept


def test_edit_with_empty_name_shows_error_and_changes_nothing(worker_client, client_map):
    alter = Alter.objects.get()
    response = worker_client.post(
        client_map,
        {"action": "edit", "alter": alter.pk, "name": " ", "kind": "friend", "closeness": "2"},
    )
    assert response.status_code == 400
    alter.refresh_from_db()
    assert alter.name == "Moeder" and alter.kind == "relative"


def test_remove_only_from_latest_wave(worker_client, client_map, worker):
    first = Alter.objects.get()
    assert (
        worker_client.post(client_map, {"action": "wave", "wave_date": "2025-06-01"}).status_code
        == 302
    )
    copy = Alter.objects.get(origin=first)
    # the old wave's person is not on the latest map: refused, nothing removed
    response = worker_client.post(client_map, {"action": "remove", "alter": first.pk})
    assert response.status_code == 400
    assert Alter.objects.count() == 2
    with pytest.raises(ValidationError):
        map_services.alter_remove(alter=first, actor=worker)
    with pytest.raises(ValidationError):
        map_services.alter_update(alter=first, name="X", kind="friend", closeness=1, actor=worker)
    assert worker_client.post(client_map, {"action": "remove", "alter": copy.pk}).status_code == 302
    assert list(Alter.objects.present()) == [first]
    assert ConsentChange.objects.filter(alter=first).exists()
    assert AuditEvent.objects.filter(action="delete").count() == 1
    latest = NetworkMap.objects.order_by("wave_date").last()
    assert not latest.alters.present().exists()
    page = worker_client.get(client_map).content.decode()
    assert "Niet meer op de kaart" in page


def test_coordinator_may_not_edit(client, coordinator, worker, organisation):
    from tests.conftest import login

    record = Client.objects.create(organisation=organisation, display_name="K", worker=worker)
    network_map = NetworkMap.objects.create(client=record, wave_date="2025-01-01")
    alter = Alter.objects.create(network_map=network_map, name="Buurman", kind="neighbour")
    login(client, coordinator)
    url = reverse("support:client_map", kwargs={"client_id": record.pk})
    assert client.post(url, {"action": "remove", "alter": alter.pk}).status_code == 404
    assert Alter.objects.filter(pk=alter.pk).exists()
