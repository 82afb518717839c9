"""Reading an attendance file (CSV or XLSX) into a header and numbered rows.

Part of the attendance import (docs/import.md); validation is in checking.py, writing in writing.py.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from vangnet.core.text import strip_unsafe_characters

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 40
MAX_XLSX_UNPACKED = 100 * 1024 * 1024
MAX_NAME = 80  # Participant.display_name
MAX_CONTRIBUTION = 120  # Contribution.task
MAX_ACTIVITY = 200
MAX_NOTE = 1000
MAX_SESSION_NOTE = 5000

# Canonical (Dutch) column name -> accepted header spellings (compared case-insensitively).
COLUMNS: dict[str, tuple[str, ...]] = {
    "datum": ("datum", "date"),
    "deelnemer": ("deelnemer", "naam", "participant", "name"),
    "aanwezig": ("aanwezig", "present", "attended"),
    "bijdrage": ("bijdrage", "bijdragen", "contribution", "contributions"),
    "activiteit": ("activiteit", "activity"),
    "notitie": ("notitie", "note", "notes"),
    "reden": ("reden", "reden afmelding", "afmeldreden", "reason", "absence reason"),
}
REQUIRED_COLUMNS = ("datum", "deelnemer")
YES = {"ja", "j", "yes", "y", "1", "x", "true", "waar", "aanwezig"}
NO = {"nee", "n", "no", "0", "false", "onwaar", "afwezig"}
# An announced absence (afgemeld): not present, not a missed session for the follow-up rule.
ANNOUNCED = {"afgemeld", "afmelding", "a", "announced", "excused"}


@dataclass(frozen=True)
class RowError:
    """One problem: `row` is the row number as a spreadsheet shows it (the header is row 1),
    None for the file as a whole; `column` the canonical column name or ""."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return _("Bestand: %(message)s") % {"message": self.message}
        if not self.column:
            return _("Rij %(row)d: %(message)s") % {"row": self.row, "message": self.message}
        return _("Rij %(row)d, kolom %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportRejected(ValidationError):
    """The file was not imported; `row_errors` says why, row by row."""

    def __init__(self, row_errors: Sequence[RowError]):
        self.row_errors = list(row_errors)
        super().__init__([str(error) for error in self.row_errors[:50]] or [_("Ongeldig.")])


# --------------------------------------------------------------------------- reading


def _reject(message: str, row: int | None = None, column: str = "") -> ImportRejected:
    return ImportRejected([RowError(row, column, message)])


def _read_bytes(source: Any) -> bytes:
    size = getattr(source, "size", None)
    if isinstance(size, int) and size > MAX_BYTES:
        raise _reject(_("Het bestand is groter dan 5 MB. Splits het in kleinere bestanden."))
    if hasattr(source, "seek"):
        source.seek(0)
    data = source.read(MAX_BYTES + 1) if hasattr(source, "read") else bytes(source)
    if not isinstance(data, bytes):
        raise _reject(_("Dit bestand kan ik niet lezen."))
    if len(data) > MAX_BYTES:
        raise _reject(_("Het bestand is groter dan 5 MB. Splits het in kleinere bestanden."))
    return data


def _csv_rows(data: bytes) -> list[list[Any]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _reject(_("Sla het bestand op als 'CSV UTF-8' en probeer het opnieuw."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _reject(
            _("Dit is geen tekstbestand in UTF-8. Sla het op als 'CSV UTF-8' of als .xlsx.")
        ) from exc
    if "\x00" in text:
        raise _reject(_("Dit is geen CSV-bestand."))
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((";", ",", "\t"), key=first.count) if first else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False))
    except csv.Error as exc:
        raise _reject(_("Het CSV-bestand is niet goed opgebouwd: %(e)s") % {"e": exc}) from exc


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_XLSX_UNPACKED:
            raise _reject(_("Het Excel-bestand is uitgepakt te groot."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except ImportRejected:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors for broken files
        raise _reject(_("Dit Excel-bestand kan ik niet lezen. Is het een .xlsx-bestand?")) from exc
    rows: list[list[Any]] = []
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 1 + 1000:  # room for empty rows; the count comes later
                break
    except Exception as exc:
        raise _reject(_("Dit Excel-bestand kan ik niet lezen. Is het een .xlsx-bestand?")) from exc
    finally:
        workbook.close()
    return rows


def read_table(source: Any, filename: str = "") -> tuple[list[str], list[tuple[int, list[Any]]]]:
    """Return (header, [(row number, cells), ...]) without empty rows, or raise ImportRejected.

    `source` is bytes, a file-like object (an upload) or a sequence of rows (header first).
    """
    if isinstance(source, list | tuple):
        raw = [list(row) for row in source]
    else:
        filename = filename or str(getattr(source, "name", "") or "")
        data = _read_bytes(source)
        if not data.strip():
            raise _reject(_("Het bestand is leeg."))
        extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
        is_zip = data.startswith(b"PK\x03\x04")
        if extension == "xlsx" or (not extension and is_zip):
            raw = _xlsx_rows(data)
        elif extension in {"csv", "txt", ""} and not is_zip:
            raw = _csv_rows(data)
        elif extension in {"xls", "ods", "numbers"}:
            raise _reject(_("Sla het bestand op als .xlsx of als .csv en probeer het opnieuw."))
        else:
            raise _reject(_("Kies een .csv- of .xlsx-bestand."))
    numbered = []
    for number, cells in enumerate(raw, start=1):
        while cells and is_empty(cells[-1]):
            cells.pop()
        if cells:
            numbered.append((number, cells))
    if not numbered:
        raise _reject(_("Het bestand is leeg."))
    (_header_number, header), rows = numbered[0], numbered[1:]
    if not rows:
        raise _reject(_("Het bestand heeft geen rijen onder de kopregel."))
    if len(rows) > MAX_ROWS:
        raise _reject(
            _("Het bestand heeft meer dan %(max)d rijen. Splits het in kleinere bestanden.")
            % {"max": MAX_ROWS}
        )
    return [cell_text(cell) for cell in header], rows


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # Nobody to ask about a control character in a file: it is removed (core.text).
    return strip_unsafe_characters(str(value)).strip()


def shorten(value: Any, limit: int = 40) -> str:
    text = " ".join(cell_text(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def name_key(name: str) -> str:
    """How names are compared: case, accents kept; spaces and capitals ignored."""
    return " ".join(name.split()).casefold()
