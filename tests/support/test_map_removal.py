"""Soft removal of a person from the latest wave: hidden from the map, its counts and
contact actions, not copied into the next wave; the consent history survives."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from vangnet.audit.models import AuditEvent
from vangnet.support import contact_services, map_selectors, map_services
from vangnet.support.models import Alter, Client, ConsentChange, ContactAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(worker, organisation):
    return Client.objects.create(organisation=organisation, display_name="K", worker=worker)


@pytest.fixture
def url(record):
    return reverse("support:client_map", kwargs={"client_id": record.pk})


@pytest.fixture
def wave(record, worker):
    return map_services.map_wave_create(client=record, wave_date=dt.date(2025, 1, 10), actor=worker)


@pytest.fixture
def people(wave, worker):
    sister = map_services.alter_add(
        network_map=wave,
        name="Zus Anja",
        kind="relative",
        closeness=1,
        support_types=["emotional"],
        phone="0612345678",
        consent="no",
        actor=worker,
    )
    contact_services.alter_set_consent(alter=sister, consent="yes", actor=worker)
    neighbour = map_services.alter_add(
        network_map=wave, name="Buurman Piet", kind="neighbour", consent="yes", actor=worker
    )
    return sister, neighbour


def test_consent_history_survives_removal(people, worker):
    sister, _neighbour = people
    before = list(ConsentChange.objects.filter(alter=sister).values_list("pk", "consent"))
    assert [consent for _pk, consent in before] == ["no", "yes"]
    map_services.alter_remove(alter=sister, actor=worker)
    sister.refresh_from_db()
    assert sister.removed_at is not None and sister.removed_by == worker
    after = list(ConsentChange.objects.filter(alter=sister).values_list("pk", "consent"))
    assert after == before
    event = AuditEvent.objects.get(action="delete", object_id=str(sister.pk))
    assert "Anja" not in event.detail


def test_removed_person_not_shown_or_counted(people, worker, wave, record, worker_client, url):
    sister, neighbour = people
    map_services.alter_remove(alter=sister, actor=worker)
    rows = map_selectors.map_rows(network_map=wave)
    assert [row.pk for row in rows] == [neighbour.pk]
    (latest,) = map_selectors.owner_waves(client=record)
    assert [alter.pk for alter in latest.alters.all()] == [neighbour.pk]
    page = worker_client.get(url).content.decode()
    table = page.split('id="people-heading"')[1].split("</table>")[0]
    assert "Zus Anja" not in table
    assert "0612345678" not in page
    # the consent history of the removed person stays visible on the page
    removed = page.split('class="removed-alters"')[1]
    assert "Zus Anja" in removed and "Ja, de werker mag contact opnemen" in removed


def test_removed_person_does_not_count_in_comparison(people, worker, record):
    sister, _neighbour = people
    second = map_services.map_wave_create(
        client=record, wave_date=dt.date(2025, 6, 1), actor=worker
    )
    copy = second.alters.get(origin=sister)
    map_services.alter_remove(alter=copy, actor=worker)
    first, latest = map_selectors.owner_waves(client=record)
    difference = map_selectors.wave_difference(first, latest)
    assert (difference.size_before, difference.size_after) == (2, 1)
    assert (difference.support_before, difference.support_after) == (1, 0)
    assert difference.gone == ["Zus Anja"]


def test_contact_actions_refused_for_removed_person(people, worker, worker_client, url):
    sister, _neighbour = people
    map_services.alter_remove(alter=sister, actor=worker)
    sister.refresh_from_db()
    assert sister.consent == "yes"  # consent alone would allow contact
    with pytest.raises(ValidationError):
        contact_services.contact_log_create(
            alter=sister, date=dt.date(2025, 2, 1), method="phone", actor=worker
        )
    with pytest.raises(PermissionDenied):
        contact_services.alter_contact_details(alter=sister, actor=worker)
    with pytest.raises(ValidationError):
        contact_services.alter_set_consent(alter=sister, consent="no", actor=worker)
    with pytest.raises(ValidationError):
        map_services.alter_update(alter=sister, name="X", kind="friend", closeness=1, actor=worker)
    with pytest.raises(ValidationError):
        map_services.alter_remove(alter=sister, actor=worker)
    with pytest.raises(ValidationError):
        map_services.conversation_create(
            network_map=sister.network_map, date=dt.date(2025, 2, 1), alters=[sister], actor=worker
        )
    data = {"action": "contact", "alter": sister.pk, "date": "2025-02-01", "method": "phone"}
    assert worker_client.post(url, data).status_code == 400
    assert not ContactAction.objects.exists()
    consent = {"action": "consent", "alter": sister.pk, "consent": "no"}
    assert worker_client.post(url, consent).status_code == 400
    sister.refresh_from_db()
    assert sister.consent == "yes"


def test_next_wave_does_not_copy_removed_person(people, worker, record):
    sister, neighbour = people
    map_services.alter_remove(alter=sister, actor=worker)
    second = map_services.map_wave_create(
        client=record, wave_date=dt.date(2025, 6, 1), actor=worker
    )
    assert [alter.origin_id for alter in second.alters.all()] == [neighbour.pk]
    assert Alter.objects.filter(pk=sister.pk).exists()


def test_remove_via_page(people, worker_client, url):
    sister, _neighbour = people
    assert worker_client.post(url, {"action": "remove", "alter": sister.pk}).status_code == 302
    sister.refresh_from_db()
    assert sister.removed_at is not None
    # removing again: not on the map any more
    assert worker_client.post(url, {"action": "remove", "alter": sister.pk}).status_code == 400
