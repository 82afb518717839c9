"""Reading export files back in the tests."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook


def xlsx_sheets(data: bytes) -> dict[str, list[list]]:
    workbook = load_workbook(io.BytesIO(data))
    return {
        sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    }


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def zip_files(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def all_cells(data: bytes, kind: str) -> list[str]:
    """Every cell of a file as text (xlsx, csv, zip: every file inside, the README whole)."""
    if kind == "xlsx":
        return [
            "" if value is None else str(value)
            for rows in xlsx_sheets(data).values()
            for row in rows
            for value in row
        ]
    if kind == "csv":
        return [value for row in csv_rows(data) for value in row]
    cells: list[str] = []
    for name, content in zip_files(data).items():
        if name.endswith(".xlsx"):
            cells += all_cells(content, "xlsx")
        elif name.endswith(".csv"):
            cells += all_cells(content, "csv")
        else:
            cells.append(content.decode("utf-8"))
    return cells
