"""Network-map pages: waves, consent enforced on every page, access."""

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.support.models import Alter, Client, ConsentChange, NetworkConversation, NetworkMap

pytestmark = pytest.mark.django_db

PHONE = "0699887766"


def _post(client, url, **data):
    return client.post(url, data)


def test_worker_builds_a_client_map_in_two_waves(worker_client, worker):
    response = worker_client.post(
        reverse("support:client_create"), {"display_name": "Kees", "setting": "opvang"}
    )
    assert response.status_code == 302
    client_record = Client.objects.get()
    assert client_record.worker == worker
    url = reverse("support:client_map", kwargs={"client_id": client_record.pk})
    assert worker_client.get(url).status_code == 200
    assert _post(worker_client, url, action="wave", wave_date="2025-01-10").status_code == 302
    response = _post(
        worker_client,
        url,
        action="alter",
        name="Moeder",
        kind="relative",
        closeness="1",
        support_types="emotional",
        phone=PHONE,
        consent="via_client",
    )
    assert response.status_code == 302
    mother = Alter.objects.get()
    page = worker_client.get(url).content.decode()
    assert "Moeder" in page and PHONE not in page
    assert "verborgen: geen toestemming" in page

    assert (
        _post(worker_client, url, action="consent", alter=mother.pk, consent="yes").status_code
        == 302
    )
    assert PHONE in worker_client.get(url).content.decode()
    assert list(ConsentChange.objects.values_list("consent", flat=True)) == ["via_client", "yes"]

    assert _post(worker_client, url, action="wave", wave_date="2025-06-10").status_code == 302
    assert NetworkMap.objects.count() == 2
    response = _post(
        worker_client,
        url,
        action="alter",
        name="Anne",
        kind="vangnetwerk",
        closeness="2",
        support_types="companionship",
        consent="no",
    )
    assert response.status_code == 302
    latest = NetworkMap.objects.order_by("wave_date").last()
    anne = latest.alters.get(name="Anne")
    response = _post(
        worker_client,
        url,
        action="conversation",
        date="2025-06-12",
        alters=str(anne.pk),
        others="buurvrouw",
        agreements="Anne komt dinsdag langs.",
    )
    assert response.status_code == 302
    assert list(NetworkConversation.objects.get().alters.all()) == [anne]
    page = worker_client.get(url).content.decode()
    assert "Voor en na" in page and "Nieuw uit het vangnetwerk:" in page
    assert page.count('class="ecomap"') == 2
    assert AuditEvent.objects.filter(object_type="support.client", action="view").exists()


def test_withdrawn_consent_hides_details_again(worker_client, worker, organisation):
    client_record = Client.objects.create(
        organisation=organisation, display_name="K", worker=worker
    )
    url = reverse("support:client_map", kwargs={"client_id": client_record.pk})
    _post(worker_client, url, action="wave", wave_date="2025-01-10")
    _post(
        worker_client,
        url,
        action="alter",
        name="Broer",
        kind="relative",
        closeness="2",
        phone=PHONE,
        email="broer@example.org",
        consent="yes",
    )
    alter = Alter.objects.get()
    assert PHONE in worker_client.get(url).content.decode()
    _post(worker_client, url, action="consent", alter=alter.pk, consent="no")
    page = worker_client.get(url).content.decode()
    assert PHONE not in page and "broer@example.org" not in page


def test_participant_map_and_access(client, network, worker, coordinator, organisation):
    participant = ParticipantFactory(network=network)
    url = reverse("support:participant_map", kwargs={"participant_id": participant.pk})
    login(client, worker)
    assert client.get(url).status_code == 200
    assert _post(client, url, action="wave", wave_date="2025-03-01").status_code == 302
    assert NetworkMap.objects.get().participant == participant
    login(client, coordinator)
    assert client.get(url).status_code == 403
    other_worker = UserFactory(organisation=organisation)
    login(client, other_worker)
    assert client.get(url).status_code == 404
    client_record = Client.objects.create(
        organisation=organisation, display_name="K", worker=worker
    )
    client_url = reverse("support:client_map", kwargs={"client_id": client_record.pk})
    assert client.get(client_url).status_code == 404
    login(client, coordinator)
    assert client.get(client_url).status_code == 404
    assert client.get(reverse("support:client_list")).status_code == 403


@pytest.mark.parametrize(
    "action", ["", "wave", "alter", "edit", "remove", "consent", "conversation", "junk"]
)
def test_junk_posts_change_nothing(worker_client, worker, organisation, action):
    client_record = Client.objects.create(
        organisation=organisation, display_name="K", worker=worker
    )
    url = reverse("support:client_map", kwargs={"client_id": client_record.pk})
    _post(worker_client, url, action="wave", wave_date="2025-01-10")
    before = (NetworkMap.objects.count(), Alter.objects.count())
    for junk in ["", "x" * 5000, "-1", "99999999999999999999", "2026-02-30", "\u0000"]:
        data = {
            "action": action,
            "wave_date": junk,
            "name": junk,
            "kind": junk,
            "closeness": junk,
            "consent": junk,
            "alter": junk,
            "date": junk,
            "alters": junk,
        }
        assert worker_client.post(url, data).status_code in (200, 302, 400)
    assert (NetworkMap.objects.count(), Alter.objects.count()) == before
