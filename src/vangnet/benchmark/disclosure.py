"""Which benchmark cells are published (pure: no database; docs/benchmark.md).

A cell is one distribution: a quarter, a phase (or all phases) and a figure. Its
contributions are histograms per organisation (`Contribution`); its size is the number of
networks in it. A cell is published only when

1. it holds at least k networks (`reports.suppression.small_cell_k`, the municipality
   report's k; the values inside already passed its primary suppression, metrics.py);
2. at least `MIN_ORGANISATIONS` (3) organisations contribute to it; and
3. no organisation contributes more than `DOMINANCE_SHARE` (half) of its networks.

A viewer chooses a quarter and a phase. The phases of a quarter add up to "all phases", so
a viewer who sees "all phases" and some phases could take the published phases away from
the whole (differencing). So, per quarter and figure, the hidden phases *together* must pass
the same rule; while they do not, the smallest published phase is hidden as well (like the
report's secondary suppression). The three rules hold for any union of cells that each pass
them (sizes add up, organisations only grow, and a share above one half in the union needs a
share above one half in one of the parts), so then every set a viewer can difference out
(the whole minus any published phases) passes them too; `tests/benchmark/
test_disclosure_property.py` checks every combination. Quarters are never added up (each is
a snapshot of the networks on its own last day) and figures are different quantities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

ALL_PHASES = "all"
MIN_ORGANISATIONS = 3
DOMINANCE_SHARE = 0.5


@dataclass(frozen=True)
class Contribution:
    """One organisation's networks in one cell of one quarter, as a histogram."""

    organisation: str  # an opaque reference, never a name
    phase: str
    metric: str
    bins: tuple[int, ...]

    @property
    def networks(self) -> int:
        return sum(self.bins)


@dataclass(frozen=True)
class CellKey:
    phase: str
    metric: str


@dataclass
class Cell:
    """A cell's combined histogram and, per organisation, its number of networks."""

    bins: list[int]
    by_organisation: dict[str, int] = field(default_factory=dict)

    @property
    def networks(self) -> int:
        return sum(self.by_organisation.values())

    @property
    def organisations(self) -> int:
        return sum(1 for n in self.by_organisation.values() if n > 0)


def passes(by_organisation: Mapping[str, int], *, k: int) -> bool:
    """The three rules for one set of networks (see module)."""
    counts = [n for n in by_organisation.values() if n > 0]
    total = sum(counts)
    if total < k or len(counts) < MIN_ORGANISATIONS:
        return False
    return max(counts) <= DOMINANCE_SHARE * total


def combine(contributions: Iterable[Contribution]) -> dict[CellKey, Cell]:
    """The cells of one quarter: every phase's and, summed over the phases, "all"."""
    cells: dict[CellKey, Cell] = {}
    for item in contributions:
        for phase in (item.phase, ALL_PHASES):
            key = CellKey(phase, item.metric)
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = Cell(bins=[0] * len(item.bins))
            if len(cell.bins) != len(item.bins):
                raise ValueError("histograms of one figure differ in their number of bins")
            cell.bins = [a + b for a, b in zip(cell.bins, item.bins, strict=True)]
            cell.by_organisation[item.organisation] = (
                cell.by_organisation.get(item.organisation, 0) + item.networks
            )
    return cells


def union(cells: Sequence[Cell]) -> dict[str, int]:
    merged: dict[str, int] = defaultdict(int)
    for cell in cells:
        for organisation, n in cell.by_organisation.items():
            merged[organisation] += n
    return dict(merged)


def published_keys(cells: Mapping[CellKey, Cell], *, k: int) -> set[CellKey]:
    """The cells of one quarter that may be shown (primary rules, then differencing)."""
    published = {key for key, cell in cells.items() if passes(cell.by_organisation, k=k)}
    for metric in {key.metric for key in cells}:
        whole = CellKey(ALL_PHASES, metric)
        if whole not in published:
            continue
        parts = [key for key in cells if key.metric == metric and key.phase != ALL_PHASES]
        while True:
            hidden = [key for key in parts if key not in published]
            rest = union([cells[key] for key in hidden])
            if not hidden or not any(rest.values()) or passes(rest, k=k):
                break
            shown = [key for key in parts if key in published]
            if not shown:  # cannot happen: all parts hidden is the published whole
                published.discard(whole)
                break
            smallest = min(shown, key=lambda key: (cells[key].networks, key.phase))
            published.discard(smallest)
    return published
