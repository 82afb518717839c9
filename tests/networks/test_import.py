"""Attendance import: reading, validation per row, idempotent writing, the web page."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import login
from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.importing.checking import attendance_import_check, parse_date
from vangnet.networks.importing.reading import MAX_BYTES, MAX_ROWS, ImportRejected, read_table
from vangnet.networks.importing.writing import attendance_import
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.participants.models import Participant

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


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def run_import(network, worker, data, filename="bestand.csv", **kwargs):
    return attendance_import(
        network=network, source=data, filename=filename, actor=worker, today=TODAY, **kwargs
    )


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def stored(network):
    return (
        Session.objects.filter(network=network).count(),
        Attendance.objects.filter(session__network=network).count(),
        Contribution.objects.filter(session__network=network).count(),
        Participant.objects.filter(network=network).count(),
    )


# --------------------------------------------------------------------------- importing


def test_valid_csv_with_bom_and_semicolons_is_imported(network, worker, people):
    result = run_import(network, worker, sample("valid_semicolon_bom.csv"))

    assert (result.rows, result.sessions_created, result.attendance_added) == (5, 2, 4)
    assert result.contributions_added == 3 and result.absent_rows == 1
    first = Session.objects.get(network=network, date=dt.date(2025, 1, 8))
    assert first.recorded and first.note == "Eerste keer soep"
    assert [a.name for a in first.activities.all()] == ["Lunch"]
    assert set(first.attendances.values_list("participant__display_name", flat=True)) == {
        "Anna",
        "Bert",
    }
    assert set(first.contributions.values_list("task", flat=True)) == {"koken", "afwassen"}
    second = Session.objects.get(network=network, date=dt.date(2025, 1, 15))
    assert second.note == "Rustige week"
    assert second.attendances.filter(participant=people["Anna"]).exists()


def test_reimport_creates_no_duplicates(network, worker, people):
    run_import(network, worker, sample("valid_semicolon_bom.csv"))
    before = stored(network)

    again = run_import(network, worker, sample("valid_semicolon_bom.csv"))

    assert stored(network) == before
    assert (again.sessions_created, again.sessions_updated, again.sessions_unchanged) == (0, 0, 2)
    assert (again.attendance_added, again.attendance_present) == (0, 4)
    assert (again.contributions_added, again.contributions_present) == (0, 3)
    assert Session.objects.get(date=dt.date(2025, 1, 8)).note == "Eerste keer soep"


def test_comma_separated_english_headers(network, worker, people):
    result = run_import(network, worker, sample("valid_comma_english.csv"))
    assert result.attendance_added == 2
    assert Session.objects.get(network=network).note == "Eerste keer soep, lekker"


def test_valid_xlsx_with_real_dates_is_imported(network, worker, people):
    data = xlsx_bytes(
        [
            ["Datum", "Deelnemer", "Aanwezig", "Bijdrage"],
            [dt.datetime(2025, 1, 8), "Anna", "ja", "koken"],
            ["15-01-2025", "Bert", None, None],
            [None, None, None, None],
            [dt.date(2025, 1, 15), "Cor", True, "afwassen | koken"],
        ]
    )
    result = run_import(network, worker, data, filename="lijst.xlsx")
    assert (result.rows, result.sessions_created, result.attendance_added) == (3, 2, 3)
    assert Contribution.objects.filter(participant=people["Cor"]).count() == 2


def test_existing_session_is_used_and_marked_recorded(network, worker, people):
    session = SessionFactory(network=network, date=dt.date(2025, 1, 8), recorded=False)
    Attendance.objects.create(session=session, participant=people["Anna"])

    result = run_import(network, worker, b"datum;deelnemer\n08-01-2025;Anna\n08-01-2025;Bert\n")

    assert (result.sessions_created, result.sessions_updated) == (0, 1)
    assert (result.attendance_added, result.attendance_present) == (1, 1)
    session.refresh_from_db()
    assert session.recorded and session.version == 1
    assert Session.objects.filter(network=network).count() == 1


def test_new_session_gets_the_scheduled_activity_of_that_weekday(network, worker, people):
    # 08-01-2025 is a Wednesday; the Lunch fixture activity is on weekday 2 (Wednesday).
    run_import(network, worker, b"datum;deelnemer\n08-01-2025;Anna\n")
    assert list(Session.objects.get().activities.values_list("name", flat=True)) == ["Lunch"]


def test_one_bad_row_rejects_the_whole_file_with_a_report_per_row(network, worker, people):
    before = stored(network)
    with pytest.raises(ImportRejected) as caught:
        run_import(network, worker, sample("bad_rows.csv"))
    assert stored(network) == before
    errors = {(e.row, e.column) for e in caught.value.row_errors}
    assert errors == {(3, "datum"), (4, "deelnemer"), (5, "aanwezig"), (6, "deelnemer")}
    messages = [str(e) for e in caught.value.row_errors]
    assert "Rij 3, kolom datum: '31-02-2025' is geen geldige datum" in messages[0]
    assert any("al op rij 2" in m for m in messages)
    assert not AuditEvent.objects.filter(action="import").exists()


@pytest.mark.parametrize(
    ("content", "column", "fragment"),
    [
        (b"datum;deelnemer\n01-01-2020;Anna\n", "datum", "voor de start"),
        (b"datum;deelnemer\n01-01-2030;Anna\n", "datum", "toekomst"),
        (b"datum;deelnemer\n;Anna\n", "datum", "ontbreekt"),
        (b"datum;deelnemer;activiteit\n08-01-2025;Anna;Breien\n", "activiteit", "geen activiteit"),
        (b"datum;deelnemer;aanwezig;bijdrage\n08-01-2025;Anna;nee;koken\n", "bijdrage", "niet was"),
        (b"datum;deelnemer;bijdrage\n08-01-2025;Anna;" + b"x" * 121 + b"\n", "bijdrage", "120"),
        (b"datum;deelnemer;notitie\n08-01-2025;Anna;" + b"x" * 1001 + b"\n", "notitie", "1000"),
        (b"datum;deelnemer\n08-01-2025;" + b"A" * 81 + b"\n", "deelnemer", "80"),
        (b"datum;deelnemer\n08-01-2025;Anna;extra\n", "", "meer waarden"),
        (b"datum;deelnemer\n08-01-2025;Zoe\n", "deelnemer", "geen deelnemer"),
    ],
)
def test_row_errors(network, people, content, column, fragment):
    check = attendance_import_check(network=network, source=content, filename="x.csv", today=TODAY)
    assert [(e.row, e.column) for e in check.errors] == [(2, column)]
    assert fragment in check.errors[0].message
    assert check.summary is None and check.rows == []


@pytest.mark.parametrize(
    ("content", "filename", "fragment"),
    [
        (b"", "leeg.csv", "leeg"),
        (b"  \n\n", "leeg.csv", "leeg"),
        (b"datum;deelnemer\n", "kop.csv", "geen rijen"),
        (b"%PDF-1.4 whatever", "brief.pdf", ".csv- of .xlsx"),
        (b"\xd0\xcf\x11\xe0 old excel", "oud.xls", ".xlsx of als .csv"),
        (b"datum;deelnemer\n08-01-2025;Ren\xe9\n", "latin1.csv", "UTF-8"),
        (b"PK\x03\x04 not really a zip", "kapot.xlsx", "Excel-bestand"),
        (b"random words", "kapot.xlsx", "Excel-bestand"),
    ],
)
def test_file_errors(network, people, content, filename, fragment):
    check = attendance_import_check(network=network, source=content, filename=filename)
    assert len(check.errors) == 1 and check.errors[0].row is None
    assert fragment in check.errors[0].message


def test_header_errors(network, people):
    check = attendance_import_check(
        network=network, source=b"datum;naam;naam;kleur\n08-01-2025;Anna;Anna;rood\n"
    )
    assert {(e.row, e.column) for e in check.errors} == {(1, "deelnemer"), (1, "kleur")}
    check = attendance_import_check(network=network, source=b"deelnemer\nAnna\n")
    assert [(e.row, e.column) for e in check.errors] == [(1, "datum")]


def test_file_larger_than_5_mb_is_refused(network, people):
    data = b"datum;deelnemer\n" + b"08-01-2025;Anna\n" * (MAX_BYTES // 16 + 10)
    check = attendance_import_check(network=network, source=data, filename="groot.csv")
    assert "5 MB" in check.errors[0].message


def test_more_than_20000_rows_is_refused(network, people):
    rows = [["datum", "deelnemer"]] + [["08-01-2025", "Anna"]] * (MAX_ROWS + 1)
    check = attendance_import_check(network=network, source=rows)
    assert "meer dan 20000 rijen" in check.errors[0].message


def test_unknown_participant_is_an_error_without_the_flag(network, worker, people):
    with pytest.raises(ImportRejected) as caught:
        run_import(network, worker, sample("unknown_participant.csv"))
    assert [(e.row, e.column) for e in caught.value.row_errors] == [(3, "deelnemer")]
    assert not Participant.objects.filter(display_name="Nieuwe Naam").exists()


def test_unknown_participant_is_created_with_the_flag(network, worker, people):
    check = attendance_import_check(
        network=network,
        source=sample("unknown_participant.csv"),
        create_participants=True,
        today=TODAY,
    )
    assert check.new_names == {"nieuwe naam": "Nieuwe Naam"}
    assert not Participant.objects.filter(display_name="Nieuwe Naam").exists()

    result = run_import(
        network, worker, sample("unknown_participant.csv"), create_participants=True
    )

    created = Participant.objects.get(network=network, display_name="Nieuwe Naam")
    assert result.participants_created == 1
    assert created.invited_on == dt.date(2025, 1, 8)
    assert Attendance.objects.filter(participant=created).count() == 1
    assert AuditEvent.objects.filter(action="create", object_id=str(created.pk)).count() == 1
    again = run_import(network, worker, sample("unknown_participant.csv"), create_participants=True)
    assert again.participants_created == 0 and again.attendance_added == 0


def test_ambiguous_participant_name_is_an_error(network, people):
    ParticipantFactory(network=network, display_name="anna ")
    check = attendance_import_check(network=network, source=b"datum;deelnemer\n08-01-2025;Anna\n")
    assert "meer deelnemers" in check.errors[0].message


def test_participants_of_another_network_do_not_match(organisation, network, people):
    other = NetworkFactory(organisation=organisation)
    ParticipantFactory(network=other, display_name="Dirk")
    check = attendance_import_check(
        network=network, source=b"datum;deelnemer\n08-01-2025;Dirk\n", today=TODAY
    )
    assert [e.column for e in check.errors] == ["deelnemer"]


def test_check_writes_nothing_and_predicts_the_import(network, worker, people):
    data = sample("valid_semicolon_bom.csv")
    check = attendance_import_check(network=network, source=data, filename="a.csv", today=TODAY)
    assert check.is_valid and stored(network)[0] == 0
    result = run_import(network, worker, data)
    assert check.summary.as_dict() == result.as_dict()


def test_one_audit_record_per_import_without_personal_values(network, worker, people):
    run_import(network, worker, sample("valid_semicolon_bom.csv"))
    record = AuditEvent.objects.get(action="import")
    assert record.actor == worker and record.object_id == str(network.pk)
    assert "Anna" not in record.detail and "soep" not in record.detail


def test_date_parser():
    assert parse_date("5-2-2025") == dt.date(2025, 2, 5)
    assert parse_date("05/02/2025") == dt.date(2025, 2, 5)
    assert parse_date("2025-02-05") == dt.date(2025, 2, 5)
    assert parse_date(dt.datetime(2025, 2, 5, 0, 0)) == dt.date(2025, 2, 5)
    for bad in ("2025-13-01", "5 februari", "45678", "05-02-25"):
        with pytest.raises(ValueError):
            parse_date(bad)


def test_read_table_sniffs_the_separator():
    header, rows = read_table(b"datum,deelnemer\n08-01-2025,Anna\n", "a.csv")
    assert header == ["datum", "deelnemer"] and rows == [(2, ["08-01-2025", "Anna"])]
    header, rows = read_table(b"\xef\xbb\xbfdatum;deelnemer\r\n\r\n08-01-2025;Anna\r\n", "a.csv")
    assert header == ["datum", "deelnemer"] and rows == [(3, ["08-01-2025", "Anna"])]
    header, _ = read_table(b"datum\tdeelnemer\n08-01-2025\tAnna\n", "a.txt")
    assert header == ["datum", "deelnemer"]


# --------------------------------------------------------------------------- fuzzing


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600), name=st.sampled_from(["x.csv", "x.xlsx", "x", "x.txt"]))
def test_fuzz_random_bytes_never_raise(network, data, name):
    check = attendance_import_check(network=network, source=data, filename=name)
    assert check.is_valid or all(str(error) for error in check.errors)


CELL = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["08-01-2025", "2025-01-08", "ja", "nee", "Anna", "Lunch", "a|b", ""]),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELL, max_size=7), max_size=8),
    separator=st.sampled_from([";", ",", "\t"]),
    bom=st.booleans(),
)
def test_fuzz_random_text_never_raises(network, rows, separator, bom):
    header = "datum;deelnemer;aanwezig;bijdrage;activiteit;notitie".replace(";", separator)
    body = "\n".join(separator.join(row) for row in rows)
    text = ("\ufeff" if bom else "") + header + "\n" + body
    check = attendance_import_check(
        network=network, source=text.encode("utf-8", "surrogatepass"), filename="x.csv"
    )
    assert check.is_valid == (check.summary is not None)


# --------------------------------------------------------------------------- web page


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_page_shows_the_form(worker_client, network):
    response = worker_client.get(reverse("networks:import", args=[network.pk]))
    assert response.status_code == 200
    assert "Maak nieuwe deelnemers aan" in response.content.decode()


def test_check_only_shows_a_summary_and_writes_nothing(worker_client, network, people):
    response = worker_client.post(
        reverse("networks:import", args=[network.pk]),
        {"file": upload("week.csv", b"datum;deelnemer\n08-01-2025;Anna\n"), "action": "check"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "week.csv is in orde" in html and "Kies het bestand hieronder opnieuw" in html
    assert not Session.objects.exists()


def test_import_redirects_with_the_counts(worker_client, network, people):
    url = reverse("networks:import", args=[network.pk])
    response = worker_client.post(
        url, {"file": upload("week.csv", sample("valid_semicolon_bom.csv")), "action": "import"}
    )
    assert response.status_code == 302 and response.url == url
    assert Attendance.objects.filter(session__network=network).count() == 4
    html = worker_client.get(url).content.decode()
    assert "Klaar: dit is er gebeurd" in html and "Het bestand is geïmporteerd." in html
    assert "Klaar: dit is er gebeurd" not in worker_client.get(url).content.decode()


def test_invalid_file_shows_the_rows_and_writes_nothing(worker_client, network, people):
    response = worker_client.post(
        reverse("networks:import", args=[network.pk]),
        {"file": upload("fout.csv", sample("bad_rows.csv")), "action": "import"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "fout.csv is niet geïmporteerd: er zijn 4 fouten." in html
    assert "geen geldige datum" in html and "Er is niets opgeslagen" in html
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"file": "geen bestand"},
        {"file": upload("x.exe", b"MZ\x90\x00")},
        {"file": upload("x.xlsx", b"PK\x03\x04\x00\x00garbage")},
        {"file": upload("x.csv", bytes(range(256)) * 4), "action": "import"},
        {"file": upload("x.csv", b"\x00\x00\x00"), "action": "check"},
        {"file": upload("x.csv", b""), "action": "import"},
    ],
)
def test_garbage_uploads_never_give_a_server_error(worker_client, network, payload):
    response = worker_client.post(reverse("networks:import", args=[network.pk]), payload)
    assert response.status_code == 200
    assert not Session.objects.exists()


def test_template_download(worker_client, network):
    response = worker_client.get(reverse("networks:import_template", args=[network.pk]))
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("datum;deelnemer;aanwezig")


def test_permissions(client, organisation, network, coordinator):
    url = reverse("networks:import", args=[network.pk])
    assert login(client, coordinator).get(url).status_code == 403
    other = NetworkFactory()
    assert login(client, other.lead_worker).get(url).status_code == 404
    assert login(client, network.backup_worker).get(url).status_code == 200
    missing = reverse("networks:import", args=[999999])
    assert login(client, network.lead_worker).get(missing).status_code == 404


def test_csrf_is_required(csrf_client, network, worker):
    login(csrf_client, worker)
    response = csrf_client.post(
        reverse("networks:import", args=[network.pk]), {"file": upload("a.csv", b"x")}
    )
    assert response.status_code == 403


def test_large_import_makes_a_bounded_number_of_queries(
    network, worker, django_assert_max_num_queries
):
    names = [f"Deelnemer {n}" for n in range(20)]
    for name in names:
        ParticipantFactory(network=network, display_name=name)
    dates = [network.start_date + dt.timedelta(weeks=w) for w in range(100)]
    rows = [["datum", "deelnemer", "bijdrage"]] + [
        [day.isoformat(), name, "koken"] for day in dates for name in names
    ]
    with django_assert_max_num_queries(40):
        result = attendance_import(
            network=network, source=rows, actor=worker, today=dt.date(2027, 1, 1)
        )
    assert (result.sessions_created, result.attendance_added) == (100, 2000)
    assert Contribution.objects.filter(session__network=network).count() == 2000
