"""Personal network maps: waves, consent per contact person (enforced), conversations."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.support.contact_services import alter_contact_details, alter_set_consent
from vangnet.support.map_selectors import client_for, map_rows, visible_clients, wave_difference
from vangnet.support.map_services import (
    alter_add,
    client_create,
    conversation_create,
    map_wave_create,
)
from vangnet.support.models import ConsentChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_record(organisation, worker):
    return client_create(
        organisation=organisation,
        display_name="Kees",
        worker=worker,
        setting="opvang De Haven",
        actor=worker,
    )


def test_clients_are_seen_only_by_their_workers(client_record, worker, coordinator, organisation):
    other = UserFactory(organisation=organisation)
    assert list(visible_clients(worker)) == [client_record]
    assert not visible_clients(other).exists()
    assert not visible_clients(coordinator).exists()  # no VIEW_PARTICIPANTS
    from django.http import Http404

    with pytest.raises(Http404):
        client_for(other, client_record.pk)
    with pytest.raises(Http404):
        client_for(worker, "99999999999999999999")


def test_two_waves_show_the_difference(client_record, worker):
    first = map_wave_create(client=client_record, wave_date=dt.date(2025, 1, 10), actor=worker)
    sister = alter_add(network_map=first, name="Zus", kind="relative", closeness=2, actor=worker)
    alter_add(
        network_map=first,
        name="Begeleider",
        kind="professional",
        closeness=3,
        support_types=["practical"],
        actor=worker,
    )
    second = map_wave_create(client=client_record, wave_date=dt.date(2025, 6, 10), actor=worker)
    copied = {alter.name: alter for alter in second.alters.all()}
    assert set(copied) == {"Zus", "Begeleider"}
    assert copied["Zus"].origin_id == sister.pk
    # changes in the second wave
    copied["Zus"].closeness = 1
    copied["Zus"].support_types = ["emotional"]
    copied["Zus"].save()
    copied["Begeleider"].delete()
    alter_add(
        network_map=second,
        name="Anne",
        kind="vangnetwerk",
        closeness=2,
        support_types=["companionship"],
        actor=worker,
    )
    diff = wave_difference(first, second)
    assert (diff.size_before, diff.size_after) == (2, 2)
    assert (diff.support_before, diff.support_after) == (1, 2)
    assert diff.new == ["Anne"] and diff.new_from_vangnetwerk == ["Anne"]
    assert diff.gone == ["Begeleider"]
    assert diff.closer == ["Zus"]
    assert diff.per_circle_after == {1: 1, 2: 1, 3: 0}


def test_wave_rules(client_record, worker, network):
    map_wave_create(client=client_record, wave_date=dt.date(2025, 3, 1), actor=worker)
    with pytest.raises(ValidationError):
        map_wave_create(client=client_record, wave_date=dt.date(2025, 2, 1), actor=worker)
    with pytest.raises(ValidationError):
        map_wave_create(wave_date=dt.date(2025, 4, 1), actor=worker)
    participant = ParticipantFactory(network=network)
    with pytest.raises(ValidationError):
        map_wave_create(
            participant=participant,
            client=client_record,
            wave_date=dt.date(2025, 4, 1),
            actor=worker,
        )
    assert map_wave_create(participant=participant, wave_date=dt.date(2025, 4, 1), actor=worker)


def test_consent_is_enforced_and_its_history_kept(client_record, worker):
    wave = map_wave_create(client=client_record, wave_date=dt.date(2025, 1, 10), actor=worker)
    mother = alter_add(
        network_map=wave,
        name="Moeder",
        kind="relative",
        phone="0612345678",
        email="moeder@example.org",
        consent="via_client",
        actor=worker,
    )
    row = map_rows(network_map=wave)[0]
    assert row.phone is None and row.email is None
    with pytest.raises(PermissionDenied):
        alter_contact_details(alter=mother, actor=worker)
    alter_set_consent(alter=mother, consent="yes", actor=worker)
    mother.refresh_from_db()
    assert alter_contact_details(alter=mother, actor=worker)["phone"] == "0612345678"
    assert map_rows(network_map=wave)[0].email == "moeder@example.org"
    alter_set_consent(alter=mother, consent="no", actor=worker)
    mother.refresh_from_db()
    with pytest.raises(PermissionDenied):
        alter_contact_details(alter=mother, actor=worker)
    history = list(ConsentChange.objects.filter(alter=mother).values_list("consent", flat=True))
    assert history == ["via_client", "yes", "no"]
    # the next wave carries the latest decision, not the details' visibility
    second = map_wave_create(client=client_record, wave_date=dt.date(2025, 6, 1), actor=worker)
    assert map_rows(network_map=second)[0].phone is None
    events = AuditEvent.objects.filter(object_type="support.alter")
    assert events.filter(action="update").count() == 2
    assert not events.filter(detail__icontains="0612").exists()
    with pytest.raises(ValidationError):
        alter_set_consent(alter=mother, consent="maybe", actor=worker)


def test_network_conversation(client_record, worker):
    wave = map_wave_create(client=client_record, wave_date=dt.date(2025, 1, 10), actor=worker)
    sister = alter_add(network_map=wave, name="Zus", kind="relative", actor=worker)
    conversation = conversation_create(
        network_map=wave,
        date=dt.date(2025, 1, 20),
        alters=[sister],
        others="buurvrouw",
        agreements="Zus belt elke zondag.",
        actor=worker,
    )
    assert list(conversation.alters.all()) == [sister]
    other_wave = map_wave_create(client=client_record, wave_date=dt.date(2025, 2, 1), actor=worker)
    stranger = alter_add(network_map=other_wave, name="Oom", kind="relative", actor=worker)
    with pytest.raises(ValidationError):
        conversation_create(
            network_map=wave, date=dt.date(2025, 1, 21), alters=[stranger], actor=worker
        )
