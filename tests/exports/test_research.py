"""The research export: pseudonymised, coarsened to weeks, with a complete data dictionary."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied

from tests.exports.conftest import SECRETS
from tests.exports.helpers import all_cells, csv_rows, xlsx_sheets, zip_files
from vangnet.exports.research import DICTIONARY
from vangnet.exports.scope import research_scope
from vangnet.exports.services import export_build

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
WEEK = re.compile(r"^\d{4}-W\d{2}$")


def research(user, fmt="zip"):
    return export_build(kind="research", file_format=fmt, scope=research_scope(user))


def tables_of(result) -> dict[str, list[dict]]:
    files = zip_files(result.data)
    tables = {}
    for name in DICTIONARY:
        rows = csv_rows(files[f"{name}.csv"])
        tables[name] = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    return tables


def test_zip_holds_every_table_the_dictionary_and_a_readme(data):
    files = zip_files(research(data["evaluator"]).data)
    names = set(files)
    assert {f"{table}.csv" for table in DICTIONARY} <= names
    assert {"data_dictionary.csv", "README.md"} <= names
    workbook = next(name for name in names if name.endswith(".xlsx"))
    sheets = xlsx_sheets(files[workbook])
    assert set(sheets) == {*DICTIONARY, "dictionary"}


@pytest.mark.parametrize("fmt", ["zip", "xlsx"])
def test_no_names_contacts_or_notes_anywhere(data, fmt):
    cells = all_cells(research(data["coordinator"], fmt).data, fmt)
    text = "\n".join(cells)
    for secret in SECRETS:
        assert secret not in text, secret
    for participant in ("janneke", "pieter", "formula", "gerrit"):
        assert data[participant].display_name not in text
    # Nor the names of networks or workers.
    assert data["network"].name not in text
    assert data["lead"].username not in text


def test_dates_are_coarsened_to_weeks(data):
    result = research(data["evaluator"])
    files = zip_files(result.data)
    for name in [*DICTIONARY, "data_dictionary"]:
        for row in csv_rows(files[f"{name}.csv"]):
            for cell in row:
                assert not DAY.search(cell), (name, cell)
    tables = tables_of(result)
    for row in tables["attendance"]:
        assert WEEK.match(row["week"])
    janneke = [row for row in tables["participants"] if row["visits"] == "6"]
    assert len(janneke) == 1
    assert janneke[0]["first_week"] == "2025-W02"
    assert janneke[0]["invited_week"] == "2025-W02"
    assert janneke[0]["came_in_via"] == "referral"
    network = [row for row in tables["networks"] if row["participants"] == "3"][0]
    assert network["start_week"] == "2025-W02"
    assert network["exploration_week"] == "2025-W02"


def test_ids_are_random_consistent_and_new_every_export(data):
    first = tables_of(research(data["evaluator"]))
    second = tables_of(research(data["evaluator"]))
    people = {row["participant_id"] for row in first["participants"]}
    assert len(people) == 4
    assert all(re.match(r"^P-[0-9a-f]{8}$", p) for p in people)
    # Every reference points at a known participant and network.
    networks = {row["network_id"] for row in first["networks"]}
    assert len(networks) == 2
    for row in first["attendance"]:
        assert row["participant_id"] in people and row["network_id"] in networks
    for row in first["ties"]:
        assert {row["giver_id"], row["receiver_id"]} <= people
    for row in first["answers"]:
        assert row["participant_id"] in people
    # A new mapping every export: nothing links the two.
    assert people.isdisjoint({row["participant_id"] for row in second["participants"]})
    assert networks.isdisjoint({row["network_id"] for row in second["networks"]})


def test_attendance_ties_and_answers(data):
    tables = tables_of(research(data["evaluator"]))
    # Janneke 6 weeks, Pieter 3, the third person 1, Gerrit 1: one row per person-week.
    assert len(tables["attendance"]) == 11
    assert {row["sessions"] for row in tables["attendance"]} == {"1"}
    assert sorted((row["support_type"], row["outside_hours"]) for row in tables["ties"]) == [
        ("emotional", "0"),
        ("practical", "1"),
    ]
    # The open answer is left out; the completed response's other two answers are there.
    answers = tables["answers"]
    assert sorted(row["item_key"] for row in answers) == ["meedoen", "vaker"]
    meedoen = next(row for row in answers if row["item_key"] == "meedoen")
    assert (meedoen["value_now"], meedoen["value_then"]) == ("8", "4")
    assert meedoen["completed_week"] == "2025-W08"
    assert meedoen["questionnaire"] == "evaluatie"


def test_small_networks_are_flagged(data, settings):
    settings.VANGNET_SMALL_CELL_K = 3
    tables = tables_of(research(data["evaluator"]))
    flags = sorted((row["participants"], row["small_network"]) for row in tables["networks"])
    assert flags == [("1", "1"), ("3", "0")]


def test_dictionary_covers_every_column_of_every_table(data):
    files = zip_files(research(data["evaluator"]).data)
    described = {(row[0], row[1]) for row in csv_rows(files["data_dictionary.csv"])[1:]}
    readme = files["README.md"].decode()
    for table in DICTIONARY:
        header = csv_rows(files[f"{table}.csv"])[0]
        assert header, table
        for column in header:
            assert (table, column) in described, (table, column)
            assert f"`{column}`" in readme
        # And nothing described that the table lacks.
        assert {c for t, c in described if t == table} == set(header)
    for row in csv_rows(files["data_dictionary.csv"])[1:]:
        assert all(row), row  # meaning and coding are filled in
    workbook = next(name for name in files if name.endswith(".xlsx"))
    sheet = xlsx_sheets(files[workbook])["dictionary"]
    assert {(row[0], row[1]) for row in sheet[1:]} == described


def test_codes_are_written_out_in_the_dictionary(data):
    files = zip_files(research(data["evaluator"]).data)
    coding = {(row[0], row[1]): row[3] for row in csv_rows(files["data_dictionary.csv"])[1:]}
    assert "steady = Vaste deelnemer" in coding[("participants", "current_stage")]
    assert "practical = Praktische hulp" in coding[("ties", "support_type")]
    assert "build_up = Opbouw" in coding[("networks", "current_phase")]


@pytest.mark.parametrize("who", ["lead", "backup", "municipality", "admin"])
def test_research_scope_is_refused_without_the_capability(data, who):
    with pytest.raises(PermissionDenied):
        research_scope(data[who])


def test_the_documentation_lists_every_research_column():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "exports.md").read_text()
    for table, (_description, columns) in DICTIONARY.items():
        assert f"#### {table} ({table}.csv)" in text
        for column, _meaning, _coding in columns:
            assert f"| `{column}` |" in text, (table, column)


def test_research_queries_are_bounded_per_network(data, django_assert_max_num_queries):
    scope = research_scope(data["evaluator"])
    # per network, plus three: withdrawn consents, the people, every session's week
    with django_assert_max_num_queries(10 * len(scope.networks) + 3):
        export_build(kind="research", file_format="zip", scope=scope)


def test_research_workbook_holds_no_dates(data):
    import datetime as dt
    import io

    from openpyxl import load_workbook

    files = zip_files(research(data["evaluator"]).data)
    workbook = next(name for name in files if name.endswith(".xlsx"))
    book = load_workbook(io.BytesIO(files[workbook]))
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not isinstance(value, dt.date | dt.datetime), (sheet.title, value)
                assert not (isinstance(value, str) and DAY.search(value)), (sheet.title, value)
