"""A network-support client's rights: their worker (or the organisation admin) sees all
their data and can erase it; the erasure takes the map with everyone on it."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.support.map_services import alter_add, client_create, map_wave_create
from vangnet.support.models import Alter, Client, NetworkMap

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record(worker, organisation):
    record = client_create(
        organisation=organisation, display_name="Kees", worker=worker, actor=worker
    )
    network_map = map_wave_create(client=record, wave_date=dt.date(2025, 4, 1), actor=worker)
    alter_add(
        network_map=network_map,
        name="Zus Marian",
        kind="relative",
        phone="06-99990000",
        email="marian@example.org",
        consent="yes",
        actor=worker,
    )
    return record


def test_worker_sees_everything_as_page_and_json(client, worker, client_record):
    client.force_login(worker)
    page = client.get(reverse("privacy:client_export", args=[client_record.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Zus Marian" in html and "06-99990000" in html
    data = json.loads(
        client.get(reverse("privacy:client_export_json", args=[client_record.pk])).content
    )
    assert data["profile"]["display_name"] == "Kees"
    assert data["waves"][0]["people"][0]["email"] == "marian@example.org"
    assert (
        AuditEvent.objects.filter(
            action="export", object_type="support.client", object_id=str(client_record.pk)
        ).count()
        == 2
    )


def test_erasure_explains_then_deletes_client_and_map(client, worker, client_record):
    client.force_login(worker)
    url = reverse("privacy:client_erase", args=[client_record.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Zus Marian" not in page.content.decode()
    refused = client.post(url, {"confirm": "ja"})
    assert refused.status_code == 400 and Client.objects.filter(pk=client_record.pk).exists()
    done = client.post(url, {"confirm": "verwijderen"})
    assert done.status_code == 302
    assert not Client.objects.filter(pk=client_record.pk).exists()
    assert not NetworkMap.objects.exists() and not Alter.objects.exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="support.client", detail__startswith="erasure:client"
    ).exists()


def test_others_cannot(client, organisation, worker, client_record):
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    client.force_login(coordinator)
    assert client.get(reverse("privacy:client_export", args=[client_record.pk])).status_code in (
        403,
        404,
    )
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("privacy:client_erase", args=[client_record.pk])).status_code == 404


def test_contact_persons_without_consent_are_hidden_in_the_client_access_export(
    client, worker, client_record
):
    """Finding 14.6: the access export (page and JSON) showed the phone and e-mail of a
    contact person who gave no consent (docs/support.md: hidden unless "yes")."""
    network_map = NetworkMap.objects.get(client=client_record)
    for consent, phone in (("no", "06-11112222"), ("via_client", "06-33334444")):
        alter_add(
            network_map=network_map,
            name=f"Buur {consent}",
            kind="neighbour",
            phone=phone,
            email=f"{consent}@example.org",
            consent=consent,
            actor=worker,
        )
    client.force_login(worker)
    html = client.get(reverse("privacy:client_export", args=[client_record.pk])).content.decode()
    raw = client.get(reverse("privacy:client_export_json", args=[client_record.pk])).content
    for text in (html, raw.decode()):
        for hidden in ("06-11112222", "06-33334444", "no@example.org", "via_client@example.org"):
            assert hidden not in text
        assert "06-99990000" in text  # consent "yes"
    people = {p["name"]: p for p in json.loads(raw)["waves"][0]["people"]}
    assert people["Buur no"]["contact_details_hidden"] is True
    assert people["Zus Marian"]["contact_details_hidden"] is False
    assert "geen toestemming" in html
