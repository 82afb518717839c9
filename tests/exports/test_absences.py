"""Announced absences (afgemeld) in the exports: the attendance table has a row for each
with its reason (a typed reason only where names may be shown), the research export counts
them per week without the reason, and the data dictionary describes the column."""

from __future__ import annotations

import pytest

from tests.exports.helpers import csv_rows, xlsx_sheets, zip_files
from vangnet.exports.research import DICTIONARY
from vangnet.exports.scope import data_scope, research_scope
from vangnet.exports.services import export_build
from vangnet.networks.models import AnnouncedAbsence


@pytest.fixture
def absences(data):
    sessions = list(data["network"].sessions.order_by("date"))
    # Pieter missed weeks 1, 3 and 5: in week 1 he called in sick, in week 3 a typed reason.
    AnnouncedAbsence.objects.create(session=sessions[1], participant=data["pieter"], reason="ziek")
    AnnouncedAbsence.objects.create(
        session=sessions[3], participant=data["pieter"], reason="bij Janneke op bezoek"
    )
    return sessions


def rows_of(user, fmt, network=None):
    scope = data_scope(user, network_id=network.pk if network else None)
    result = export_build(kind="attendance", file_format=fmt, scope=scope)
    if fmt == "xlsx":
        rows = xlsx_sheets(result.data)["aanwezigheid"]
    else:
        rows = csv_rows(result.data)
    # An empty cell reads back as None from XLSX, "" from CSV.
    return [
        {k: "" if v is None else v for k, v in zip(rows[0], row, strict=True)} for row in rows[1:]
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_attendance_export_has_the_absences_and_their_reasons(data, absences, fmt):
    rows = rows_of(data["lead"], fmt, network=data["network"])
    assert len(rows) == 12  # 10 present, 2 announced absent
    pieter = [row for row in rows if row["Deelnemer"] == "Pieter Bakker"]
    assert [(row["Status"], row["Reden afmelding"]) for row in pieter] == [
        ("aanwezig", ""),
        ("afgemeld", "ziek"),
        ("aanwezig", ""),
        ("afgemeld", "bij Janneke op bezoek"),
        ("aanwezig", ""),
    ]
    assert all(row["Status"] == "aanwezig" for row in rows if row["Deelnemer"] != "Pieter Bakker")


def test_pseudonymised_attendance_export_keeps_listed_reasons_only(data, absences):
    rows = rows_of(data["coordinator"], "xlsx")
    absent = [row for row in rows if row["Status"] == "afgemeld"]
    assert sorted(row["Reden afmelding"] for row in absent) == ["(eigen omschrijving)", "ziek"]
    assert len({row["Deelnemer"] for row in absent}) == 1
    assert not any("Janneke" in str(value) for row in rows for value in row.values())


def test_research_export_counts_absences_per_week_without_reasons(data, absences):
    result = export_build(
        kind="research", file_format="zip", scope=research_scope(data["evaluator"])
    )
    files = zip_files(result.data)
    rows = csv_rows(files["attendance.csv"])
    header, body = rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert header == ["participant_id", "network_id", "week", "sessions", "announced_absent"]
    absent = [row for row in body if row["announced_absent"] != "0"]
    assert [(row["week"], row["sessions"], row["announced_absent"]) for row in absent] == [
        ("2025-W03", "0", "1"),
        ("2025-W05", "0", "1"),
    ]
    assert len(body) == 13  # 11 weeks present, 2 weeks only announced absent
    everything = b"".join(files.values()).decode("utf-8", "ignore")
    assert "ziek" not in everything.replace("ziekenhuis", "")
    assert "bij Janneke op bezoek" not in everything
    dictionary = csv_rows(files["data_dictionary.csv"])
    assert any(row[:2] == ["attendance", "announced_absent"] for row in dictionary)
    assert "announced_absent" in files["README.md"].decode()
    assert "announced_absent" in [column for column, *_ in DICTIONARY["attendance"][1]]
