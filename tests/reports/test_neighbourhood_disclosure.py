"""The municipality report's figures of the neighbourhood activities (guests, results per
kind: `buurt:*`) are protected with the rest of the grid: a small sum is hidden, and no
combination of areas, totals, quarters and the year recovers a hidden one (by subtraction,
by all equations together, by the marks' bounds, or by the attacker's linear programs)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reports.test_disclosure import make_grid
from vangnet.reports.disclosure import BUURT, equalities, margin, protect, relations
from vangnet.reports.feasible import feasible_intervals
from vangnet.reports.grid import ALL
from vangnet.reports.suppression import (
    is_small,
    recoverable_by_algebra,
    recoverable_by_bounds,
    recoverable_by_subtraction,
)


def with_buurt(grid, draw):
    """Add guests and results per row and quarter; the year and the totals are sums."""
    year = grid.periods[-1].key
    for measure in BUURT:
        for row in grid.rows:
            total = 0
            for period in grid.periods[:-1]:
                n = draw(st.sampled_from([0, 0, 1, 2, 4, 6, 11, 30]))
                grid.counts[(measure, row, period.key)] = n
                total += n
            grid.counts[(measure, row, year)] = total
        for period in grid.periods:
            grid.counts[(measure, ALL, period.key)] = sum(
                grid.counts[(measure, row, period.key)] for row in grid.rows
            )
    return grid


@st.composite
def grids(draw):
    rows = [f"Wijk {i}" for i in range(draw(st.integers(min_value=1, max_value=3)))]
    quarters = [
        {row: {"sessions": 6, "reached": 8, "visits": 30} for row in rows}
        for _ in range(draw(st.integers(min_value=1, max_value=4)))
    ]
    return with_buurt(make_grid(rows, quarters), draw)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids(), st.sampled_from([3, 5]))
def test_small_neighbourhood_figures_are_hidden_and_not_recoverable(grid, k):
    protected = protect(grid, k=k, audit=True)
    hidden = protected.hidden
    constraints = equalities(grid)
    assert not recoverable_by_subtraction(protected.values, hidden, constraints)
    assert not recoverable_by_algebra(protected.values, hidden, constraints)
    assert not recoverable_by_bounds(protected.values, hidden, constraints, k=k)
    buurt = {key: v for key, v in protected.values.items() if key[0] in BUURT}
    assert buurt  # the grid has the measures at all
    for key, value in buurt.items():
        if is_small(value, k):
            assert hidden.get(key), key
        cell = protected.cell(key)
        assert cell.hidden or cell.value == value
    secret = {key: kind for key, kind in hidden.items() if key[0] in BUURT}
    if secret:
        intervals = feasible_intervals(
            protected.values, hidden, relations(grid), k=k, only=list(secret)
        )
        for key in secret:
            low, high = intervals[key]
            assert high - low >= margin(key, grid, k) - 1e-6, (key, low, high)


def test_the_grid_keeps_them_apart_from_people():
    """A guest is not a participant: the neighbourhood's cells share no relation with the
    people, visits or support pairs."""
    grid = make_grid(["Noord"], [{"Noord": {"sessions": 3, "reached": 6, "visits": 12}}])
    for total, parts in equalities(grid):
        measures = {total[0], *(part[0] for part in parts)}
        assert measures <= set(BUURT) or not measures & set(BUURT)
