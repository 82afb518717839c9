"""The streaming XLSX writer: every kind of value reads back as openpyxl wrote it."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from vangnet.exports.writers import Table, xlsx_bytes
from vangnet.exports.xlsx import column_letter


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_values_read_back_and_the_header_is_bold_and_frozen():
    rows = [
        [
            "tekst & <tag>",
            " spaties ",
            7,
            2.5,
            Decimal("-9.99"),
            True,
            dt.date(2025, 2, 3),
            dt.datetime(2025, 2, 3, 14, 30),
            None,
            "",
            "=1+1",
            gettext_lazy("ja"),
        ],
        ["regel\nnieuw", *range(30)],  # wider than the first row: letters past Z
    ]
    data = xlsx_bytes(
        [Table(key="a/b:c", title="t", headers=["Kop", "@kop"], rows=iter(rows))],
        info=[("Export", "x")],
    )
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["info", "a b c"]
    assert [list(r) for r in workbook["info"].iter_rows(values_only=True)] == [["Export", "x"]]
    sheet = workbook["a b c"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b and sheet["B1"].value == "'@kop"
    assert not sheet["A2"].font.b
    read = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert read[1][:12] == [
        "tekst & <tag>",
        " spaties ",
        7,
        2.5,
        -9.99,
        1,
        dt.datetime(2025, 2, 3),
        dt.datetime(2025, 2, 3, 14, 30),
        None,
        None,
        "'=1+1",
        "ja",
    ]
    assert read[2][:3] == ["regel\nnieuw", 0, 1] and read[2][30] == 29
