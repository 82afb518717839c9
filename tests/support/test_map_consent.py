"""A new wave of the network map is refused while the person's consent for the map is
withdrawn (participant and network-support client): a clear message, nothing saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ParticipantFactory
from vangnet.privacy.services import consent_set_by_participant
from vangnet.support import map_services
from vangnet.support.models import Alter, Client, NetworkMap

pytestmark = pytest.mark.django_db
REFUSED = "de toestemming voor de netwerkkaart is ingetrokken"


@pytest.fixture
def anna(network):
    return ParticipantFactory(network=network, display_name="Anna")


@pytest.fixture
def kees(organisation, worker):
    return Client.objects.create(organisation=organisation, display_name="Kees", worker=worker)


@pytest.mark.parametrize("who", ["participant", "client"])
def test_no_new_wave_while_map_consent_is_withdrawn(who, anna, kees, worker):
    owner = {"participant": anna} if who == "participant" else {"client": kees}
    first = map_services.map_wave_create(**owner, wave_date=dt.date(2025, 1, 10), actor=worker)
    map_services.alter_add(network_map=first, name="Zus", kind="relative", actor=worker)
    consent_set_by_participant(**owner, kind="network_map", given=False)
    with pytest.raises(ValidationError) as refused:
        map_services.map_wave_create(**owner, wave_date=dt.date(2025, 6, 10), actor=worker)
    assert REFUSED in " ".join(refused.value.messages)
    assert NetworkMap.objects.filter(**owner).count() == 1
    assert Alter.objects.count() == 1  # nothing copied into a half-made wave
    # Consent given again: the new wave can be made.
    consent_set_by_participant(**owner, kind="network_map", given=True)
    second = map_services.map_wave_create(**owner, wave_date=dt.date(2025, 6, 10), actor=worker)
    assert [a.name for a in second.alters.all()] == ["Zus"]


def test_other_withdrawn_purposes_do_not_stop_the_map(anna, kees, worker):
    consent_set_by_participant(participant=anna, kind="research_export", given=False)
    consent_set_by_participant(client=kees, kind="contact_relatives", given=False)
    map_services.map_wave_create(participant=anna, wave_date=dt.date(2025, 1, 1), actor=worker)
    map_services.map_wave_create(client=kees, wave_date=dt.date(2025, 1, 1), actor=worker)
    assert NetworkMap.objects.count() == 2


@pytest.mark.parametrize("who", ["participant", "client"])
def test_the_worker_cannot_start_a_wave_on_the_page(who, anna, kees, worker, worker_client):
    if who == "participant":
        owner, url = {"participant": anna}, reverse("support:participant_map", args=[anna.pk])
    else:
        owner, url = {"client": kees}, reverse("support:client_map", args=[kees.pk])
    consent_set_by_participant(**owner, kind="network_map", given=False)
    response = worker_client.post(url, {"action": "wave", "wave_date": "2025-02-01"})
    assert response.status_code == 200
    assert "toestemming voor de netwerkkaart ingetrokken" in response.content.decode()
    assert not NetworkMap.objects.exists()
