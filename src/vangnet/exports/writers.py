"""Turning tables into files: XLSX (openpyxl), CSV and ZIP.

Every text cell goes through `core.text.safe_cell`: control characters that an XLSX file
cannot hold are removed (so stored text never breaks an export), and a value that a
spreadsheet could read as a formula (it starts with = + - @, a tab or a carriage return, also
behind spaces or zero-width characters, also as fullwidth "＝") gets a leading apostrophe, so
opening the file never runs anything (CSV/formula injection, OWASP).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from vangnet.core.text import safe_cell, strip_unsafe_characters

__all__ = ["Table", "csv_bytes", "iso_week", "safe_cell", "xlsx_bytes", "zip_bytes"]

SHEET_BAD_CHARS = re.compile(r"[\[\]:*?/\\]")


def iso_week(day: dt.date | None) -> str:
    """The ISO week of a date as "2025-W07" (empty for no date)."""
    if day is None:
        return ""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class Table:
    """One table of an export: a sheet in XLSX, a file in CSV."""

    key: str  # file and sheet name
    title: str
    headers: list[str]
    rows: list[list[Any]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """The table as CSV: UTF-8 with a byte-order mark (Excel reads the accents), comma
    separated, every text cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(_text(h)) for h in table.headers])
    for row in table.rows:
        writer.writerow([safe_cell(_text(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def _sheet_title(text: str, used: set[str]) -> str:
    title = SHEET_BAD_CHARS.sub(" ", strip_unsafe_characters(text))[:31] or "Blad"
    base, number = title, 2
    while title.lower() in used:
        suffix = f" {number}"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title.lower())
    return title


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, Promise):  # a lazy translation
        value = str(value)
    if isinstance(value, bool):
        return 1 if value else 0
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    return safe_cell(value)


def xlsx_bytes(tables: Sequence[Table], *, info: Iterable[tuple[str, str]] = ()) -> bytes:
    """The tables as one workbook, a sheet per table (header row in bold), plus an
    optional first sheet with information about the export. Text cells are neutralised."""
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    bold = Font(bold=True)
    info = list(info)
    if info:
        sheet = workbook.create_sheet(_sheet_title("info", used))
        for label, text in info:
            sheet.append([safe_cell(str(label)), safe_cell(str(text))])
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.key, used))
        sheet.freeze_panes = "A2"
        header = []
        for text in table.headers:
            cell = WriteOnlyCell(sheet, value=safe_cell(str(text)))
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bytes(files: Sequence[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
