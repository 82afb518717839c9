"""The data behind the sociogram page: one layout for the whole history, panels per phase
or quarter, in a fixed number of queries whatever the network's size."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

import networkx as nx

from vangnet.networks.phases import network_phases
from vangnet.support.labels import spread
from vangnet.support.measures import (
    QUARTER,
    Edge,
    Measures,
    active_days,
    compute_measures,
    network_edges,
    periods_between,
)

LAYOUT_SEED = 7


@dataclass
class Panel:
    title: str
    start: dt.date
    end: dt.date
    present: set[int]
    arcs: list[tuple[int, int, str, int]]  # giver, receiver, type, number of ties
    measures: Measures
    is_deepening: bool = False


@dataclass
class Sociogram:
    positions: dict[int, tuple[float, float]]
    labels: dict[int, str]
    main: Panel
    panels: list[Panel] = field(default_factory=list)


def stable_layout(nodes: list[int], edges: list[Edge]) -> dict[int, tuple[float, float]]:
    """Places in [0, 1]: people who ever had a tie by spring_layout with a fixed seed on the
    whole history; the others in rows along the bottom, so each keeps one place."""
    tied = sorted({edge.giver for edge in edges} | {edge.receiver for edge in edges})
    untied = [node for node in sorted(nodes) if node not in set(tied)]
    per_row = 8
    rows = math.ceil(len(untied) / per_row)
    band = min(0.4, rows * 0.065)
    top = 0.96 - band if tied else 0.04
    positions: dict[int, tuple[float, float]] = {}
    for index, node in enumerate(untied):
        row, col = divmod(index, per_row)
        in_row = min(per_row, len(untied) - row * per_row)
        x = 0.04 + 0.92 * (col + 0.5) / in_row
        y = top + (band if tied else 0.92) * (row + 0.5) / max(rows, 1)
        positions[node] = (x, y)
    if not tied:
        return positions
    graph = nx.Graph()
    graph.add_nodes_from(tied)
    weights = Counter(tuple(sorted((edge.giver, edge.receiver))) for edge in edges)
    for (a, b), weight in sorted(weights.items()):
        graph.add_edge(a, b, weight=weight)
    if len(tied) == 1:
        raw = {tied[0]: (0.5, 0.5)}
    else:
        raw = nx.spring_layout(
            graph, seed=LAYOUT_SEED, k=2.0 / math.sqrt(len(tied)), iterations=100
        )
    height = top - 0.04 - (0.04 if untied else 0.0)

    def scale(value: float, values: list[float]) -> float:
        low, high = min(values), max(values)
        return 0.5 if high == low else (value - low) / (high - low)

    xs = [float(point[0]) for point in raw.values()]
    ys = [float(point[1]) for point in raw.values()]
    placed = {
        node: (
            0.04 + 0.92 * scale(float(point[0]), xs),
            0.04 + height * scale(float(point[1]), ys),
        )
        for node, point in raw.items()
    }
    # spring_layout packs the well-connected centre tightly: open it up so names fit.
    minimum = min(0.11, 0.75 / math.sqrt(len(tied)))
    for node, (x, y) in spread(placed, minimum=minimum).items():
        positions[node] = (x, min(y, 0.04 + height))
    return positions


def _panel(title, start, end, edges, days, support_type, *, is_deepening=False) -> Panel:
    chosen = [
        edge
        for edge in edges
        if start <= edge.date <= end and (not support_type or edge.support_type == support_type)
    ]
    active = {pid for pid, day in days if start <= day <= end}
    counts = Counter((edge.giver, edge.receiver, edge.support_type) for edge in chosen)
    tied = {edge.giver for edge in chosen} | {edge.receiver for edge in chosen}
    return Panel(
        title=title,
        start=start,
        end=end,
        present=active | tied,
        arcs=[(g, r, t, n) for (g, r, t), n in sorted(counts.items())],
        measures=compute_measures(ties=chosen, active=active),
        is_deepening=is_deepening,
    )


def sociogram_data(
    *,
    network,
    today: dt.date,
    names: dict[int, str] | None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    support_type: str = "",
    split: str = "phase",
) -> Sociogram:
    """Queries: ties (1), attendance (1), phase transitions (1 unless prefetched).
    `names` None gives anonymous numbers as labels."""
    edges = network_edges(network=network)
    days = active_days(network=network)
    nodes = sorted(
        {pid for pid, _day in days} | {e.giver for e in edges} | {e.receiver for e in edges}
    )
    positions = stable_layout(nodes, edges)
    if names is None:
        labels = {pid: str(number) for number, pid in enumerate(nodes, start=1)}
    else:
        labels = {pid: names.get(pid, "?") for pid in nodes}
    first = min([network.start_date, *(day for _pid, day in days), *(e.date for e in edges)])
    # Clamp to the network's life: junk dates never make thousands of panels.
    start = max(start or first, first)
    end = min(end or today, today)
    if start > end:
        start = end
    main = _panel("", start, end, edges, days, support_type)
    panels: list[Panel] = []
    if split == QUARTER:
        for period in periods_between(QUARTER, start, end):
            lo, hi = max(period.start, start), min(period.end, end)
            panels.append(_panel(period.label, lo, hi, edges, days, support_type))
    else:
        timeline = network_phases(network=network, on=today)
        for span in timeline.spans:
            if not span.started or span.actual_start is None:
                continue
            span_end = min(span.actual_end or today, today)
            lo, hi = max(span.actual_start, start), min(span_end, end)
            if lo > hi:
                continue
            panels.append(
                _panel(
                    f"{span.number}. {span.label}",
                    lo,
                    hi,
                    edges,
                    days,
                    support_type,
                    is_deepening=span.phase == "deepening",
                )
            )
    return Sociogram(positions=positions, labels=labels, main=main, panels=panels)
