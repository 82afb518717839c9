"""The four data exports: headers, rows, names for the lead worker, pseudonyms for the
coordinator, CSV and XLSX, formula injection."""

from __future__ import annotations

import re

import pytest

from tests.exports.helpers import all_cells, csv_rows, xlsx_sheets
from vangnet.exports.scope import data_scope
from vangnet.exports.services import export_build
from vangnet.exports.writers import safe_cell

PSEUDONYM = re.compile(r"^Deelnemer-[0-9a-f]{6}$")


def build(user, kind, fmt="xlsx", network=None):
    scope = data_scope(user, network_id=network.pk if network else None)
    return export_build(kind=kind, file_format=fmt, scope=scope)


def sheet(result, name):
    return xlsx_sheets(result.data)[name]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+31 6", "'+31 6"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Janneke", "Janneke"),
        (-2, -2),
        ("", ""),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_attendance_xlsx_for_the_lead_worker_has_names(data):
    result = build(data["lead"], "attendance", network=data["network"])
    assert result.filename.endswith(".xlsx")
    rows = sheet(result, "aanwezigheid")
    assert rows[0][:6] == ["Vangnetwerk", "Datum", "Week", "Bijeenkomst", "Deelnemer", "Bijdragen"]
    assert rows[0][6:] == ["Status", "Reden afmelding"]
    body = rows[1:]
    # Janneke 6x, Pieter 3x, the formula name once.
    assert len(body) == 10
    who = [row[4] for row in body]
    assert who.count("Janneke Vermeulen") == 6
    assert who.count("Pieter Bakker") == 3
    first = body[0]
    assert first[0] == data["network"].name
    assert first[1].date().isoformat() == "2025-01-08"
    assert first[2] == "2025-W02"
    janneke_first = next(r for r in body if r[4] == "Janneke Vermeulen")
    assert janneke_first[5] == "koken"
    # The other network is not in a one-network export.
    assert "Gerrit Smit" not in who


def test_formula_names_are_neutralised_in_xlsx_and_csv(data):
    xlsx = build(data["lead"], "attendance", network=data["network"])
    cells = all_cells(xlsx.data, "xlsx")
    assert '\'=HYPERLINK("http://evil")' in cells
    assert not any(cell.startswith("=") for cell in cells)
    csv_result = build(data["lead"], "attendance", "csv", network=data["network"])
    values = all_cells(csv_result.data, "csv")
    assert '\'=HYPERLINK("http://evil")' in values
    assert not any(value.startswith(("=", "+", "-", "@")) for value in values)


def test_coordinator_gets_stable_pseudonyms_and_no_names(data):
    result = build(data["coordinator"], "attendance")
    rows = sheet(result, "aanwezigheid")[1:]
    assert {row[0] for row in rows} == {data["network"].name, "Buurtschap Noord"}
    codes = [row[4] for row in rows]
    assert all(PSEUDONYM.match(code) for code in codes), codes
    # Four people, four codes; the same person has the same code in every row.
    assert len(set(codes)) == 4
    assert sorted(codes.count(code) for code in set(codes)) == [1, 1, 3, 6]
    cells = " ".join(all_cells(result.data, "xlsx"))
    for name in ("Janneke", "Pieter", "Gerrit", "HYPERLINK"):
        assert name not in cells


def test_pseudonyms_are_new_in_every_export(data):
    first = {row[4] for row in sheet(build(data["coordinator"], "attendance"), "aanwezigheid")[1:]}
    second = {row[4] for row in sheet(build(data["coordinator"], "attendance"), "aanwezigheid")[1:]}
    assert first.isdisjoint(second)


def test_routes_csv(data):
    result = build(data["lead"], "routes", "csv", network=data["network"])
    rows = csv_rows(result.data)
    header = rows[0]
    assert header[:8] == [
        "Vangnetwerk",
        "Deelnemer",
        "Hoe binnengekomen",
        "Fase nu",
        "Sinds",
        "Eerste bezoek",
        "Laatste bezoek",
        "Keer aanwezig",
    ]
    assert "Kennismaking (eerste keer)" in header and header[-1] == "Verloop"
    by_name = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"Janneke Vermeulen", "Pieter Bakker", '\'=HYPERLINK("http://evil")'}
    janneke = by_name["Janneke Vermeulen"]
    assert janneke["Hoe binnengekomen"] == "Doorverwezen door een partner"
    assert janneke["Eerste bezoek"] == "2025-01-08"
    assert janneke["Laatste bezoek"] == "2025-02-12"
    assert janneke["Keer aanwezig"] == "6"
    assert janneke["Uitgenodigd (eerste keer)"] == "2025-01-06"
    assert janneke["Kennismaking (eerste keer)"] == "2025-01-08"
    assert janneke["Verloop"].startswith("Uitgenodigd 2025-01-06 → Kennismaking 2025-01-08")


def test_ties_note_only_with_names(data):
    lead = sheet(build(data["lead"], "ties", network=data["network"]), "steunrelaties")
    assert lead[0] == [
        "Vangnetwerk",
        "Datum",
        "Week",
        "Van",
        "Aan",
        "Soort steun",
        "Buiten de groepstijden",
        "Korte notitie",
    ]
    assert lead[1][3:] == [
        "Pieter Bakker",
        "Janneke Vermeulen",
        "Praktische hulp",
        "ja",
        "Bracht Janneke naar het ziekenhuis",
    ]
    coordinator = sheet(build(data["coordinator"], "ties"), "steunrelaties")
    assert len(coordinator) == 3
    first = coordinator[1]
    assert PSEUDONYM.match(first[3]) and PSEUDONYM.match(first[4])
    assert first[7] is None  # the note is left out
    # Reciprocal: the giver of one tie is the receiver of the other.
    assert first[3] == coordinator[2][4] and first[4] == coordinator[2][3]


def test_answers_export(data):
    rows = sheet(build(data["lead"], "answers", network=data["network"]), "antwoorden")
    assert rows[0][:3] == ["Vangnetwerk", "Deelnemer", "Vragenlijst"]
    body = rows[1:]
    # Only the completed response: three answers.
    assert len(body) == 3
    by_key = {row[6]: row for row in body}
    assert by_key["meedoen"][8:10] == [8, 4]
    assert by_key["vaker"][10] == "ja"
    assert by_key["thuis"][11] == "Ik voel me thuis bij Pieter"
    assert by_key["meedoen"][1] == "Janneke Vermeulen"
    assert by_key["meedoen"][5].date().isoformat() == "2025-02-20"
    coordinator = sheet(build(data["coordinator"], "answers"), "antwoorden")[1:]
    assert len(coordinator) == 3
    assert all(PSEUDONYM.match(row[1]) for row in coordinator)
    assert all(row[11] is None for row in coordinator)  # no open answers


def test_xlsx_has_an_info_sheet(data):
    sheets = xlsx_sheets(build(data["coordinator"], "routes").data)
    assert list(sheets) == ["info", "routes"]
    info = dict((row[0], row[1]) for row in sheets["info"])
    assert info["Namen"] == "deelnemers met een code in plaats van hun naam"


def test_queries_are_bounded_per_network(data, django_assert_max_num_queries):
    scope = data_scope(data["coordinator"])
    with django_assert_max_num_queries(4 * len(scope.networks) + 2):
        export_build(kind="attendance", file_format="csv", scope=scope)


def test_free_text_escapes_pseudonymisation_contribution_texts_are_not_exported(data):
    """Finding 14.2: "koken met Zwaantje" typed on the session screen named a person in the
    coordinator's pseudonymised export. Only the activities' own tasks are shown there."""
    from tests.factories import ActivityFactory
    from vangnet.networks.models import Contribution, Session

    first = Session.objects.filter(network=data["network"]).order_by("date").first()
    first.activities.add(ActivityFactory(network=data["network"], tasks=["afwassen"]))
    Contribution.objects.create(session=first, participant=data["janneke"], task="afwassen")
    Contribution.objects.create(
        session=first, participant=data["janneke"], task="koken met Zwaantje"
    )
    Session.objects.filter(pk=first.pk).update(title="Afscheid van Zwaantje")
    for fmt in ("xlsx", "csv"):
        result = build(data["coordinator"], "attendance", fmt)
        cells = " ".join(all_cells(result.data, fmt))
        assert "Zwaantje" not in cells
        assert "afwassen" in cells and "(eigen omschrijving)" in cells
    named = " ".join(
        all_cells(build(data["lead"], "attendance", network=data["network"]).data, "xlsx")
    )
    assert "koken met Zwaantje" in named
