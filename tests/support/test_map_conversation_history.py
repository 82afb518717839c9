"""Issue 14, item 7: earlier network conversations vanished from the map page after a new
wave. Conversations and agreements belong to the person, not to one wave."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vangnet.support import map_selectors
from vangnet.support.models import Client, NetworkConversation

pytestmark = pytest.mark.django_db


def _client_with_conversation_then_new_wave(worker_client, worker, organisation):
    client_record = Client.objects.create(
        organisation=organisation, display_name="Kees", worker=worker
    )
    url = reverse("support:client_map", kwargs={"client_id": client_record.pk})
    worker_client.post(url, {"action": "wave", "wave_date": "2025-01-10"})
    worker_client.post(
        url,
        {
            "action": "alter",
            "name": "Zus Ria",
            "kind": "relative",
            "closeness": "1",
            "consent": "no",
        },
    )
    ria = client_record.network_maps.get().alters.get()
    response = worker_client.post(
        url,
        {
            "action": "conversation",
            "date": "2025-01-20",
            "alters": str(ria.pk),
            "agreements": "Ria belt elke zondag.",
        },
    )
    assert response.status_code == 302
    worker_client.post(url, {"action": "wave", "wave_date": "2025-07-01"})
    response = worker_client.post(
        url,
        {"action": "conversation", "date": "2025-07-05", "agreements": "Samen naar de markt."},
    )
    assert response.status_code == 302
    return client_record, url


def test_earlier_network_conversations_vanish_after_new_wave(worker_client, worker, organisation):
    _client, url = _client_with_conversation_then_new_wave(worker_client, worker, organisation)
    page = worker_client.get(url).content.decode()
    assert "Ria belt elke zondag." in page
    assert "Samen naar de markt." in page
    assert page.index("Samen naar de markt.") < page.index("Ria belt elke zondag.")
    assert "kaart van 10 januari 2025" in page


def test_owner_conversations_cover_every_wave_in_three_queries(worker_client, worker, organisation):
    client_record, _url = _client_with_conversation_then_new_wave(
        worker_client, worker, organisation
    )
    waves = map_selectors.owner_waves(client=client_record)
    with CaptureQueriesContext(connection) as queries:
        conversations = map_selectors.owner_conversations(waves=waves)
        names = [[a.name for a in c.alters.all()] for c in conversations]
        wave_dates = [c.network_map.wave_date.isoformat() for c in conversations]
    assert len(queries) == 3  # conversations, their people, the family members in them
    assert names == [[], ["Zus Ria"]]
    assert wave_dates == ["2025-07-01", "2025-01-10"]
    assert NetworkConversation.objects.count() == 2
    assert map_selectors.owner_conversations(waves=[]) == []
