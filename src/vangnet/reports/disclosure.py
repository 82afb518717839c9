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
   up to the year's (a year is the sum of its quarters only for visits and for what the
   neighbourhood activities produced, `buurt:*`: people and pairs are counted once per
   period). The neighbourhood's guests and results are protected like people: each kind
   apart, related only to itself across areas and quarters.
4. **Audit with the attacker's linear program**: for every hidden cell, the smallest and
   largest value that all published figures allow (`feasible_intervals`: the additive
   relations above, plus what is known without being additive: a quarter's people and
   pairs are at most the year's and together at least the year's, long-term and steady
   are at most reached, visits lie between reached and reached x sessions, and the marks'
   bounds). A hidden cell whose interval is narrower than its margin (`margin`: two for a
   count, one person per session for visits) gets another cell of one of its relations
   hidden; when none is left, a "< k" mark that narrows it is shown as "x" instead; the
   whole repeats until no interval is too narrow. Cells that are 0 because a row had no
   sessions in a period are public knowledge (margin 0) and never chosen.
5. **Bounded, and safe when the bound is hit**: at most `MAX_ROUNDS` repair rounds and
   `MAX_SOLVES` linear programs (counts, not time, so one grid always gives one result).
   When the repair gives up, every cell of the family of the cells it could not repair
   (people and visits, or support pairs) is hidden as "x": nothing of that family is
   published rather than something recoverable (logged as a warning).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from vangnet.neighbourhood.selectors import PROTECTED_MEASURES
from vangnet.reports.feasible import Budget, BudgetExceeded, Relation, feasible_intervals
from vangnet.reports.grid import ALL, PEOPLE, TIE_KEYS, Grid
from vangnet.reports.suppression import PRIMARY, SECONDARY, Cell, Constraint, is_small, suppress

__all__ = ["Protected", "Relation", "equalities", "feasible_intervals", "protect", "relations"]

logger = logging.getLogger("vangnet.reports")

Key = tuple  # (measure, row, period key)
TIES = "ties"
DISTINCT = ("reached", "long_term", *(f"tie:{t}" for t in TIE_KEYS), TIES)
TIE_MEASURES = tuple(f"tie:{t}" for t in TIE_KEYS)
PEOPLE_FAMILY = (*PEOPLE, "visits")  # related to each other (and to sessions) only
# What the neighbourhood activities produced: sums over sessions (a quarter adds to the
# year, an area to the total), related to nothing else.
BUURT = tuple(f"buurt:{m}" for m in PROTECTED_MEASURES)
MAX_ROUNDS = 200  # repair rounds of one protection; then the fallback (see `protect`)
MAX_SOLVES = 20_000  # linear programs of one protection; then the fallback


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
            for measure in BUURT:
                values[(measure, row, period.key)] = grid.get(measure, row, period.key)
    return values


def equalities(grid: Grid) -> list[Constraint]:
    """The additive relations a viewer can combine: (total, parts)."""
    constraints: list[Constraint] = []
    year = grid.periods[-1].key
    quarters = [p.key for p in grid.periods[:-1]]
    measures = (*PEOPLE, "visits", *(f"tie:{t}" for t in TIE_KEYS), TIES, *BUURT)
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
        for measure in ("visits", *BUURT):  # sums over sessions: the quarters make the year
            constraints.append(((measure, row, year), [(measure, row, q) for q in quarters]))
    return constraints


def relations(grid: Grid) -> list[Relation]:
    """Every relation the attacker uses: the equalities and the known inequalities."""
    found = [
        Relation(((total, -1.0), *((part, 1.0) for part in parts)), 0.0, True)  # type: ignore[arg-type]
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
    if measure in PEOPLE_FAMILY and not grid.get("sessions", row, period):
        return 0.0  # no sessions: nobody came, everyone knows these are 0
    if measure == "visits":
        return max(1.0, float(grid.get("sessions", row, period)))
    return float(max(0, min(2, k - 2)))


@dataclass
class Protected:
    values: dict[Key, int]
    hidden: dict[Key, str]
    k: int
    fallback: tuple[str, ...] = ()  # families hidden whole because the repair gave up

    def cell(self, key: Key) -> Cell:
        kind = self.hidden.get(key, "")
        return Cell(None if kind else self.values.get(key, 0), kind, k=self.k)


def _by_key(found: list[Relation]) -> dict[Key, list[Relation]]:
    index: dict[Key, list[Relation]] = {}
    for rel in found:
        for key in rel.keys:
            index.setdefault(key, []).append(rel)
    return index


def _candidate(
    key: Key,
    hidden: Mapping[Key, str],
    values: Mapping[Key, int],
    index: Mapping[Key, list[Relation]],
    useless: set[Key],
    *,
    first: int = 0,
    depth: int = 4,
) -> Key | None:
    """A published cell that shares a relation with `key` (the smallest non-zero first);
    else one that shares a relation with a hidden cell of those relations. Cells everyone
    knows (`useless`: no sessions, so nobody came) protect nothing and are never chosen.
    Looks `first`..`depth`-1 relations away."""
    seen, frontier = {key}, [key]
    for level in range(depth):
        options = []
        following = []
        for rel in {id(rel): rel for f in frontier for rel in index.get(f, ())}.values():
            for member in rel.keys:
                if member in hidden and member not in seen:
                    seen.add(member)
                    following.append(member)
                elif member not in hidden and member in values and member not in useless:
                    options.append((values[member] == 0, values[member], str(member), member))
        if options and level >= first:
            return min(options)[3]
        frontier = following
    return None


def _mark(key: Key, hidden: Mapping[Key, str], index: Mapping[Key, list[Relation]]):
    """A "< k" count (not visits: their mark bounds nothing) of `key` or its relations."""
    marks = [key, *sorted(_related(key, index) - {key}, key=str)]
    return next((m for m in marks if hidden.get(m) == PRIMARY and m[0] != "visits"), None)


def _related(key: Key, index: Mapping[Key, list[Relation]]) -> set[Key]:
    return {member for rel in index.get(key, ()) for member in rel.keys}


def _family(measure: str) -> tuple[str, ...]:
    if measure in BUURT:
        return BUURT
    return PEOPLE_FAMILY if measure in PEOPLE_FAMILY else (*TIE_MEASURES, TIES)


def _hide_families(values: Mapping[Key, int], hidden: dict[Key, str], measures: set[str]) -> None:
    """The fallback: every cell of these families hidden as "x" (no "< k" bounds either).
    Their relations all have bound 0 and hold among the family's cells and the public
    sessions only, so the true values times any factor >= 0 fit too: every hidden cell
    that is not 0 by public knowledge is unbounded above, and can be 0."""
    families = {m for measure in measures for m in _family(measure)}
    for key in values:
        if key[0] in families:
            hidden[key] = SECONDARY


def _narrow(intervals, grid: Grid, k: int) -> list[Key]:
    return sorted(
        (key for key, (low, high) in intervals.items() if high - low < margin(key, grid, k) - 1e-6),
        key=str,
    )


def protect(grid: Grid, *, k: int, audit: bool = True) -> Protected:
    """Which cells of the grid are hidden, and why (see module). Deterministic: the same
    grid always gives the same result (the work is bounded by counts, not by time).
    Linear algebra runs on one thread: on a busy server, BLAS threads fighting for the
    cores made the null-space checks twenty times slower."""
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"):
        return _protect(grid, k=k, audit=audit)


def _protect(grid: Grid, *, k: int, audit: bool) -> Protected:
    values = grid_values(grid)
    constraints = equalities(grid)
    found = relations(grid)
    index = _by_key(found)
    useless = {key for key in values if margin(key, grid, k) == 0 and key[0] in PEOPLE_FAMILY}
    display: dict[Key, str] = {}
    forced: dict[Key, str] = {}
    demoted: set[Key] = set()  # "< k" cells shown as "x": their mark pinned a neighbour
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
    memo: dict = {}  # a component's intervals depend only on its hidden cells and marks
    budget = Budget(limit=MAX_SOLVES)
    stuck: list[Key] = []
    for _round in range(MAX_ROUNDS):
        hidden = dict(
            suppress(values, constraints, k=k, forced=forced, bounds=not audit).hidden  # type: ignore[arg-type]
        )
        hidden.update({key: SECONDARY for key in demoted})
        extra: dict[Key, str] = {}
        for key in hidden:
            if key[0] == "reached" and ("visits", *key[1:]) not in hidden:
                extra[("visits", *key[1:])] = SECONDARY
        stuck = []
        if not extra and audit:
            try:
                intervals = feasible_intervals(
                    values,
                    hidden,
                    found,
                    k=k,
                    memo=memo,
                    enough=lambda key: margin(key, grid, k),
                    budget=budget,
                )
            except BudgetExceeded as error:
                logger.warning("Report suppression: %s; hiding whole families", error)
                stuck = sorted((key for key in hidden if key not in useless), key=str)
                break
            taken: set = set()
            for key in _narrow(intervals, grid, k):
                if taken & _related(key, index):
                    continue  # one repair per group of related cells in a round
                # First a published cell of its own relations; else a "< k" mark that
                # narrows it is shown as "x" (the cell itself first, then its relations'
                # cells); else a published cell further away.
                chosen = _candidate(key, hidden, values, index, useless, depth=1)
                if chosen is None:
                    chosen = _mark(key, hidden, index)
                    if chosen is not None:
                        demoted.add(chosen)
                if chosen is None:
                    chosen = _candidate(key, hidden, values, index, useless, first=1)
                if chosen is None:
                    stuck.append(key)
                    continue
                extra[chosen] = SECONDARY
                taken |= _related(key, index) | {chosen}
        if not extra:
            break
        forced.update(extra)
    else:
        stuck = sorted(
            (key for key, kind in hidden.items() if key not in useless and kind), key=str
        )
        logger.warning("Report suppression: no result after %s rounds", MAX_ROUNDS)
    families = tuple(sorted({_family(key[0])[0] for key in stuck}))
    if stuck:
        logger.warning(
            "Report suppression of %s fell back: every figure of %s hidden",
            grid.year,
            ", ".join(families),
        )
        _hide_families(values, hidden, {key[0] for key in stuck})
    for key, kind in display.items():
        # "< k" for an average says its people reached are 1..k-1: only while they say so
        if key in hidden and hidden.get(("reached", *key[1:])) == PRIMARY:
            hidden[key] = kind
    return Protected(values=values, hidden=hidden, k=k, fallback=families)
