"""The benchmark's figures per network and their bins (pure: no database; docs/benchmark.md).

Seven figures describe one network in one quarter. Each is published only as a distribution
over many networks of many organisations, never per network, and only from binned values:
the bins below are part of the exchange format (`EXCHANGE_VERSION`), so installations that
speak the same version add up each other's counts bin by bin.

A value that describes fewer than k people (`reports.suppression.small_cell_k`) is left out
before binning, as the municipality report hides such a figure (`reports.suppression.figure`):
the conversion of fewer than k new people, the steady group and attendance of a network
that reached fewer than k people, a *meedoen* change of fewer than k answers (already hidden
by `questionnaires.outcomes.paired_change`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from vangnet.reports.suppression import figure

EXCHANGE_VERSION = 1

PHASE_DELAY = "phase_delay"
CONVERSION = "conversion"
STEADY_TARGET = "steady_target"
ATTENDANCE = "attendance"
FIDELITY = "fidelity"
SUBGOALS = "subgoals"
MEEDOEN = "meedoen"


@dataclass(frozen=True)
class Metric:
    key: str
    low: float
    high: float
    bins: int
    # The figure's people count in a network's row ("" for a figure about the group only:
    # the phase, the fidelity score and the sub-goal judgements describe the network).
    people: str = ""
    percent: bool = False  # shown as a percentage

    @property
    def width(self) -> float:
        return (self.high - self.low) / self.bins

    def bin_of(self, value: float) -> int:
        """The bin of a value; values outside the range go into the first or last bin."""
        index = math.floor((value - self.low) / self.width + 1e-9)
        return min(self.bins - 1, max(0, index))

    def edges(self) -> list[float]:
        return [self.low + i * self.width for i in range(self.bins + 1)]


METRICS: dict[str, Metric] = {
    m.key: m
    for m in (
        Metric(PHASE_DELAY, 0, 360, 12),  # days behind the planned phase, 30 per bin
        Metric(CONVERSION, 0, 1, 10, people="acquainted", percent=True),
        Metric(STEADY_TARGET, 0, 1.5, 15, people="reached", percent=True),
        Metric(ATTENDANCE, 0, 20, 10, people="reached"),  # people present in a typical week
        Metric(FIDELITY, 0, 100, 10),
        Metric(SUBGOALS, 0, 1, 10, percent=True),
        Metric(MEEDOEN, -2, 2, 10, people="answers"),
    )
}
METRIC_KEYS: tuple[str, ...] = tuple(METRICS)
PERCENTILES: tuple[int, ...] = (10, 25, 50, 75, 90)


def published_value(metric: str, row: Mapping[str, object], *, k: int) -> float | None:
    """A network's value of `metric` as the benchmark may count it: None when it has none, or
    when it describes fewer than k people (primary small-cell suppression)."""
    spec = METRICS[metric]
    values = row.get("values")
    value = values.get(metric) if isinstance(values, Mapping) else None
    if not isinstance(value, int | float):
        return None
    if spec.people:
        people = row.get("people")
        count = people.get(spec.people, 0) if isinstance(people, Mapping) else 0
        cell = figure(float(value), people=int(count) if isinstance(count, int) else 0, k=k)
        if not cell.shown:
            return None
    return float(value)


def histogram(metric: str, values: Sequence[float]) -> list[int]:
    spec = METRICS[metric]
    counts = [0] * spec.bins
    for value in values:
        counts[spec.bin_of(value)] += 1
    return counts


def percentiles(metric: str, counts: Sequence[int]) -> dict[int, float]:
    """The percentiles of a histogram, spreading each bin's networks evenly over the bin."""
    spec = METRICS[metric]
    total = sum(counts)
    result: dict[int, float] = {}
    if total <= 0:
        return result
    for p in PERCENTILES:
        wanted = total * p / 100
        seen = 0
        for index, count in enumerate(counts):
            if count and seen + count >= wanted:
                inside = (wanted - seen) / count
                result[p] = spec.low + (index + inside) * spec.width
                break
            seen += count
    return result
