"""Tables of counts with small-cell suppression (`reports.suppression.suppress`): a table's
cells, row and column totals as constraints, and the suppressed `Table` a report shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from vangnet.reports.suppression import Cell, Constraint, Key, small_cell_k, suppress


@dataclass
class Table:
    """A suppressed table: `cells[r][c]`, `row_totals[r]`, `column_totals[c]`, `total`
    (None where the table publishes no such total)."""

    rows: list[str]
    columns: list[str]
    cells: list[list[Cell]]
    row_totals: list[Cell] | None
    column_totals: list[Cell] | None
    total: Cell | None
    k: int

    @property
    def any_hidden(self) -> bool:
        every = [c for row in self.cells for c in row]
        every += list(self.row_totals or []) + list(self.column_totals or [])
        every += [self.total] if self.total else []
        return any(c.hidden for c in every)

    def restricted_to(self, keep: Sequence[int]) -> Table:
        """The same table with only the rows `keep` (suppression stays as computed on the
        full table, so a filtered view never publishes what the full table hides)."""
        return Table(
            rows=[self.rows[i] for i in keep],
            columns=self.columns,
            cells=[self.cells[i] for i in keep],
            row_totals=[self.row_totals[i] for i in keep] if self.row_totals else None,
            column_totals=None,
            total=None,
            k=self.k,
        )


def table_constraints(
    n_rows: int, n_cols: int, *, row_totals: bool, column_totals: bool
) -> list[Constraint]:
    """Constraints of a table with keys ("c", r, c), ("r", r), ("col", c), ("t",)."""
    constraints: list[Constraint] = []
    if row_totals:
        for r in range(n_rows):
            constraints.append((("r", r), [("c", r, c) for c in range(n_cols)]))
    if column_totals:
        for c in range(n_cols):
            constraints.append((("col", c), [("c", r, c) for r in range(n_rows)]))
    if row_totals and column_totals:
        constraints.append((("t",), [("col", c) for c in range(n_cols)]))
        constraints.append((("t",), [("r", r) for r in range(n_rows)]))
    return constraints


def table_values(
    matrix: Sequence[Sequence[int]],
    *,
    row_totals: bool,
    column_totals: bool,
    n_cols: int | None = None,
) -> dict[Key, int]:
    values: dict[Key, int] = {}
    if n_cols is None:
        n_cols = len(matrix[0]) if matrix else 0
    for r, row in enumerate(matrix):
        for c, value in enumerate(row):
            values[("c", r, c)] = int(value)
        if row_totals:
            values[("r", r)] = sum(int(v) for v in row)
    if column_totals:
        for c in range(n_cols):
            values[("col", c)] = sum(int(row[c]) for row in matrix)
    if row_totals and column_totals:
        values[("t",)] = sum(int(v) for row in matrix for v in row)
    return values


def suppress_table(
    matrix: Sequence[Sequence[int]],
    *,
    rows: Sequence[str] = (),
    columns: Sequence[str] = (),
    row_totals: bool = True,
    column_totals: bool = True,
    k: int | None = None,
) -> Table:
    """Suppress a table of counts with (optional) row totals, column totals and, when both,
    the grand total."""
    k = small_cell_k() if k is None else k
    n_rows = len(matrix)
    n_cols = len(matrix[0]) if matrix else len(columns)
    values = table_values(matrix, row_totals=row_totals, column_totals=column_totals, n_cols=n_cols)
    constraints = table_constraints(
        n_rows, n_cols, row_totals=row_totals, column_totals=column_totals
    )
    result = suppress(values, constraints, k=k)
    return Table(
        rows=list(rows) or [str(r) for r in range(n_rows)],
        columns=list(columns) or [str(c) for c in range(n_cols)],
        cells=[[result.cell(("c", r, c)) for c in range(n_cols)] for r in range(n_rows)],
        row_totals=[result.cell(("r", r)) for r in range(n_rows)] if row_totals else None,
        column_totals=([result.cell(("col", c)) for c in range(n_cols)] if column_totals else None),
        total=result.cell(("t",)) if row_totals and column_totals else None,
        k=k,
    )
