"""Where each name goes in the sociogram, so names never lie on top of each other.

Pure: points in drawing units in, one placement per person out. People with the most ties
choose first; each takes the first of eight spots around their dot (above, below, right,
left, then the corners) that touches no dot and no name placed before. A name that finds
no free spot is marked `dense`: the page shows it only when that person is chosen or has
the focus, and the table under the picture always names everyone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class LabelPlace:
    x: float
    y: float  # the text's baseline
    anchor: str  # "start", "middle" or "end" (SVG text-anchor)
    dense: bool = False


def text_width(text: str, font: float) -> float:
    """A generous estimate of a sans-serif text's width (no font metrics on the server)."""
    wide = sum(1 for char in text if char.isupper() or char in "mwMW")
    return font * (0.56 * len(text) + 0.12 * wide) + 2


def _box(x: float, y: float, anchor: str, width: float, font: float) -> Box:
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return (left, y - font * 0.8, left + width, y + font * 0.25)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(x: float, y: float, radius: float, font: float) -> list[tuple[float, float, str]]:
    gap = radius + 4
    side = y + font * 0.3
    return [
        (x, y - gap, "middle"),
        (x, y + gap + font * 0.8, "middle"),
        (x + gap, side, "start"),
        (x - gap, side, "end"),
        (x + radius, y - radius - 2, "start"),
        (x - radius, y - radius - 2, "end"),
        (x + radius, y + radius + font * 0.8 + 2, "start"),
        (x - radius, y + radius + font * 0.8 + 2, "end"),
    ]


def place_labels(
    points: Mapping[int, tuple[float, float]],
    texts: Mapping[int, str],
    *,
    order: Iterable[int],
    radius: float,
    font: float,
    bounds: Box,
) -> dict[int, LabelPlace]:
    """A placement for every person in `order` that has a point and a text."""
    dots = {
        pid: (x - radius - 1, y - radius - 1, x + radius + 1, y + radius + 1)
        for pid, (x, y) in points.items()
    }
    placed: list[Box] = []
    result: dict[int, LabelPlace] = {}
    for pid in order:
        if pid not in points or pid not in texts:
            continue
        x, y = points[pid]
        width = text_width(texts[pid], font)
        choice: LabelPlace | None = None
        for cx, cy, anchor in _candidates(x, y, radius, font):
            box = _box(cx, cy, anchor, width, font)
            inside = (
                box[0] >= bounds[0]
                and box[1] >= bounds[1]
                and box[2] <= bounds[2]
                and box[3] <= bounds[3]
            )
            if not inside:
                continue
            if any(_overlaps(box, other) for other in placed):
                continue
            if any(_overlaps(box, dot) for other, dot in dots.items() if other != pid):
                continue
            choice = LabelPlace(cx, cy, anchor)
            placed.append(box)
            break
        if choice is None:
            choice = LabelPlace(x, y - radius - 4, "middle", dense=True)
        result[pid] = choice
    return result


def spread(
    positions: Mapping[int, tuple[float, float]], *, minimum: float, rounds: int = 60
) -> dict[int, tuple[float, float]]:
    """Pushes dots that lie closer than `minimum` apart (in the unit square), the same way
    every time, so a dense centre opens up while the picture keeps its shape."""
    current = {pid: (float(x), float(y)) for pid, (x, y) in sorted(positions.items())}
    ids = list(current)
    for _round in range(rounds):
        moved = False
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                (ax, ay), (bx, by) = current[a], current[b]
                dx, dy = bx - ax, by - ay
                distance = (dx * dx + dy * dy) ** 0.5
                if distance >= minimum:
                    continue
                if distance < 1e-9:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (minimum - distance) / 2 + 1e-4
                ux, uy = dx / distance, dy / distance
                current[a] = (_clamp(ax - ux * push), _clamp(ay - uy * push))
                current[b] = (_clamp(bx + ux * push), _clamp(by + uy * push))
                moved = True
        if not moved:
            break
    return current


def _clamp(value: float) -> float:
    return min(0.96, max(0.04, value))
