"""A vangnetwerk member on a participant's map linked to a participant of the same network."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory
from vangnet.support import map_services
from vangnet.support.models import Alter, NetworkMap

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(client, network, worker):
    owner = ParticipantFactory(network=network)
    anne = ParticipantFactory(network=network, display_name="Anne Linkje")
    login(client, worker)
    url = reverse("support:participant_map", kwargs={"participant_id": owner.pk})
    client.post(url, {"action": "wave", "wave_date": "2025-03-01"})
    return owner, anne, url


def _add(client, url, **extra):
    data = {"action": "alter", "name": "Anne", "kind": "vangnetwerk", "closeness": "1"}
    data["consent"] = "no"
    return client.post(url, {**data, **extra})


def test_link_member_and_show_link(client, setup):
    owner, anne, url = setup
    page = client.get(url).content.decode()
    assert "Anne Linkje" in page  # offered as a choice
    assert _add(client, url, linked_participant=anne.pk).status_code == 302
    alter = Alter.objects.get()
    assert alter.linked_participant == anne
    page = client.get(url).content.decode()
    assert reverse("participants:detail", args=[anne.pk]) in page
    # the next wave keeps the link
    client.post(url, {"action": "wave", "wave_date": "2025-06-01"})
    assert Alter.objects.get(origin=alter).linked_participant == anne


def test_participant_of_other_network_is_refused(client, setup, organisation, worker):
    owner, anne, url = setup
    stranger = ParticipantFactory(network=NetworkFactory(organisation=organisation))
    assert _add(client, url, linked_participant=stranger.pk).status_code == 400
    assert not Alter.objects.exists()
    network_map = NetworkMap.objects.get()
    with pytest.raises(ValidationError):
        map_services.alter_add(
            network_map=network_map,
            name="X",
            kind="vangnetwerk",
            linked_participant=stranger,
            actor=worker,
        )
    with pytest.raises(ValidationError):
        map_services.alter_add(
            network_map=network_map, name="X", kind="friend", linked_participant=anne, actor=worker
        )
    assert not Alter.objects.exists()


def test_edit_sets_and_clears_link(client, setup):
    owner, anne, url = setup
    _add(client, url)
    alter = Alter.objects.get()
    edit = {"action": "edit", "alter": alter.pk, "name": "Anne", "kind": "vangnetwerk"}
    edit["closeness"] = "2"
    assert client.post(url, {**edit, "linked_participant": anne.pk}).status_code == 302
    alter.refresh_from_db()
    assert alter.linked_participant == anne
    assert client.post(url, {**edit, "linked_participant": ""}).status_code == 302
    alter.refresh_from_db()
    assert alter.linked_participant is None


def test_client_map_has_no_link_choice(worker_client, worker, organisation):
    from vangnet.support.models import Client

    record = Client.objects.create(organisation=organisation, display_name="K", worker=worker)
    url = reverse("support:client_map", kwargs={"client_id": record.pk})
    worker_client.post(url, {"action": "wave", "wave_date": "2025-01-10"})
    assert 'name="linked_participant"' not in worker_client.get(url).content.decode()
