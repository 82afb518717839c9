"""Finding 14.5 "the audit table can be changed by the application's database user": a
trigger refuses UPDATE and DELETE of audit rows in the database itself (SQLite and
PostgreSQL); deleting a user or organisation still works (SET NULL), and the documented
retention path (`apply-retention --audit-months`) and flush still delete."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.audit.services import audit_events_purge, audit_record

pytestmark = pytest.mark.django_db


def _refused(sql, params=()):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_audit_rows_are_append_only_in_the_database(worker):
    event = audit_record(actor=worker, action="view", object_type="x", detail="echt")
    _refused("UPDATE audit_auditevent SET detail = 'vervalst' WHERE id = %s", [event.pk])
    _refused("UPDATE audit_auditevent SET actor_username = 'iemand' WHERE id = %s", [event.pk])
    _refused("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(detail="vervalst")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    event.refresh_from_db()
    assert event.detail == "echt"


def test_deleting_a_user_or_organisation_still_works(worker):
    organisation = OrganisationFactory()
    colleague = UserFactory(organisation=organisation)
    event = audit_record(actor=colleague, action="view", object_type="x")
    colleague.delete()
    event.refresh_from_db()
    assert event.actor_id is None and event.actor_username == colleague.username
    organisation.delete()
    event.refresh_from_db()
    assert event.organisation_id is None


def test_apply_retention_audit_months_deletes_only_old_rows(worker):
    new = audit_record(actor=worker, action="view", object_type="x")
    with connection.cursor() as cursor:  # auto_now_add: an old row only by hand
        cursor.execute(
            "INSERT INTO audit_auditevent (at, actor_username, action, object_type, object_id,"
            " detail, path) VALUES (%s, '', 'view', 'oud', '', '', '')",
            [timezone.now() - dt.timedelta(days=800)],
        )
    out = StringIO()
    call_command("apply_retention", "--audit-months", "24", "--dry-run", stdout=out)
    assert "Would delete 1 audit row(s)" in out.getvalue()
    assert AuditEvent.objects.filter(object_type="oud").exists()
    call_command("apply_retention", "--audit-months", "24", stdout=out)
    assert "Deleted 1 audit row(s)" in out.getvalue()
    assert not AuditEvent.objects.filter(object_type="oud").exists()
    assert AuditEvent.objects.filter(pk=new.pk).exists()
    assert audit_events_purge(before=timezone.now() - dt.timedelta(days=1)) == 0
    # Outside the purge the trigger is back.
    _refused("DELETE FROM audit_auditevent WHERE id = %s", [new.pk])


@pytest.mark.django_db(transaction=True)
def test_flush_still_empties_the_audit_table(worker):
    audit_record(actor=worker, action="view", object_type="x")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
