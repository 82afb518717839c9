"""Announced absences (afgemeld) in the attendance import: `aanwezig = afgemeld` with an
optional `reden` from the organisation's list. Old files (without them) import exactly as
before; a bad reason or a contribution with an absence rejects the file; control
characters and NUL in names never give a server error."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ActivityFactory, ParticipantFactory
from vangnet.networks.importing.checking import attendance_import_check
from vangnet.networks.importing.reading import ImportRejected
from vangnet.networks.importing.writing import attendance_import
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution
from vangnet.participants.models import FollowUpTask, Participant

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "import_samples"
TODAY = dt.date(2025, 3, 1)


@pytest.fixture
def people(network):
    ActivityFactory(network=network, name="Lunch")
    return {
        name: ParticipantFactory(network=network, display_name=name)
        for name in ("Anna", "Bert", "Cor")
    }


def run(network, worker, data, filename="bestand.csv", **kwargs):
    return attendance_import(
        network=network, source=data, filename=filename, actor=worker, today=TODAY, **kwargs
    )


def absences(network):
    return set(
        AnnouncedAbsence.objects.filter(session__network=network).values_list(
            "session__date", "participant__display_name", "reason"
        )
    )


def test_old_format_imports_as_before_without_absences(network, worker, people):
    result = run(network, worker, (SAMPLES / "valid_semicolon_bom.csv").read_bytes())
    assert result.as_dict() == {
        "rows": 5,
        "sessions_created": 2,
        "sessions_updated": 0,
        "sessions_unchanged": 0,
        "attendance_added": 4,
        "attendance_present": 0,
        "contributions_added": 3,
        "contributions_present": 0,
        "participants_created": 0,
        "absent_rows": 1,  # "nee": not there, no announced absence
        "absences_added": 0,
        "absences_present": 0,
        "dry_run": False,
    }
    assert not AnnouncedAbsence.objects.exists()


def test_new_format_imports_absences_with_reasons(network, worker, people):
    result = run(network, worker, (SAMPLES / "with_absences.csv").read_bytes())
    assert (result.rows, result.attendance_added, result.absences_added) == (5, 2, 3)
    assert result.absent_rows == 0
    assert absences(network) == {
        (dt.date(2025, 1, 8), "Bert", "ziek"),  # the list's spelling
        (dt.date(2025, 1, 8), "Cor", ""),
        (dt.date(2025, 1, 15), "Anna", "vakantie"),
    }
    assert not Attendance.objects.filter(participant=people["Cor"]).exists()
    again = run(network, worker, (SAMPLES / "with_absences.csv").read_bytes())
    assert (again.absences_added, again.absences_present) == (0, 3)
    assert len(absences(network)) == 3


def test_an_imported_absence_is_not_a_missed_session(network, worker, people):
    run(network, worker, (SAMPLES / "with_absences.csv").read_bytes())
    assert not FollowUpTask.objects.filter(participant=people["Cor"]).exists()


def test_presence_already_stored_wins_over_an_imported_absence(network, worker, people):
    run(network, worker, b"datum;deelnemer\n08-01-2025;Bert\n")
    result = run(network, worker, b"datum;deelnemer;aanwezig\n08-01-2025;Bert;afgemeld\n")
    assert (result.absences_added, result.absences_present) == (0, 1)
    assert not AnnouncedAbsence.objects.exists()
    assert Attendance.objects.filter(participant=people["Bert"]).count() == 1


@pytest.mark.parametrize(
    "content, column, fragment",
    [
        (b"datum;deelnemer;aanwezig;reden\n08-01-2025;Anna;afgemeld;ruzie\n", "reden", "lijst"),
        (b"datum;deelnemer;aanwezig;reden\n08-01-2025;Anna;ja;ziek\n", "reden", "afmelding"),
        (b"datum;deelnemer;reden\n08-01-2025;Anna;ziek\n", "reden", "afmelding"),
        (
            b"datum;deelnemer;aanwezig;bijdrage\n08-01-2025;Anna;afgemeld;koken\n",
            "bijdrage",
            "niet was",
        ),
        (b"datum;deelnemer;aanwezig\n08-01-2025;Anna;misschien\n", "aanwezig", "afgemeld"),
    ],
)
def test_bad_absence_rows_reject_the_file(network, worker, people, content, column, fragment):
    check = attendance_import_check(network=network, source=content, filename="x.csv", today=TODAY)
    assert not check.is_valid
    assert [error.column for error in check.errors] == [column]
    assert fragment in check.errors[0].message
    with pytest.raises(ImportRejected):
        run(network, worker, content)
    assert not AnnouncedAbsence.objects.exists() and not Attendance.objects.exists()


@pytest.mark.parametrize(
    "name", ["An\x00na", "An\x07na", "\x1bAnna", "Anna\u202e", "An\x00", "\x00\x01"]
)
def test_control_characters_in_names_never_give_a_server_error(network, worker, people, name):
    """The reader strips control characters (nobody to ask about them in a file); a name
    that is then empty or unknown is a row error, never an exception."""
    content = ("datum;deelnemer;aanwezig\n08-01-2025;" + name + ";afgemeld\n").encode()
    check = attendance_import_check(
        network=network, source=content, filename="x.csv", create_participants=True, today=TODAY
    )
    if check.is_valid:
        run(network, worker, content, create_participants=True)
        names = set(
            Participant.objects.filter(network=network).values_list("display_name", flat=True)
        )
        assert all("\x00" not in n and "\x07" not in n and "\x1b" not in n for n in names)
    else:
        assert check.errors[0].column in {"deelnemer", ""}


def test_control_characters_in_xlsx_names_never_give_a_server_error(worker_client, network, people):
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["datum", "deelnemer", "aanwezig", "reden"])
    workbook.active.append(["08-01-2025", "Ann\ta", "afgemeld", "zi\tek"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("lijst.xlsx", buffer.getvalue())
    url = reverse("networks:import", args=[network.pk])
    response = worker_client.post(url, {"file": upload, "action": "check"})
    assert response.status_code in {200, 400}
    assert not AnnouncedAbsence.objects.exists()
    assert not Contribution.objects.exists()
