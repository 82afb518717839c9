"""`vangnet apply-retention`: participants inactive for more than N months are anonymised;
the dry run reports and changes nothing."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tests.factories import ParticipantFactory, SessionFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance
from vangnet.participants.models import Participant, RouteEvent
from vangnet.privacy.models import ErasureRecord
from vangnet.privacy.selectors import months_before


def _attend(participant, day):
    session = SessionFactory(network=participant.network, date=day)
    Attendance.objects.create(session=session, participant=participant)


@pytest.fixture
def people(network):
    today = timezone.localdate()
    old_day = today - dt.timedelta(days=800)
    left = ParticipantFactory(network=network, display_name="Oud", phone="0612")
    _attend(left, old_day)
    RouteEvent.objects.create(
        participant=left, stage="dropped_out", date=old_day + dt.timedelta(days=7)
    )
    stayed = ParticipantFactory(network=network, display_name="Blijft")
    _attend(stayed, old_day - dt.timedelta(days=7))
    _attend(stayed, today - dt.timedelta(days=30))
    Participant.objects.filter(pk__in=[left.pk, stayed.pk]).update(
        created_at=timezone.now() - dt.timedelta(days=900)
    )
    return left, stayed


def test_dry_run_reports_and_changes_nothing(people):
    left, stayed = people
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    report = out.getvalue()
    assert "Would anonymise 1 participant" in report
    assert f"#{left.pk} " in report and f"#{stayed.pk} " not in report
    assert "route ended" in report
    assert "Oud" not in report  # the report names no one
    left.refresh_from_db()
    assert left.display_name == "Oud"
    assert not ErasureRecord.objects.exists()


def test_apply_anonymises_only_those_who_left(people):
    left, stayed = people
    call_command("apply_retention", stdout=StringIO())
    left.refresh_from_db()
    stayed.refresh_from_db()
    assert left.display_name.startswith("Verwijderde deelnemer") and left.phone == ""
    assert stayed.display_name == "Blijft"
    assert ErasureRecord.objects.get().reason == "retention"
    assert AuditEvent.objects.filter(action="delete", detail="erasure:retention").count() == 1
    assert Attendance.objects.filter(participant=left).count() == 1
    # Running again changes nothing more.
    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Anonymised 0" in out.getvalue()


def test_months_option_moves_the_cut_off(people):
    left, stayed = people
    out = StringIO()
    call_command("apply_retention", "--dry-run", "--months", "36", stdout=out)
    assert "Would anonymise 0" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("apply_retention", "--months", "0")


def test_recent_newcomer_without_attendance_is_kept(network):
    ParticipantFactory(network=network)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Would anonymise 0" in out.getvalue()


def test_months_before_handles_month_ends():
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 24) == dt.date(2024, 1, 15)


def test_dashed_command_name_is_accepted():
    from vangnet.cli import DASHED_COMMANDS

    assert DASHED_COMMANDS["apply-retention"] == "apply_retention"


def test_retention_counts_from_last_activity_not_from_creation(network):
    """Finding 14.5: someone imported today from an old list (last visit three years ago)
    was kept 24 months from the import date."""
    from vangnet.privacy.selectors import retention_candidates

    imported = ParticipantFactory(network=network, display_name="Uit oude lijst")
    _attend(imported, timezone.localdate() - dt.timedelta(days=3 * 365))
    found = retention_candidates(today=timezone.localdate(), months=24)
    assert [item.participant.pk for item in found] == [imported.pk]
    assert found[0].last_activity == timezone.localdate() - dt.timedelta(days=3 * 365)
