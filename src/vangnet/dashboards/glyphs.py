"""Digits as SVG stroke paths, for printed charts with hundreds of numbers.

WeasyPrint lays out and draws every SVG `<text>` on its own (a Pango layout each); the
phase chart of a 200-network report has some 800 phase numbers. Drawn as paths, all numbers
of one colour are one `<path>`. WeasyPrint parses path data point by point in Python, so
the digits are a few straight strokes each (6-16 points; a bold font's outlines had 20-40,
with curves: half the time of writing the whole report), drawn with a round pen
(`DIGIT_STROKE`), about the size of 12-unit bold text.
"""

from __future__ import annotations

Point = tuple[float, float]

# Per digit: its strokes as points, x from 0 to 5 (left to right), y from -8.6 (top) to 0
# (the baseline).
_STROKES: dict[str, tuple[tuple[Point, ...], ...]] = {
    "0": (((1.5, 0), (0, -1.5), (0, -7.1), (1.5, -8.6), (3.5, -8.6), (5, -7.1), (5, -1.5),
           (3.5, 0), (1.5, 0)),),
    "1": (((0.8, -6.9), (3, -8.6), (3, 0)),),
    "2": (((0.2, -7.2), (1.6, -8.6), (3.5, -8.6), (5, -7.1), (5, -5.6), (0, 0), (5.2, 0)),),
    "3": (((0.2, -8.6), (5, -8.6), (2.4, -5.2), (3.5, -5.2), (5, -3.7), (5, -1.5), (3.5, 0),
           (1.3, 0), (0, -1.2)),),
    "4": (((3.8, 0), (3.8, -8.6), (0, -2.6), (5.4, -2.6)),),
    "5": (((4.8, -8.6), (0.6, -8.6), (0.2, -4.8), (3.3, -5.4), (5, -3.8), (5, -1.5), (3.5, 0),
           (1.3, 0), (0, -1.2)),),
    "6": (((4.6, -8.2), (3.4, -8.6), (1.5, -8.6), (0, -7.1), (0, -1.5), (1.5, 0), (3.5, 0),
           (5, -1.5), (5, -3.6), (3.5, -5.1), (1.5, -5.1), (0, -3.6)),),
    "7": (((0, -8.6), (5, -8.6), (1.6, 0)),),
    "8": (((1.5, -4.6), (0.3, -5.8), (0.3, -7.4), (1.5, -8.6), (3.5, -8.6), (4.7, -7.4),
           (4.7, -5.8), (3.5, -4.6), (1.5, -4.6), (0, -3.1), (0, -1.5), (1.5, 0), (3.5, 0),
           (5, -1.5), (5, -3.1), (3.5, -4.6)),),
    "9": (((0.4, -0.4), (1.6, 0), (3.5, 0), (5, -1.5), (5, -7.1), (3.5, -8.6), (1.5, -8.6),
           (0, -7.1), (0, -5), (1.5, -3.5), (3.5, -3.5), (5, -5)),),
}  # fmt: skip
_WIDTH = 5.0
ADVANCE = 7.0  # from one digit's left edge to the next one's
DIGIT_STROKE = 'stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" fill="none"'


def digit_outline(text: str, *, x: float, y: float) -> str | None:
    """Path data drawing `text` (digits only) centred on `x` with its baseline at `y`, to be
    stroked (`DIGIT_STROKE`); None when `text` is not digits."""
    if not text or not text.isdigit() or not text.isascii():
        return None
    left = x - (ADVANCE * (len(text) - 1) + _WIDTH) / 2
    parts = []
    for digit in text:
        for stroke in _STROKES[digit]:
            points = [f"{left + px:.1f} {y + py:.1f}" for px, py in stroke]
            parts.append(f"M{points[0]}L{' '.join(points[1:])}")
        left += ADVANCE
    return "".join(parts)
