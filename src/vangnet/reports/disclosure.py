"""Suppression of the municipality report's grid as a whole (docs/reports.md).

`protect(grid, k=...)` decides, for every count of a year's grid (`reports.grid`: every
area row and the organisation's total, every period: the year and its started quarters),
whether it is published. Every view (a period, an area, the page, the PDF, the API) is a
slice of the result, so combining views gives an attacker nothing that one view hides.

1. **Primary**: a count of people or pairs of 1..k-1 is hidden ("< k"); the visits of a
   row and period whose number of people reached is 1..k-1 too (its average present is
   shown as "< k"). The cells of a pooled row of too few networks are hidden ("x").
2. **Derived figures follow their counts**: the average present (visits / sessions) is
   hidden whenever its visits are, and its visits whenever the number of people reached of
   the same row and period is; sessions are published, so average x sessions is exactly
   the visits and may never be published for a hidden count.
3. **Secondary over every additive relation a viewer can combine**
   (`reports.suppression.suppress`): the areas add up to the total (every measure, every
   period), the support types add up to a row's pairs, and the visits of the quarters add
   up to the year's (a year is the sum of its quarters only for visits: people and pairs
   are counted once per period).
4. **Audit with the attacker's linear program**: for every hidden cell, the smallest and
   largest value that all published figures allow (`feasible_intervals`: the additive
   relations above, plus what is known without being additive: a quarter's people and
   pairs are at most the year's and together at least the year's, long-term and steady
   are at most reached, visits lie between reached and reached x sessions, and the marks'
   bounds). A hidden cell whose interval is narrower than its margin (`margin`: two for a
   count, one person per session for visits) gets another cell of one of its relations
   hidden, and the whole repeats until none is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from vangnet.reports.grid import ALL, PEOPLE, TIE_KEYS, Grid
from vangnet.reports.suppression import PRIMARY, SECONDARY, Cell, Constraint, is_small, suppress

Key = tuple  # (measure, row, period key)
TIES = "ties"
DISTINCT = ("reached", "long_term", *(f"tie:{t}" for t in TIE_KEYS), TIES)
MAX_ROUNDS = 400


@dataclass(frozen=True)
class Relation:
    """sum(coef * cell) <= bound (or == bound when `equal`), cells all in the grid."""

    terms: tuple[tuple[Key, float], ...]
    bound: float = 0.0
    equal: bool = False

    @property
    def keys(self) -> list[Key]:
        return [key for key, _coef in self.terms]


def grid_values(grid: Grid) -> dict[Key, int]:
    """Every protected count of the grid (ties per type and per row; sessions are public)."""
    values: dict[Key, int] = {}
    for period in grid.periods:
        for row in [*grid.rows, ALL]:
            for measure in (*PEOPLE, "visits", *(f"tie:{t}" for t in TIE_KEYS)):
                values[(measure, row, period.key)] = grid.get(measure, row, period.key)
            values[(TIES, row, period.key)] = sum(
                grid.get(f"tie:{t}", row, period.key) for t in TIE_KEYS
            )
    return values


def equalities(grid: Grid) -> list[Constraint]:
    """The additive relations a viewer can combine: (total, parts)."""
    constraints: list[Constraint] = []
    year = grid.periods[-1].key
    quarters = [p.key for p in grid.periods[:-1]]
    measures = (*PEOPLE, "visits", *(f"tie:{t}" for t in TIE_KEYS), TIES)
    for period in grid.periods:
        for measure in measures:
            if grid.rows:
                constraints.append(
                    ((measure, ALL, period.key), [(measure, row, period.key) for row in grid.rows])
                )
        for row in [*grid.rows, ALL]:
            constraints.append(
                ((TIES, row, period.key), [(f"tie:{t}", row, period.key) for t in TIE_KEYS])
            )
    for row in [*grid.rows, ALL]:
        constraints.append((("visits", row, year), [("visits", row, q) for q in quarters]))
    return constraints


def relations(grid: Grid) -> list[Relation]:
    """Every relation the attacker uses: the equalities and the known inequalities."""
    found = [
        Relation(((total, -1.0), *((part, 1.0) for part in parts)), 0.0, True)
        for total, parts in equalities(grid)
    ]
    year = grid.periods[-1].key
    quarters = [p.key for p in grid.periods[:-1]]
    for row in [*grid.rows, ALL]:
        for period in grid.periods:
            p = period.key
            reached = ("reached", row, p)
            found.append(Relation(((("long_term", row, p), 1.0), (reached, -1.0))))
            found.append(Relation(((("steady", row, p), 1.0), (reached, -1.0))))
            sessions = float(grid.get("sessions", row, p))
            found.append(Relation(((reached, 1.0), (("visits", row, p), -1.0))))
            found.append(Relation(((("visits", row, p), 1.0), (reached, -sessions))))
        for measure in DISTINCT:
            whole = (measure, row, year)
            for q in quarters:
                found.append(Relation((((measure, row, q), 1.0), (whole, -1.0))))
            found.append(Relation(((whole, 1.0), *(((measure, row, q), -1.0) for q in quarters))))
    return found


def margin(key: Key, grid: Grid, k: int) -> float:
    """How wide a hidden cell's feasible interval must stay."""
    measure, row, period = key
    if measure == "visits":
        return max(1.0, float(grid.get("sessions", row, period)))
    return float(max(0, min(2, k - 2)))


def _box(key: Key, hidden: Mapping[Key, str], k: int) -> tuple[float, float | None]:
    if key[0] != "visits" and hidden[key] == PRIMARY:
        return 1.0, float(k - 1)
    return 0.0, None


def feasible_intervals(
    values: Mapping[Key, int],
    hidden: Mapping[Key, str],
    found: Iterable[Relation],
    *,
    k: int,
    only: Iterable[Key] | None = None,
    memo: dict | None = None,
    enough: Callable[[Key], float] | None = None,
) -> dict[Key, tuple[float, float]]:
    """For hidden cells (all, or `only`): the smallest and largest value that the published
    cells, the relations and the marks allow (linear programs, one component at a time).
    With `enough`, a cell shown to be at least that wide may get a narrower interval than
    its true one (enough for a check, and much quicker)."""
    from scipy.optimize import linprog  # lazy: scipy is slow to import

    touching = [rel for rel in found if any(key in hidden for key in rel.keys)]
    parent = {key: key for key in hidden}

    def root(key):
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
    wanted = set(hidden if only is None else only)
    result: dict[Key, tuple[float, float]] = {}
    by_component: dict[Key, list[Relation]] = defaultdict(list)
    for rel in touching:
        by_component[root(next(key for key in rel.keys if key in hidden))].append(rel)
    for head, members in components.items():
        if not wanted.intersection(members):
            continue
        signature = tuple(sorted((str(key), hidden[key]) for key in members))
        if memo is not None and signature in memo:
            result.update({key: memo[signature][key] for key in members if key in wanted})
            continue
        index = {key: i for i, key in enumerate(members)}
        a_eq, b_eq, a_ub, b_ub = [], [], [], []
        for rel in by_component[head]:
            row = np.zeros(len(members))
            bound = rel.bound
            for key, coef in rel.terms:
                if key in index:
                    row[index[key]] += coef
                else:
                    bound -= coef * values[key]
            (a_eq if rel.equal else a_ub).append(row)
            (b_eq if rel.equal else b_ub).append(bound)
        bounds = [_box(key, hidden, k) for key in members]
        problem = {
            "A_ub": np.array(a_ub) if a_ub else None,
            "b_ub": b_ub or None,
            "A_eq": np.array(a_eq) if a_eq else None,
            "b_eq": b_eq or None,
            "bounds": bounds,
            "method": "highs",
        }
        # A few shared objectives first: two feasible points that differ by `enough` in a
        # cell already show it is not pinned (its interval is at least that wide), so
        # only the other cells need their own two linear programs.
        seen: dict[Key, list[float]] = defaultdict(list)
        if enough is not None and len(members) > 2:
            generator = np.random.default_rng(len(members))
            objectives = [np.ones(len(members))]
            objectives += [generator.normal(size=len(members)) for _ in range(3)]
            for objective in objectives:
                for sign in (1.0, -1.0):
                    answer = linprog(sign * objective, **problem)
                    if answer.status == 0:
                        for key in members:
                            seen[key].append(float(answer.x[index[key]]))
        for key in members:
            if key not in wanted:
                continue
            if seen[key] and max(seen[key]) - min(seen[key]) >= enough(key):
                result[key] = (min(seen[key]), max(seen[key]))  # at least this wide
                continue
            ends = []
            for sign in (1.0, -1.0):
                c = np.zeros(len(members))
                c[index[key]] = sign
                answer = linprog(c, **problem)
                if answer.status != 0:  # unbounded (or, never for true counts, infeasible)
                    ends.append(-sign * float("inf"))
                else:
                    ends.append(sign * answer.fun)
            result[key] = (ends[0], ends[1])
        if memo is not None and wanted.issuperset(members):
            memo[signature] = {key: result[key] for key in members}
    return result


@dataclass
class Protected:
    values: dict[Key, int]
    hidden: dict[Key, str]
    k: int

    def cell(self, key: Key) -> Cell:
        kind = self.hidden.get(key, "")
        return Cell(None if kind else self.values.get(key, 0), kind, k=self.k)


def _candidate(
    key: Key, hidden: Mapping[Key, str], values: Mapping[Key, int], found: list[Relation]
) -> Key | None:
    """A published cell that shares a relation with `key` (the smallest non-zero first);
    else one that shares a relation with a hidden cell of those relations."""
    seen, frontier = {key}, [key]
    for _depth in range(4):
        options = []
        following = []
        for rel in found:
            if not any(member in frontier for member in rel.keys):
                continue
            for member in rel.keys:
                if member in hidden and member not in seen:
                    seen.add(member)
                    following.append(member)
                elif member not in hidden and member in values:
                    options.append((values[member] == 0, values[member], str(member), member))
        if options:
            return min(options)[3]
        frontier = following
    return None


def _related(key: Key, found: list[Relation]) -> set[Key]:
    return {member for rel in found if key in rel.keys for member in rel.keys}


def protect(grid: Grid, *, k: int, audit: bool = False) -> Protected:
    """Which cells of the grid are hidden, and why (see module)."""
    values = grid_values(grid)
    constraints = equalities(grid)
    found = relations(grid)
    display: dict[Key, str] = {}
    forced: dict[Key, str] = {}
    for period in grid.periods:
        for row in [*grid.rows, ALL]:
            if is_small(values[("reached", row, period.key)], k):
                display[("visits", row, period.key)] = PRIMARY
                forced[("visits", row, period.key)] = SECONDARY
    if grid.pool_too_small:
        pool = grid.rows[-1]
        for key in values:
            if key[1] == pool:
                forced.setdefault(key, SECONDARY)
    hidden: dict[Key, str] = {}
    memo: dict = {}  # a component's intervals depend only on its hidden cells
    for _round in range(MAX_ROUNDS):
        hidden = dict(suppress(values, constraints, k=k, forced=forced).hidden)
        extra: dict[Key, str] = {}
        for key in hidden:
            if key[0] == "reached" and ("visits", *key[1:]) not in hidden:
                extra[("visits", *key[1:])] = SECONDARY
        if not extra and audit:
            intervals = feasible_intervals(
                values, hidden, found, k=k, memo=memo, enough=lambda key: margin(key, grid, k)
            )
            taken: set = set()
            for key, (low, high) in sorted(intervals.items(), key=lambda item: str(item[0])):
                if high - low < margin(key, grid, k) - 1e-6 and not taken & _related(key, found):
                    # one repair per group of related cells in a round (each repair widens
                    # its neighbours' intervals too)
                    chosen = _candidate(key, hidden, values, found)
                    if chosen is not None:
                        extra[chosen] = SECONDARY
                        taken |= _related(key, found) | {chosen}
        if not extra:
            break
        forced.update(extra)
    for key, kind in display.items():
        if key in hidden:
            hidden[key] = kind
    return Protected(values=values, hidden=hidden, k=k)
