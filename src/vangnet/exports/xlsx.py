"""A small streaming XLSX writer: rows go straight into the zipped sheet XML.

openpyxl's write-only mode (pure Python XML without lxml) spent about 90% of an export's
time per cell; XlsxWriter's constant-memory mode was twice as fast, still too slow for the
ten-second target (docs/performance.md). This writer produces the few parts a workbook needs
(content types, workbook, relations, styles, shared strings, one XML part per sheet) and
writes each sheet's rows into the ZIP member as they come, so memory stays flat in the number
of rows: only the shared strings (distinct texts) are kept until the end.

Cells: text as a shared string (the caller neutralises it with `safe_cell` first, this writer
only escapes XML), numbers (int, float, Decimal) as numbers, dates and datetimes as Excel
serial numbers with a date format (so they read back as dates), None and "" as no cell.
Sheets of tables have a bold header row and a frozen first row, as the openpyxl version had.
A cell's XML is made once per distinct value and written without its reference where the
column follows from the previous cell (the content reads back the same; tested against
every cell with its reference).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import IO, Any

__all__ = ["XlsxWriter", "column_letter"]

EPOCH = dt.date(1899, 12, 30).toordinal()
BATCH = 2000  # rows per write into the ZIP member
CELL_CACHE_LIMIT = 100_000  # distinct non-text values whose cell XML is remembered

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f"<styleSheet {NS}>"
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd h:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/>'
    "</fill></fills>"
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    "</cellStyleXfs>"
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
DATE_STYLE, DATETIME_STYLE, BOLD_STYLE = 1, 2, 3
FROZEN_FIRST_ROW = (
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" '
    'sqref="A2"/></sheetView></sheetViews>'
)


PLAIN_TYPES = frozenset({str, int, dt.date, type(None)})


class _CellCache(dict):
    """value -> its cell XML, made on first use: every text (the shared strings keep them
    anyway), up to CELL_CACHE_LIMIT whole numbers and dates."""

    def __init__(self, make: Callable[[Any], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, value: Any) -> str:
        xml = self.make(value)
        if type(value) is str or len(self) < CELL_CACHE_LIMIT:
            self[value] = xml
        return xml


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def letter(index: int) -> str:
    """column_letter, looked up for the first 702 columns (A to ZZ)."""
    return LETTERS[index] if index < len(LETTERS) else column_letter(index)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


LETTERS = [column_letter(i) for i in range(702)]


def _serial(value: dt.date) -> str:
    if type(value) is dt.datetime:
        value = value.replace(tzinfo=None)
        midnight = dt.datetime.combine(value.date(), dt.time())
        fraction = (value - midnight).total_seconds() / 86400
        return repr(value.toordinal() - EPOCH + fraction)
    return str(value.toordinal() - EPOCH)


class XlsxWriter:
    """Write a workbook into `target` (a binary file), sheet by sheet:

        book = XlsxWriter(target, text=safe_cell)
        book.sheet("aanwezigheid", rows, header=[...])
        book.close()

    `text` turns every text (str, or anything not a number or date) into the cell's text;
    its result for a given text is remembered, so it runs once per distinct text."""

    def __init__(self, target: IO[bytes], *, text: Callable[[Any], Any] = str):
        self.archive = zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED)
        self.text = text
        self.titles: list[str] = []
        self.strings: dict[str, int] = {}  # cell text -> index in the shared strings
        self.seen: dict[Any, int] = {}  # value as given -> index (-1: no cell)
        self.references = 0  # shared-string cells, counted in the sheets' XML
        # A text, whole number, date or None -> its cell XML ("": no cell). Only these
        # types are looked up, so equal keys are equal values of one type (1 == 1.0 ==
        # True, and a float, Decimal or bool is never looked up here).
        self.cells = _CellCache(self._cell)
        self.cells[None] = ""
        self.cell_of = self.cells.__getitem__
        self.plain = PLAIN_TYPES.issuperset

    def _string(self, value: Any) -> int:
        index = self.seen.get(value)
        if index is None:
            text = self.text(value)
            if not isinstance(text, str):
                text = str(text)
            if text == "":
                index = -1
            else:
                index = self.strings.setdefault(text, len(self.strings))
            self.seen[value] = index
        return index

    def _cell(self, value: Any) -> str:
        """The XML of one cell holding `value`, without its reference ("" for no cell)."""
        kind = type(value)
        if kind is int or kind is float:
            return f"<c><v>{value!r}</v></c>"
        if kind is Decimal:
            return f"<c><v>{value}</v></c>"
        if kind is bool:
            return f"<c><v>{int(value)}</v></c>"
        if kind is dt.date:
            return f'<c s="{DATE_STYLE}"><v>{value.toordinal() - EPOCH}</v></c>'
        if kind is dt.datetime:
            return f'<c s="{DATETIME_STYLE}"><v>{_serial(value)}</v></c>'
        index = self._string(value)
        return f'<c t="s"><v>{index}</v></c>' if index >= 0 else ""

    def _cells(self, row: Sequence[Any], number: str) -> str:
        """One row's XML. A cell's XML depends only on its value, so it is made once per
        distinct text, whole number or date (`cells`; a row of only those, most rows, is
        looked up in C with `map`). Cells carry no reference (`r`, optional in the format:
        a cell without one is in the column after the previous cell) except the first
        cell after a gap (None or an empty text)."""
        if self.plain(map(type, row)):
            parts = list(map(self.cell_of, row))
        else:  # bools, floats (-0.0 == 0.0), Decimals (1.0 == 1.00), datetimes, others
            cells, make = self.cells, self._cell
            parts = [cells[v] if type(v) in PLAIN_TYPES else make(v) for v in row]
        if "" in parts:
            gap = False
            for position in range(parts.index(""), len(parts)):
                xml = parts[position]
                if not xml:
                    gap = True
                elif gap:
                    parts[position] = f'<c r="{letter(position)}{number}"{xml[2:]}'
                    gap = False
        return f'<row r="{number}">{"".join(parts)}</row>'

    def sheet(
        self,
        title: str,
        rows: Iterable[Sequence[Any]],
        *,
        header: Sequence[Any] | None = None,
    ) -> None:
        """A sheet of `rows`, consumed as they come. With a header: bold, first row frozen."""
        self.titles.append(title)
        name = f"xl/worksheets/sheet{len(self.titles)}.xml"
        with self.archive.open(name, "w", force_zip64=True) as member:
            views = FROZEN_FIRST_ROW if header is not None else ""
            member.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f"<worksheet {NS} {NS_R}>{views}<sheetData>"
                ).encode()
            )
            first = 1
            if header is not None:
                cells = []
                for position, value in enumerate(header):
                    index = self._string(value)
                    if index >= 0:
                        cells.append(
                            f'<c r="{column_letter(position)}1" s="{BOLD_STYLE}" t="s">'
                            f"<v>{index}</v></c>"
                        )
                self._write(member, f'<row r="1">{"".join(cells)}</row>')
                first = 2
            batch: list[str] = []
            append, row_xml = batch.append, self._cells
            for number, row in enumerate(rows, first):
                append(row_xml(row, str(number)))
                if number % BATCH == 0:
                    self._write(member, "".join(batch))
                    batch.clear()
            self._write(member, "".join(batch))
            member.write(b"</sheetData></worksheet>")

    def _write(self, member: IO[bytes], xml: str) -> None:
        """Rows' XML into the sheet, counting their shared-string cells (`t="s"`: texts
        are in the shared strings, never in the sheet XML, so only a cell type matches)."""
        self.references += xml.count('t="s"')
        member.write(xml.encode("utf-8"))

    def close(self) -> None:
        write = self.archive.writestr
        count = len(self.titles)
        sheets = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{CT}.worksheet+xml"/>'
            for i in range(1, count + 1)
        )
        write(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{CT}.sharedStrings+xml"/>'
            f"{sheets}</Types>",
        )
        write(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        entries = "".join(
            f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>'
            for i, title in enumerate(self.titles, 1)
        )
        write(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<workbook {NS} {NS_R}><bookViews><workbookView/></bookViews>"
            f"<sheets>{entries}</sheets></workbook>",
        )
        relations = "".join(
            f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, count + 1)
        )
        write(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL}">{relations}'
            f'<Relationship Id="rId{count + 1}" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId{count + 2}" Type="{REL}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>',
        )
        write("xl/styles.xml", STYLES)
        with self.archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
            member.write(
                (
                    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    f'<sst {NS} count="{self.references}" uniqueCount="{len(self.strings)}">'
                ).encode()
            )
            batch = []
            for text in self.strings:  # in index order (insertion order)
                batch.append(f'<si><t xml:space="preserve">{escape(text)}</t></si>')
                if len(batch) >= BATCH:
                    member.write("".join(batch).encode("utf-8"))
                    batch = []
            member.write(("".join(batch) + "</sst>").encode("utf-8"))
        self.archive.close()
        self.strings.clear()
        self.seen.clear()
        self.cells.clear()
        self.cells[None] = ""
