import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import OrganisationFactory
from vangnet.audit.models import AuditEvent
from vangnet.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_audit_rows_cannot_be_changed_or_deleted(worker):
    event = audit_record(actor=worker, action="view", object_type="x", object_id=1)
    event.detail = "changed"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()


def test_unknown_action_is_refused(worker):
    with pytest.raises(ValueError):
        audit_record(actor=worker, action="peek")


def test_admin_sees_only_own_organisation_events(client, org_admin, worker):
    audit_record(actor=worker, action="view", object_type="participants.participant", object_id=7)
    other = OrganisationFactory()
    AuditEvent.objects.create(organisation=other, action="view", actor_username="elders")
    login(client, org_admin)
    response = client.get(reverse("audit:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert worker.username in html
    assert "elders" not in html


def test_audit_filters_and_bad_filter_input(client, org_admin, worker):
    audit_record(actor=worker, action="view", object_type="participants.participant", object_id=7)
    login(client, org_admin)
    response = client.get(reverse("audit:list"), {"action": "export"})
    assert worker.username not in response.content.decode().split("<tbody>")[1]
    response = client.get(reverse("audit:list"), {"date_from": "gisteren", "pagina": "x"})
    assert response.status_code == 200


def test_audit_export_is_itself_audited(client, org_admin, worker):
    audit_record(actor=worker, action="view", object_type="participants.participant", object_id=7)
    login(client, org_admin)
    response = client.get(reverse("audit:export"))
    assert response.status_code == 200
    assert "participants.participant" in response.content.decode()
    assert AuditEvent.objects.filter(action="export", actor=org_admin).count() == 1


def test_only_admin_sees_audit(client, coordinator):
    login(client, coordinator)
    assert client.get(reverse("audit:list")).status_code == 403


def test_login_and_failed_login_are_audited(client, worker):
    from tests.factories import TEST_PASSWORD

    client.post(reverse("login"), {"username": worker.username, "password": "fout"})
    failed = AuditEvent.objects.get(action="login_failed")
    assert worker.username in failed.detail and "fout" not in failed.detail
    client.post(reverse("login"), {"username": worker.username, "password": TEST_PASSWORD})
    assert AuditEvent.objects.filter(action="login", actor=worker).count() == 1


def test_denied_request_is_audited(client, worker):
    login(client, worker)
    assert client.get(reverse("audit:list")).status_code == 403
    assert AuditEvent.objects.filter(action="denied", actor=worker).count() == 1
