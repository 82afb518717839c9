"""Small-cell suppression for anonymous reports (pure: no database, no Django models).

Rules (docs/reports.md):
- k is settings.VANGNET_SMALL_CELL_K (default 5).
- Primary suppression: a count of 1..k-1 is hidden and shown as "< k"; any other figure
  that describes fewer than k people (an average, a share, a mean change) is hidden too.
- Zero is shown as 0: a zero describes nobody.
- Secondary suppression: a table is a set of cells and a list of *constraints*, each saying
  "these parts add up to that total" (a row with its row total, a column with its column
  total, the totals with the grand total). While any constraint holds exactly one hidden
  cell, the smallest published cell of that constraint is hidden as well (shown as "x").
  Then a linear-algebra check looks for hidden cells that the published cells still pin
  down through several constraints together (a hidden cell on no cycle of hidden cells);
  for each, another cell of one of its constraints is hidden. Last, the same is done for
  cells that the marks pin down together with the totals ("< k" means 1..k-1, "x" at least
  0: "< 5" + "< 5" = "< 5"... with a published remainder of 2 gives 1 and 1); when nothing
  is left to hide, a "< k" total is shown as "x" instead. This repeats until stable.

`recoverable_by_subtraction` (the attacker's subtraction chain) and
`recoverable_by_algebra` (any exact solution of the linear system) check the result; the
hypothesis tests run both on generated tables.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings

PRIMARY = "primary"
SECONDARY = "secondary"

Key = Hashable


def small_cell_k() -> int:
    return max(1, int(getattr(settings, "VANGNET_SMALL_CELL_K", 5)))


def is_small(count: int | None, k: int) -> bool:
    """Does this count need primary suppression (1..k-1)?"""
    return count is not None and 0 < count < k


@dataclass(frozen=True)
class Cell:
    """A published figure: the value, or why it is hidden."""

    value: int | float | None
    hidden: str = ""  # "", PRIMARY or SECONDARY
    k: int = 5

    @property
    def shown(self) -> bool:
        return not self.hidden and self.value is not None

    @property
    def text(self) -> str:
        if self.hidden == PRIMARY:
            return f"< {self.k}"
        if self.hidden == SECONDARY:
            return "x"
        if self.value is None:
            return "–"
        if isinstance(self.value, float):
            from django.utils.formats import number_format

            return number_format(self.value, 1)
        return str(self.value)

    @property
    def number(self) -> float:
        """The value for a bar chart: 0 when hidden."""
        return float(self.value) if self.shown and self.value is not None else 0.0

    def __str__(self) -> str:
        return self.text


def figure(value: float | int | None, *, people: int, k: int) -> Cell:
    """A figure that is not a count (average, share, mean change) about `people` people:
    hidden when it describes fewer than k people (and more than none)."""
    if value is None:
        return Cell(None, k=k)
    if people < k:
        return Cell(None, PRIMARY, k=k)
    return Cell(value, k=k)


# --------------------------------------------------------------------------- the algorithm


@dataclass
class Suppressed:
    """The outcome for a set of cells: which are hidden and why."""

    values: dict[Key, int]
    hidden: dict[Key, str] = field(default_factory=dict)
    k: int = 5

    def cell(self, key: Key) -> Cell:
        """The published cell: a hidden cell carries no value at all, so nothing that
        serialises a report (an API, an export) can leak it."""
        hidden = self.hidden.get(key, "")
        return Cell(None if hidden else self.values[key], hidden, k=self.k)


Constraint = tuple[Key, Sequence[Key]]  # (total, parts): sum(parts) == total


def _members(constraint: Constraint) -> list[Key]:
    total, parts = constraint
    return [*parts, total]


def _pick(
    constraint: Constraint, values: Mapping[Key, int], hidden: Mapping[Key, str]
) -> Key | None:
    """The smallest published non-zero cell of the constraint (parts before the total on a
    tie); a zero only when nothing else is left. Hiding a zero next to a small cell protects
    little: "x + 0 = 1" with x at least 1 gives x away."""
    members = _members(constraint)
    candidates = [(values[key] == 0, values[key], index, key) for index, key in enumerate(members)]
    candidates = [c for c in candidates if c[3] not in hidden]
    if not candidates:
        return None
    return min(candidates)[3]


def _determined(
    hidden: Iterable[Key], constraints: Sequence[Constraint], values: Mapping[Key, int]
) -> list[Key]:
    """Hidden cells whose value follows exactly from the published ones (linear algebra:
    a hidden cell is determined when every solution of the homogeneous system has a zero
    in its place, i.e. its column is not touched by the null space)."""
    keys = [key for key in values if key in set(hidden)]
    if not keys:
        return []
    index = {key: i for i, key in enumerate(keys)}
    rows = []
    for total, parts in constraints:
        row = np.zeros(len(keys))
        touched = False
        for key, sign in [*((part, 1.0) for part in parts), (total, -1.0)]:
            if key in index:
                row[index[key]] += sign
                touched = True
        if touched:
            rows.append(row)
    if not rows:
        return []
    matrix = np.array(rows)
    # Only V is needed; a full U (constraints x constraints) was most of the time.
    _u, singular, vt = np.linalg.svd(matrix, full_matrices=matrix.shape[0] < matrix.shape[1])
    rank = int((singular > 1e-9).sum())
    null = vt[rank:]
    if null.shape[0] == 0:
        return list(keys)
    return [key for key in keys if np.all(np.abs(null[:, index[key]]) < 1e-9)]


def _bounds(
    values: Mapping[Key, int],
    hidden: Mapping[Key, str],
    constraints: Sequence[Constraint],
    k: int,
) -> dict[Key, tuple[float, float]]:
    """What a reader can derive from the bounds: a "< k" cell lies in 1..k-1, an "x" cell is
    at least 0; every constraint then narrows each hidden cell to [total's low - the others'
    highs, total's high - the others' lows]. Repeated until nothing changes."""
    inf = float("inf")
    bounds: dict[Key, tuple[float, float]] = {}
    for key in hidden:
        bounds[key] = (1.0, float(k - 1)) if hidden[key] == PRIMARY else (0.0, inf)

    def span(key: Key) -> tuple[float, float]:
        return bounds.get(key, (float(values[key]), float(values[key])))

    for _round in range(4 * len(values) + 4):
        changed = False
        for total, parts in constraints:
            members = [(part, 1) for part in parts] + [(total, -1)]
            if not any(key in bounds for key, _sign in members):
                continue
            for key, sign in members:
                if key not in bounds:
                    continue
                # sign * key = -(sum of the other signed members)
                low = high = 0.0
                for other, other_sign in members:
                    if other == key:
                        continue
                    o_low, o_high = span(other)
                    if other_sign > 0:
                        low, high = low - o_high, high - o_low
                    else:
                        low, high = low + o_low, high + o_high
                if sign < 0:
                    low, high = -high, -low
                old_low, old_high = bounds[key]
                new = (max(old_low, low), min(old_high, high))
                if new != (old_low, old_high) and new[0] <= new[1]:
                    bounds[key] = new
                    changed = True
        if not changed:
            break
    return bounds


def recoverable_by_bounds(
    values: Mapping[Key, int],
    hidden: Mapping[Key, str],
    constraints: Sequence[Constraint],
    *,
    k: int,
) -> set[Key]:
    """Hidden cells pinned to one value by the bounds and the constraints together (beyond
    what the mark alone says: with k = 2, "< 2" can only be 1)."""
    return {
        key
        for key, (low, high) in _bounds(values, hidden, constraints, k).items()
        if low == high and not (hidden[key] == PRIMARY and k == 2)
    }


def suppress(
    values: Mapping[Key, int],
    constraints: Sequence[Constraint],
    *,
    k: int | None = None,
    forced: Mapping[Key, str] | None = None,
    bounds: bool = True,
) -> Suppressed:
    """Primary and secondary suppression of `values` under `constraints` (see module).
    `forced` cells are hidden whatever their value (a caller's own rules: a figure derived
    from a hidden count, a row of too few networks); "primary" there means 1..k-1. Without
    `bounds`, the marks' bounds are left to the caller (`reports.disclosure`'s linear
    programs check them and more)."""
    k = small_cell_k() if k is None else k
    values = {key: int(value) for key, value in values.items()}
    hidden: dict[Key, str] = {key: PRIMARY for key, value in values.items() if is_small(value, k)}
    for key, kind in (forced or {}).items():
        hidden.setdefault(key, kind)
    for _round in range(2 * len(values) + 2):
        changed = False
        for constraint in constraints:
            members = _members(constraint)
            if sum(1 for key in members if key in hidden) == 1:
                chosen = _pick(constraint, values, hidden)
                if chosen is not None:
                    hidden[chosen] = SECONDARY
                    changed = True
        if changed:
            continue
        exposed = _determined(hidden, constraints, values)
        by_bounds = not exposed and bounds
        if by_bounds:
            exposed = sorted(recoverable_by_bounds(values, hidden, constraints, k=k), key=str)
        for key in exposed:
            for constraint in constraints:
                if key in _members(constraint):
                    chosen = _pick(constraint, values, hidden)
                    if chosen is not None:
                        hidden[chosen] = SECONDARY
                        changed = True
                        break
            if changed:
                break
        if not changed and by_bounds:
            # Nothing left to hide around it (e.g. 1 + 1 = 2, all "< 5"): the "< k" mark
            # itself gives it away, so one of them, a total first, is shown as "x".
            totals = {total for total, _parts in constraints}
            primaries = sorted(
                (key for key in exposed if hidden[key] == PRIMARY),
                key=lambda key: (key not in totals, str(key)),
            )
            if primaries:
                hidden[primaries[0]] = SECONDARY
                changed = True
        if not changed:
            break
    return Suppressed(values=values, hidden=hidden, k=k)


# --------------------------------------------------------------------------- checkers


def recoverable_by_subtraction(
    values: Mapping[Key, int], hidden: Iterable[Key], constraints: Sequence[Constraint]
) -> set[Key]:
    """What an attacker gets by repeated subtraction: whenever a constraint has exactly one
    unknown cell, it is total minus the other parts; repeat with what was learnt."""
    unknown = set(hidden)
    recovered: set[Key] = set()
    progress = True
    while progress:
        progress = False
        for constraint in constraints:
            missing = [key for key in _members(constraint) if key in unknown]
            if len(missing) == 1:
                unknown.discard(missing[0])
                recovered.add(missing[0])
                progress = True
    return recovered


def recoverable_by_algebra(
    values: Mapping[Key, int], hidden: Iterable[Key], constraints: Sequence[Constraint]
) -> set[Key]:
    """Hidden cells with exactly one solution of the whole linear system."""
    return set(_determined(hidden, constraints, values))
