"""Digits as SVG path data, for printed charts with hundreds of numbers.

WeasyPrint lays out and draws every SVG `<text>` on its own (a Pango layout each); the
phase chart of a 200-network report has some 800 phase numbers. Drawn as outlines of the
font's digits, all numbers of one colour are one `<path>`. The outlines are read once from
the bold sans-serif font that fontconfig finds (fontTools, which WeasyPrint itself uses to
embed fonts); without that font or fontTools, `digit_outline` answers None and the chart
keeps its `<text>` numbers.
"""

from __future__ import annotations

import subprocess
from functools import lru_cache

from django.conf import settings

Point = tuple[float, float]


class _RelativePen:
    """A fontTools pen writing relative path commands, scaled and flipped (y down)."""

    def __init__(self, glyph_set, scale: float) -> None:
        from fontTools.pens.basePen import BasePen  # type: ignore[import-untyped]

        pen = self

        class Pen(BasePen):
            def _moveTo(self, pt):
                pen.move(pt)

            def _lineTo(self, pt):
                pen.command("l", pt)

            def _qCurveToOne(self, pt1, pt2):
                pen.command("q", pt1, pt2)

            def _curveToOne(self, pt1, pt2, pt3):
                pen.command("c", pt1, pt2, pt3)

            def _closePath(self):
                pen.close()

        self.pen = Pen(glyph_set)
        self.scale = scale
        self.parts: list[str] = []
        self.current: Point = (0.0, 0.0)
        self.start: Point = (0.0, 0.0)

    def _xy(self, pt) -> Point:
        # rounded here, so relative steps between rounded points never drift
        return round(pt[0] * self.scale, 1), round(-pt[1] * self.scale, 1)

    def _rel(self, pt) -> str:
        x, y = self._xy(pt)
        return f"{x - self.current[0]:.1f} {y - self.current[1]:.1f}".replace(".0 ", " ")

    def move(self, pt) -> None:
        self.parts.append("m" + self._rel(pt))
        self.current = self.start = self._xy(pt)

    def command(self, letter: str, *pts) -> None:
        self.parts.append(letter + " ".join(self._rel(pt) for pt in pts))
        self.current = self._xy(pts[-1])

    def close(self) -> None:
        self.parts.append("z")
        self.current = self.start


def _font_file() -> str | None:
    try:
        found = subprocess.run(  # noqa: S603 - fixed arguments, no user input
            ["fc-match", "-f", "%{file}", "sans-serif:bold"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None


@lru_cache(maxsize=1)
def _outlines(size: float) -> dict[str, tuple[str, float]] | None:
    """Per digit: relative path data from its origin (on the baseline) and its advance."""
    if not getattr(settings, "VANGNET_CHART_DIGIT_PATHS", True):
        return None
    try:
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - fontTools comes with WeasyPrint
        return None
    path = _font_file()
    if not path:
        return None
    try:
        font = TTFont(path, lazy=True)
        glyph_set = font.getGlyphSet()
        cmap = font.getBestCmap()
        scale = size / font["head"].unitsPerEm
        outlines = {}
        for digit in "0123456789":
            name = cmap[ord(digit)]
            pen = _RelativePen(glyph_set, scale)
            glyph_set[name].draw(pen.pen)
            outlines[digit] = ("".join(pen.parts), glyph_set[name].width * scale)
    except Exception:  # noqa: BLE001 - any unreadable font: the chart keeps <text>
        return None
    return outlines


def digit_outline(text: str, *, x: float, y: float, size: float = 12) -> str | None:
    """Path data drawing `text` (digits only) centred on `x` with its baseline at `y`, or
    None when the outlines are not available."""
    outlines = _outlines(size)
    if outlines is None or not text.isdigit():
        return None
    width = sum(outlines[digit][1] for digit in text)
    left = x - width / 2
    parts = []
    for digit in text:
        data, advance = outlines[digit]
        parts.append(f"M{left:.1f} {y:.1f}{data}")
        left += advance
    return "".join(parts)
