"""Turning tables into files: XLSX (the streaming `exports.xlsx` writer), CSV and ZIP.

Every text cell goes through `core.text.safe_cell`: control characters that an XLSX file
cannot hold are removed (so stored text never breaks an export), and a value that a
spreadsheet could read as a formula (it starts with = + - @, a tab or a carriage return, also
behind spaces or zero-width characters, also as fullwidth "＝") gets a leading apostrophe, so
opening the file never runs anything (CSV/formula injection, OWASP).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import IO, Any

from vangnet.core.text import safe_cell, strip_unsafe_characters
from vangnet.exports.xlsx import XlsxWriter

__all__ = [
    "Table",
    "csv_and_xlsx_write",
    "csv_bytes",
    "csv_rows",
    "csv_write",
    "iso_week",
    "safe_cell",
    "xlsx_bytes",
    "xlsx_write",
    "zip_bytes",
]

SHEET_BAD_CHARS = re.compile(r"[\[\]:*?/\\]")
CACHE_LIMIT = 200_000  # distinct cell values whose CSV text is remembered
BATCH = 2000  # rows turned into CSV text at a time


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
    # A list, or any iterable of rows (e.g. a generator reading one network at a time: the
    # writers consume it once, as they go).
    rows: Any = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


class _CsvCells(dict):
    """value -> its CSV cell (neutralised text), made on first use, for the types rows
    mostly hold: text, whole numbers, dates and None. Only these are looked up, so equal
    keys are equal values of one type (a bool, float or Decimal, where 1 == True == 1.0,
    never is)."""

    def __missing__(self, value: Any) -> str:
        cell = safe_cell(value if type(value) is str else _text(value))
        if len(self) < CACHE_LIMIT:
            self[value] = cell
        return cell


CSV_PLAIN_TYPES = frozenset({str, int, dt.date, type(None)})


def csv_rows(table: Table, target: IO[bytes]) -> Iterator[Sequence[Any]]:
    """Yield the table's rows as they come and write each one as CSV into `target` as
    well: UTF-8 with a byte-order mark (Excel reads the accents), comma separated, every
    text cell neutralised (once per distinct value). The file is complete when the rows
    are exhausted, so another writer can consume the same rows in the same pass
    (`csv_and_xlsx_write`). Rows are turned into text in batches, encoded once per batch."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    target.write(codecs.BOM_UTF8)
    writer.writerow([safe_cell(_text(h)) for h in table.headers])
    cells = _CsvCells()
    cell_of = cells.__getitem__
    plain = CSV_PLAIN_TYPES.issuperset
    batch: list[list[str]] = []
    for row in table.rows:
        if plain(map(type, row)):
            batch.append(list(map(cell_of, row)))
        else:
            batch.append(
                [cell_of(v) if type(v) in CSV_PLAIN_TYPES else safe_cell(_text(v)) for v in row]
            )
        if len(batch) >= BATCH:
            writer.writerows(batch)
            batch = []
            target.write(text.getvalue().encode("utf-8"))
            text.seek(0)
            text.truncate()
        yield row
    writer.writerows(batch)
    target.write(text.getvalue().encode("utf-8"))


def csv_write(table: Table, target: IO[bytes]) -> None:
    """The table as CSV into `target` (see `csv_rows`). Rows are consumed as they come."""
    for _row in csv_rows(table, target):
        pass


def csv_bytes(table: Table) -> bytes:
    buffer = io.BytesIO()
    csv_write(table, buffer)
    return buffer.getvalue()


def _sheet_title(text: str, used: set[str]) -> str:
    title = SHEET_BAD_CHARS.sub(" ", strip_unsafe_characters(text))[:31] or "Blad"
    base, number = title, 2
    while title.lower() in used:
        suffix = f" {number}"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    used.add(title.lower())
    return title


def _cell_text(value: Any) -> Any:
    """Any value the XLSX writer does not write as a number or date: neutralised text."""
    return safe_cell(value if isinstance(value, str) else str(value))


def xlsx_write(
    tables: Iterable[Table], target: IO[bytes], *, info: Iterable[tuple[str, str]] = ()
) -> None:
    """The tables as one workbook written into `target`, a sheet per table (header row in
    bold, frozen), plus an optional first sheet with information about the export. Rows
    are consumed as they come (a table's rows may be a generator). Text cells are
    neutralised."""
    book = XlsxWriter(target, text=_cell_text)
    used: set[str] = set()
    info = [(str(label), str(text)) for label, text in info]
    if info:
        book.sheet(_sheet_title("info", used), info)
    for table in tables:
        book.sheet(
            _sheet_title(table.key, used), table.rows, header=[str(h) for h in table.headers]
        )
    book.close()


def csv_and_xlsx_write(
    tables: Iterable[Table],
    workbook: IO[bytes],
    csv_target: Callable[[Table], AbstractContextManager[IO[bytes]]],
) -> None:
    """Every table both as a CSV file (into `csv_target(table)`, opened while the table is
    written) and as a sheet of one workbook in `workbook`, as `csv_write` and `xlsx_write`
    make them, in one pass: each table's rows are read once, so a generator of rows feeds
    both files and is never made twice."""
    book = XlsxWriter(workbook, text=_cell_text)
    used: set[str] = set()
    for table in tables:
        with csv_target(table) as target:
            book.sheet(
                _sheet_title(table.key, used),
                csv_rows(table, target),
                header=[str(h) for h in table.headers],
            )
    book.close()


def xlsx_bytes(tables: Sequence[Table], *, info: Iterable[tuple[str, str]] = ()) -> bytes:
    buffer = io.BytesIO()
    xlsx_write(tables, buffer, info=info)
    return buffer.getvalue()


def zip_bytes(files: Sequence[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(name, data)
    return buffer.getvalue()
