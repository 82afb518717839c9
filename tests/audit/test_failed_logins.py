"""Finding 14.4 "failed logins invisible to the organisation's admin": a failed sign-in for
an account is stored with the account's organisation, so that organisation's admin (and no
other) sees it in the audit list and its CSV, never with the password that was tried."""

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
TRIED = "geheim-Wachtwoord-42"


def _fail(client, username):
    client.post(reverse("login"), {"username": username, "password": TRIED})
    client.logout()


def test_failed_logins_invisible_to_the_organisations_admin(client, worker, org_admin):
    foreign_admin = UserFactory(organisation=OrganisationFactory(), admin=True)
    _fail(client, worker.username)
    _fail(client, "niemand-bekend")

    event = AuditEvent.objects.get(action="login_failed", detail=f"username={worker.username}")
    assert event.organisation_id == worker.organisation_id
    assert (event.object_type, event.object_id) == ("organisations.user", str(worker.pk))
    unknown = AuditEvent.objects.get(action="login_failed", detail="username=niemand-bekend")
    assert unknown.organisation_id is None

    login(client, org_admin)
    page = client.get(reverse("audit:list"), {"action": "login_failed"}).content.decode()
    assert f"username={worker.username}" in page
    assert "niemand-bekend" not in page
    export = client.get(reverse("audit:export"), {"action": "login_failed"}).content.decode()
    assert f"username={worker.username}" in export
    assert TRIED not in page and TRIED not in export

    client.logout()
    login(client, foreign_admin)
    page = client.get(reverse("audit:list"), {"action": "login_failed"}).content.decode()
    assert worker.username not in page


def test_failed_logins_never_store_the_password_tried(client, worker):
    from django.apps import apps
    from django.db import models

    _fail(client, worker.username)
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                rows = model._base_manager.filter(**{f"{field.name}__icontains": TRIED})
                assert not rows.exists(), f"{model._meta.label}.{field.name}"
