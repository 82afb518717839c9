"""The attacker's linear programs: how far all published figures pin down a hidden cell.

`feasible_intervals(values, hidden, relations, k=...)` gives, for hidden cells, the
smallest and largest value that the published cells, the relations between cells and the
marks' bounds ("< k": 1..k-1, "x": at least 0) allow. `reports.disclosure.protect` hides
more cells until no interval is narrower than its margin; docs/reports.md explains both.

Fast enough for every live report (docs/performance.md):

- the hidden cells fall apart into components (cells that share a relation); each
  component is one linear program, built once in HiGHS (`highspy`) and then solved for one
  objective after another (minimise, maximise each cell) from the previous basis;
- every solution is a feasible point for all cells of the component: a cell for which two
  points already differ by at least its margin (`enough`) needs no programs of its own;
- a cell alone in its component is bounded directly from its relations (no program);
- `Budget` bounds the work of one protection: when its solves run out, `BudgetExceeded`
  is raised and the caller falls back to hiding more (never to publishing).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from vangnet.reports.suppression import PRIMARY

Key = tuple  # (measure, row, period key)
INF = float("inf")


@dataclass(frozen=True)
class Relation:
    """sum(coef * cell) <= bound (or == bound when `equal`), cells all in the grid."""

    terms: tuple[tuple[Key, float], ...]
    bound: float = 0.0
    equal: bool = False

    @property
    def keys(self) -> list[Key]:
        return [key for key, _coef in self.terms]


class BudgetExceeded(Exception):
    """The linear programs of one protection took more solves than allowed."""


@dataclass
class Budget:
    """How many linear programs one protection may solve (`solves` counts them)."""

    limit: int = 20_000
    solves: int = 0

    def spend(self) -> None:
        self.solves += 1
        if self.solves > self.limit:
            raise BudgetExceeded(f"more than {self.limit} linear programs")


def box(key: Key, hidden: Mapping[Key, str], k: int) -> tuple[float, float]:
    """What the mark alone says: "< k" is 1..k-1 (a count), anything else at least 0."""
    if key[0] != "visits" and hidden[key] == PRIMARY:
        return 1.0, float(k - 1)
    return 0.0, INF


class _Program:
    """One component's linear program in HiGHS, solved for one objective at a time."""

    def __init__(self, members: list[Key], rows: list, bounds: list[tuple[float, float]]):
        import highspy  # lazy: only the audit needs it

        self.highspy = highspy
        self.n = len(members)
        matrix = np.zeros((len(rows), self.n))
        lower, upper = [], []
        for i, (coefficients, low, high) in enumerate(rows):
            for j, coef in coefficients.items():
                matrix[i, j] += coef
            lower.append(low)
            upper.append(high)
        lp = highspy.HighsLp()
        lp.num_col_ = self.n
        lp.num_row_ = len(rows)
        lp.col_cost_ = np.zeros(self.n)
        lp.col_lower_ = np.array([low for low, _high in bounds], dtype=np.float64)
        lp.col_upper_ = np.array(
            [highspy.kHighsInf if high == INF else high for _low, high in bounds], dtype=float
        )
        lp.row_lower_ = np.array(
            [-highspy.kHighsInf if low == -INF else low for low in lower], dtype=float
        )
        lp.row_upper_ = np.array(upper, dtype=np.float64)
        columns = matrix.T  # column-wise storage
        starts: list[int] = [0]
        indices: list[int] = []
        values: list[float] = []
        for column in columns:
            (nonzero,) = np.nonzero(column)
            indices.extend(int(i) for i in nonzero)
            values.extend(float(column[i]) for i in nonzero)
            starts.append(len(indices))
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(values, dtype=np.float64)
        self.solver = highspy.Highs()
        self.solver.setOptionValue("output_flag", False)
        self.solver.setOptionValue("presolve", "off")  # small programs, warm starts
        self.solver.passModel(lp)
        self.current: int | None = None

    def extreme(self, j: int, sense: float) -> tuple[float, np.ndarray | None]:
        """The smallest (sense 1) or largest (sense -1) value of column j, with the point."""
        if self.current is not None:
            self.solver.changeColCost(self.current, 0.0)
        self.solver.changeColCost(j, sense)
        self.current = j
        self.solver.run()
        status = self.solver.getModelStatus()
        statuses = self.highspy.HighsModelStatus
        if status == statuses.kOptimal:
            point = np.array(self.solver.getSolution().col_value)
            return float(point[j]), point
        if status in (statuses.kUnbounded, statuses.kUnboundedOrInfeasible):
            return -sense * INF, None  # feasible (the true values are), so unbounded
        raise BudgetExceeded(f"linear program ended with {status}")


def _components(hidden: Mapping[Key, str], touching: list[Relation]) -> dict[Key, list[Key]]:
    parent = {key: key for key in hidden}

    def root(key: Key) -> Key:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for rel in touching:
        keys = [key for key in rel.keys if key in hidden]
        for other in keys[1:]:
            parent[root(other)] = root(keys[0])
    components: dict[Key, list[Key]] = defaultdict(list)
    for key in hidden:
        components[root(key)].append(key)
    return components


def _alone(key: Key, rels: list[Relation], values: Mapping[Key, int], low: float, high: float):
    """The interval of a cell that shares no relation with another hidden cell."""
    for rel in rels:
        coef = sum(c for member, c in rel.terms if member == key)
        rest = rel.bound - sum(c * values[member] for member, c in rel.terms if member != key)
        if coef == 0:
            continue
        if rel.equal:
            low = high = rest / coef
        elif coef > 0:
            high = min(high, rest / coef)
        else:
            low = max(low, rest / coef)
    return low, high


def feasible_intervals(
    values: Mapping[Key, int],
    hidden: Mapping[Key, str],
    found: Iterable[Relation],
    *,
    k: int,
    only: Iterable[Key] | None = None,
    memo: dict | None = None,
    enough: Callable[[Key], float] | None = None,
    budget: Budget | None = None,
) -> dict[Key, tuple[float, float]]:
    """For hidden cells (all, or `only`): the smallest and largest value that the published
    cells, the relations and the marks allow, one component at a time (see module). With
    `enough`, a cell shown to be at least that wide may get a narrower interval than its
    true one (enough for a check, and much quicker). `memo` keeps components' intervals
    between calls (they depend only on the component's hidden cells and their marks)."""
    budget = budget or Budget()
    touching = [rel for rel in found if any(key in hidden for key in rel.keys)]
    components = _components(hidden, touching)
    head_of = {key: head for head, members in components.items() for key in members}
    by_component: dict[Key, list[Relation]] = defaultdict(list)
    for rel in touching:
        by_component[head_of[next(key for key in rel.keys if key in hidden)]].append(rel)
    wanted = set(hidden if only is None else only)
    result: dict[Key, tuple[float, float]] = {}
    for head, members in components.items():
        if not wanted.intersection(members):
            continue
        signature = tuple(sorted((str(key), hidden[key]) for key in members))
        if memo is not None and signature in memo:
            result.update({key: memo[signature][key] for key in members if key in wanted})
            continue
        if len(members) == 1:
            (key,) = members
            found_here = {key: _alone(key, by_component[head], values, *box(key, hidden, k))}
        else:
            found_here = _component(members, by_component[head], values, hidden, k, enough, budget)
        result.update({key: found_here[key] for key in members if key in wanted})
        if memo is not None:
            memo[signature] = found_here
    return result


def _component(members, rels, values, hidden, k, enough, budget):
    index = {key: i for i, key in enumerate(members)}
    rows = []
    for rel in rels:
        coefficients: dict[int, float] = defaultdict(float)
        bound = rel.bound
        for key, coef in rel.terms:
            if key in index:
                coefficients[index[key]] += coef
            else:
                bound -= coef * values[key]
        rows.append((coefficients, bound if rel.equal else -INF, bound))
    program = _Program(members, rows, [box(key, hidden, k) for key in members])
    low = {key: INF for key in members}
    high = {key: -INF for key in members}
    exact: dict[Key, list[float]] = {}

    def learn(point: np.ndarray | None) -> None:
        if point is not None:
            for key, i in index.items():
                low[key] = min(low[key], float(point[i]))
                high[key] = max(high[key], float(point[i]))

    for key in members:
        ends = []
        for sign in (1.0, -1.0):
            if enough is not None and high[key] - low[key] >= enough(key):
                break  # two points already this far apart: wide enough
            budget.spend()
            value, point = program.extreme(index[key], sign)
            learn(point)
            ends.append(value)
        if len(ends) == 2:
            exact[key] = ends
    return {key: tuple(exact.get(key, (low[key], high[key]))) for key in members}
