"""Contact actions on a map: only with consent YES, history listed, audited."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from vangnet.audit.models import AuditEvent
from vangnet.support import contact_services
from vangnet.support.models import Alter, Client, ContactAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(worker_client, worker, organisation):
    record = Client.objects.create(organisation=organisation, display_name="K", worker=worker)
    url = reverse("support:client_map", kwargs={"client_id": record.pk})
    worker_client.post(url, {"action": "wave", "wave_date": "2025-01-10"})
    for name, consent in (("Zus", "yes"), ("Oom", "no"), ("Buurvrouw", "via_client")):
        worker_client.post(
            url,
            {"action": "alter", "name": name, "kind": "relative", "closeness": "2"}
            | {"consent": consent},
        )
    return url


def _contact(worker_client, url, name, **extra):
    alter = Alter.objects.get(name=name)
    data = {"action": "contact", "alter": alter.pk, "date": "2025-02-01", "method": "phone"}
    return worker_client.post(url, {**data, "note": "Afspraak gemaakt", **extra})


def test_contact_with_consent_is_logged_and_listed(worker_client, url):
    assert _contact(worker_client, url, "Zus").status_code == 302
    action = ContactAction.objects.get()
    assert (action.alter.name, action.method, action.note) == ("Zus", "phone", "Afspraak gemaakt")
    assert AuditEvent.objects.filter(action="create", object_type__icontains="contact").exists()
    page = worker_client.get(url).content.decode()
    assert "Afspraak gemaakt" in page and "gebeld" in page


def test_contact_without_consent_is_refused(worker_client, url):
    response = _contact(worker_client, url, "Oom")
    assert response.status_code == 400
    assert "geen toestemming" in response.content.decode()
    response = _contact(worker_client, url, "Buurvrouw")
    assert response.status_code == 400
    assert "alleen via" in response.content.decode()
    assert not ContactAction.objects.exists()


def test_service_refuses_and_validates(worker, url):
    oom = Alter.objects.get(name="Oom")
    zus = Alter.objects.get(name="Zus")
    import datetime as dt

    with pytest.raises(ValidationError):
        contact_services.contact_log_create(
            alter=oom, date=dt.date(2025, 1, 1), method="phone", actor=worker
        )
    with pytest.raises(ValidationError):
        contact_services.contact_log_create(
            alter=zus, date=dt.date(2999, 1, 1), method="phone", actor=worker
        )
    with pytest.raises(ValidationError):
        contact_services.contact_log_create(
            alter=zus, date=dt.date(2025, 1, 1), method="pigeon", actor=worker
        )
    assert not ContactAction.objects.exists()


@pytest.mark.parametrize("junk", ["", "x" * 5000, "-1", "99999999999999999999", "\u0000"])
def test_junk_contact_changes_nothing(worker_client, url, junk):
    data = {"action": "contact", "alter": junk, "date": junk, "method": junk, "note": junk}
    assert worker_client.post(url, data).status_code in (200, 400)
    assert not ContactAction.objects.exists()
