"""`vangnet import-attendance FILE --network ID [--create-participants] [--dry-run]`."""

import datetime as dt
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import ActivityFactory, ParticipantFactory
from vangnet import cli
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance, Session
from vangnet.participants.models import Participant

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "import_samples"


@pytest.fixture
def people(network):
    ActivityFactory(network=network, name="Lunch")
    for name in ("Anna", "Bert", "Cor"):
        ParticipantFactory(network=network, display_name=name)


@pytest.fixture(autouse=True)
def keep_test_connection(monkeypatch):
    """run_from_argv closes every connection when it ends; in a test that would close the
    connection that holds the test transaction (PostgreSQL)."""
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)


def run(argv, capsys):
    """Run the console script as a user would; return (exit code, stdout, stderr)."""
    old = sys.argv
    sys.argv = ["vangnet", *argv]
    try:
        cli.main()
        code = 0
    except SystemExit as exc:
        code = exc.code or 0
    finally:
        sys.argv = old
    out, err = capsys.readouterr()
    return code, out, err


def test_dashed_command_imports_a_valid_file(network, people, capsys):
    path = str(SAMPLES / "valid_semicolon_bom.csv")
    code, out, err = run(["import-attendance", path, "--network", str(network.pk)], capsys)
    assert code == 0, err
    assert "Geïmporteerd" in out and "keer aanwezig toegevoegd" in out
    assert Attendance.objects.filter(session__network=network).count() == 4
    record = AuditEvent.objects.get(action="import")
    assert record.actor is None and record.organisation == network.organisation

    code, out, _ = run(["import_attendance", path, "--network", str(network.pk)], capsys)
    assert code == 0
    assert Attendance.objects.filter(session__network=network).count() == 4


def test_invalid_file_exits_1_with_the_report_on_stderr(network, people, capsys):
    path = str(SAMPLES / "bad_rows.csv")
    code, out, err = run(["import-attendance", path, "--network", str(network.pk)], capsys)
    assert code == 1
    assert "Rij 3, kolom datum" in err and "Rij 6, kolom deelnemer" in err
    assert "Er is niets opgeslagen" in err
    assert not Session.objects.exists()


def test_dry_run_writes_nothing(network, people, capsys):
    path = str(SAMPLES / "valid_semicolon_bom.csv")
    code, out, _ = run(
        ["import-attendance", path, "--network", str(network.pk), "--dry-run"], capsys
    )
    assert code == 0 and "Bij importeren" in out
    assert not Session.objects.exists()
    bad = str(SAMPLES / "bad_rows.csv")
    code, _, err = run(
        ["import-attendance", bad, "--network", str(network.pk), "--dry-run"], capsys
    )
    assert code == 1 and "Rij 3" in err


def test_create_participants_flag(network, people, capsys):
    path = str(SAMPLES / "unknown_participant.csv")
    code, _, err = run(["import-attendance", path, "--network", str(network.pk)], capsys)
    assert code == 1 and "geen deelnemer van dit vangnetwerk" in err
    code, out, err = run(
        ["import-attendance", path, "--network", str(network.pk), "--create-participants"],
        capsys,
    )
    assert code == 0, err
    assert Participant.objects.filter(network=network, display_name="Nieuwe Naam").exists()


def test_usage_errors_exit_2(network, people, capsys, tmp_path):
    path = str(SAMPLES / "valid_semicolon_bom.csv")
    code, _, err = run(["import-attendance", path, "--network", "999999"], capsys)
    assert code == 2 and "bestaat niet" in err
    missing = str(tmp_path / "nergens.csv")
    code, _, err = run(["import-attendance", missing, "--network", str(network.pk)], capsys)
    assert code == 2 and "Kan" in err
    code, _, err = run(
        ["import-attendance", path, "--network", str(network.pk), "--user", "niemand"], capsys
    )
    assert code == 2


def test_user_option_is_recorded_as_actor(network, people, worker):
    call_command(
        "import_attendance",
        str(SAMPLES / "valid_comma_english.csv"),
        network=network.pk,
        user=worker.username,
    )
    assert AuditEvent.objects.get(action="import").actor == worker
    assert Session.objects.get(network=network).date == dt.date(2025, 1, 8)


def test_command_imports_announced_absences_and_counts_them(network, people, capsys):
    from vangnet.networks.models import AnnouncedAbsence

    path = str(SAMPLES / "with_absences.csv")
    code, out, err = run(["import-attendance", path, "--network", str(network.pk)], capsys)
    assert code == 0, err
    assert "afmeldingen toegevoegd" in out
    assert AnnouncedAbsence.objects.filter(session__network=network).count() == 3
    assert "afgemeld +3" in AuditEvent.objects.get(action="import").detail
