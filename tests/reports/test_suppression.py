"""Small-cell suppression: hand examples and generated tables (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vangnet.reports.suppression import (
    PRIMARY,
    SECONDARY,
    figure,
    recoverable_by_algebra,
    recoverable_by_bounds,
    recoverable_by_subtraction,
    suppress,
)
from vangnet.reports.tables import suppress_table, table_constraints, table_values

K = 5


def _hidden_keys(table, matrix, *, row_totals=True, column_totals=True):
    """{key: "primary" | "secondary"} of the hidden cells of a suppressed table."""
    keys = {}
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            if cell.hidden:
                keys["c", r, c] = cell.hidden
    for r, cell in enumerate(table.row_totals or []):
        if cell.hidden:
            keys["r", r] = cell.hidden
    for c, cell in enumerate(table.column_totals or []):
        if cell.hidden:
            keys["col", c] = cell.hidden
    if table.total is not None and table.total.hidden:
        keys["t",] = table.total.hidden
    return keys


def test_primary_hides_one_to_k_minus_one_and_shows_zero():
    table = suppress_table([[0, 3, 7, 12]], row_totals=False, column_totals=False, k=K)
    assert [c.text for c in table.cells[0]] == ["0", "< 5", "7", "12"]
    assert table.cells[0][1].hidden == PRIMARY


def test_secondary_in_a_row_with_a_total_hides_the_smallest_other_cell():
    # 3 + 7 + 12 = 22: with 3 hidden, 22 - 7 - 12 gives it back, so 7 is hidden too.
    table = suppress_table([[3, 7, 12]], row_totals=True, column_totals=False, k=K)
    assert [c.text for c in table.cells[0]] == ["< 5", "x", "12"]
    assert table.cells[0][1].hidden == SECONDARY
    assert table.row_totals[0].text == "22"


def test_secondary_iterates_over_rows_and_columns():
    matrix = [[2, 10, 10], [10, 10, 10], [10, 10, 10]]
    table = suppress_table(matrix, k=K)
    values = table_values(matrix, row_totals=True, column_totals=True)
    constraints = table_constraints(3, 3, row_totals=True, column_totals=True)
    hidden = _hidden_keys(table, matrix)
    assert ("c", 0, 0) in hidden
    assert not recoverable_by_subtraction(values, hidden, constraints)
    assert not recoverable_by_algebra(values, hidden, constraints)
    # Nor by using what the marks say ("< k": 1..k-1; "x": at least 0) with the totals.
    assert not recoverable_by_bounds(values, hidden, constraints, k=K)
    # A hidden cell in a row forces a second in that row and in its column.
    assert sum(1 for c in table.cells[0] if c.hidden) >= 2
    assert sum(1 for row in table.cells if row[0].hidden) >= 2


def test_a_column_of_parts_and_its_total():
    values = {"a": 3, "b": 40, "c": 41, "total": 84}
    result = suppress(values, [("total", ["a", "b", "c"])], k=K)
    assert result.hidden == {"a": PRIMARY, "b": SECONDARY}


def test_a_single_part_hides_its_total():
    values = {"a": 3, "total": 3}
    result = suppress(values, [("total", ["a"])], k=K)
    assert set(result.hidden) == {"a", "total"}


def test_bridge_between_two_cycles_is_caught_by_algebra():
    # Hidden cells forming two 2x2 blocks joined through one cell would leave that cell
    # determined; the suppressor must hide more until nothing is determined.
    matrix = [
        [1, 1, 20, 20],
        [1, 1, 20, 20],
        [20, 20, 1, 1],
        [20, 20, 1, 1],
    ]
    table = suppress_table(matrix, k=K)
    values = table_values(matrix, row_totals=True, column_totals=True)
    constraints = table_constraints(4, 4, row_totals=True, column_totals=True)
    hidden = _hidden_keys(table, matrix)
    assert not recoverable_by_algebra(values, hidden, constraints)


def test_figures_about_few_people_are_hidden():
    assert figure(7.5, people=4, k=K).text == "< 5"
    assert figure(7.5, people=5, k=K).text == "7,5"
    assert figure(None, people=0, k=K).text == "–"


def test_a_zero_is_a_poor_secondary_cell():
    # 1 + 0 + 50 = 51: hiding the 0 with the 1 gives x + y = 1 with x >= 1, so x = 1.
    table = suppress_table([[1, 0, 50]], row_totals=True, column_totals=False, k=K)
    assert [c.text for c in table.cells[0]] == ["< 5", "0", "x"]
    values = {"a": 1, "b": 0, "c": 50, "t": 51}
    constraints = [("t", ["a", "b", "c"])]
    assert recoverable_by_bounds(values, {"a": PRIMARY, "b": SECONDARY}, constraints, k=K)
    assert not recoverable_by_bounds(values, {"a": PRIMARY, "c": SECONDARY}, constraints, k=K)


def test_two_small_cells_adding_up_to_two_are_protected():
    # 1 + 1 + 30 = 32: both "< 5" cells would have to be 1; a third cell is hidden.
    table = suppress_table([[1, 1, 30]], row_totals=True, column_totals=False, k=K)
    assert [c.text for c in table.cells[0]] == ["< 5", "< 5", "x"]


def test_the_checker_finds_a_naive_leak():
    # Only primary suppression: the subtraction checker must find the hidden cell.
    values = {"a": 3, "b": 40, "total": 43}
    constraints = [("total", ["a", "b"])]
    assert recoverable_by_subtraction(values, {"a"}, constraints) == {"a"}
    assert recoverable_by_algebra(values, {"a"}, constraints) == {"a"}


counts = st.one_of(st.integers(0, 6), st.integers(0, 60))


@st.composite
def tables(draw):
    n_rows = draw(st.integers(1, 6))
    n_cols = draw(st.integers(1, 5))
    matrix = [[draw(counts) for _c in range(n_cols)] for _r in range(n_rows)]
    row_totals = draw(st.booleans())
    column_totals = draw(st.booleans())
    return matrix, row_totals, column_totals


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(2, 6))
def test_no_hidden_cell_is_recoverable(case, k):
    matrix, row_totals, column_totals = case
    table = suppress_table(matrix, row_totals=row_totals, column_totals=column_totals, k=k)
    values = table_values(matrix, row_totals=row_totals, column_totals=column_totals)
    constraints = table_constraints(
        len(matrix), len(matrix[0]), row_totals=row_totals, column_totals=column_totals
    )
    hidden = _hidden_keys(table, matrix)
    # Every small count is hidden, as "< k"; zeros and published values are exact.
    for key, value in values.items():
        if 0 < value < k:
            assert key in hidden
    for r, row in enumerate(table.cells):
        for c, cell in enumerate(row):
            if not cell.hidden:
                assert cell.value == matrix[r][c]
            elif 0 < matrix[r][c] < k:
                assert cell.text in (f"< {k}", "x")
    # No hidden cell comes back by subtraction, nor by solving all equations together.
    assert not recoverable_by_subtraction(values, hidden, constraints)
    assert not recoverable_by_algebra(values, hidden, constraints)
    # Nor by using what the marks say ("< k": 1..k-1; "x": at least 0) with the totals.
    # (With k = 2 the mark "< 2" itself says 1: the bounds guarantee needs k >= 3.)
    if k >= 3:
        assert not recoverable_by_bounds(values, hidden, constraints, k=k)
