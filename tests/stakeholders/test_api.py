from django.urls import reverse

from tests.conftest import login
from vangnet.audit.models import AuditEvent


def test_coordinator_reads_everything_audited(client, coordinator, meeting, party):
    login(client, coordinator)
    response = client.get(reverse("api:stakeholders"))
    assert response.status_code == 200
    data = response.json()
    assert [p["contact_email"] for p in data["parties"]] == ["s.dewit@tilburg.nl"]
    assert [m["subject"] for m in data["meetings"]] == ["Voortgang Tilburg Noord"]
    assert len(data["agreements"]) == 2
    assert AuditEvent.objects.filter(object_type="stakeholders", detail="api").exists()


def test_worker_reads_the_network_without_contacts(client, worker, meeting, network):
    login(client, worker)
    assert client.get(reverse("api:stakeholders")).status_code == 403
    response = client.get(reverse("api:network_stakeholders", args=[network.pk]))
    assert response.status_code == 200
    data = response.json()
    assert data["parties"][0]["name"] == "Gemeente Tilburg, sociaal domein"
    assert "contact_email" not in data["parties"][0]
    assert {a["text"] for a in data["open_agreements"]} == {
        "Ruimte in het buurthuis vragen",
        "Flyer maken",
    }
    assert data["open_agreements"][0]["overdue"] is True  # due 1 April 2025, before today
