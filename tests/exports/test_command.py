"""`vangnet export`: the same service from the command line, always with pseudonyms."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from tests.exports.helpers import csv_rows, xlsx_sheets, zip_files
from vangnet.audit.models import AuditEvent


def test_command_writes_an_xlsx(data, tmp_path):
    out = tmp_path / "aanwezigheid.xlsx"
    call_command(
        "export",
        "attendance",
        organisation=data["organisation"].pk,
        output=str(out),
        no_progress=True,
    )
    rows = xlsx_sheets(out.read_bytes())["aanwezigheid"]
    assert len(rows) == 12  # header + 11 attendances
    assert "Janneke Vermeulen" not in {row[4] for row in rows}
    event = AuditEvent.objects.get(action="export")
    assert event.actor is None and event.organisation == data["organisation"]
    assert event.detail == "attendance organisation cli xlsx"


def test_command_one_network_csv(data, tmp_path):
    out = tmp_path / "routes.csv"
    call_command(
        "export",
        "routes",
        organisation=data["organisation"].pk,
        network=data["other"].pk,
        file_format="csv",
        output=str(out),
        no_progress=True,
    )
    rows = csv_rows(out.read_bytes())
    assert len(rows) == 2 and rows[1][0] == "Buurtschap Noord"


def test_command_research_zip_with_progress_bar(data, tmp_path, capsys):
    out = tmp_path / "onderzoek.zip"
    call_command("export", "research", organisation=data["organisation"].pk, output=str(out))
    assert "README.md" in zip_files(out.read_bytes())


def test_command_refuses_a_network_of_another_organisation(data, tmp_path):
    from tests.factories import NetworkFactory

    foreign = NetworkFactory()
    with pytest.raises(CommandError):
        call_command(
            "export",
            "ties",
            organisation=data["organisation"].pk,
            network=foreign.pk,
            output=str(tmp_path / "x.csv"),
            no_progress=True,
        )


def test_command_refuses_a_wrong_format(data, tmp_path):
    with pytest.raises(CommandError):
        call_command(
            "export",
            "ties",
            organisation=data["organisation"].pk,
            file_format="zip",
            output=str(tmp_path / "x.zip"),
            no_progress=True,
        )
