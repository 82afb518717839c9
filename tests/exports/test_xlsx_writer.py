"""The streaming XLSX writer: every kind of value reads back as openpyxl wrote it."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from vangnet.exports.writers import Table, _cell_text, xlsx_bytes
from vangnet.exports.xlsx import XlsxWriter, column_letter


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


class _ReferencedCells(XlsxWriter):
    """The writer as it was before cells were made once per value: every cell with its
    reference, made anew (the old `_cells`, kept here to compare the two)."""

    def _cells(self, row, number):
        parts = [f'<row r="{number}">']
        for position, value in enumerate(row):
            if value is None:
                continue
            xml = self._cell(value)
            if xml:
                parts.append(f'<c r="{column_letter(position)}{number}"{xml[2:]}')
        parts.append("</row>")
        return "".join(parts)


def _read(data: bytes) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(data))
    return {
        name: [list(row) for row in workbook[name].iter_rows(values_only=True)]
        for name in workbook.sheetnames
    }


def _write(writer_class, rows) -> bytes:
    buffer = io.BytesIO()
    book = XlsxWriter.__new__(writer_class)
    XlsxWriter.__init__(book, buffer, text=_cell_text)
    book.sheet("blad", iter(rows), header=["Kop", "", "=kop"])
    book.close()
    return buffer.getvalue()


VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", "aanwezig", "=1+1", "a & <b>", " x ", "-3", "1"]),
    st.text(max_size=6),
    st.integers(-3, 3),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-5, max_value=5),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(VALUES, max_size=30), max_size=12))
def test_cells_made_once_per_value_read_back_as_the_referenced_cells(rows):
    """Leaving out the cell references (except after a gap) and making each distinct
    value's cell once gives the same workbook content as every cell with its reference:
    gaps (None, ""), repeated values, 1 / True / 1.0 / Decimal, texts that need escaping
    or neutralising, rows past column Z."""
    new, old = _write(XlsxWriter, rows), _write(_ReferencedCells, rows)
    assert _read(new) == _read(old)
    with zipfile.ZipFile(io.BytesIO(new)) as a, zipfile.ZipFile(io.BytesIO(old)) as b:
        # the same shared strings, with the same reference count
        assert a.read("xl/sharedStrings.xml") == b.read("xl/sharedStrings.xml")


PLAIN = st.one_of(
    st.none(),
    st.sampled_from(["aanwezig", "=1+1", "a & <b>", "-3", "1", ""]),
    st.text(max_size=4),
    st.integers(-3, 3),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(PLAIN, max_size=20), max_size=12), st.lists(VALUES, max_size=6))
def test_rows_of_texts_numbers_and_dates_read_back_as_the_referenced_cells(rows, other):
    """The rows the exports write most (texts, whole numbers, dates and gaps, looked up in
    one pass), mixed with rows of every kind of value: the same content and shared strings as
    every cell with its reference."""
    rows = [*rows, other, *rows]
    new, old = _write(XlsxWriter, rows), _write(_ReferencedCells, rows)
    assert _read(new) == _read(old)
    with zipfile.ZipFile(io.BytesIO(new)) as a, zipfile.ZipFile(io.BytesIO(old)) as b:
        assert a.read("xl/sharedStrings.xml") == b.read("xl/sharedStrings.xml")
