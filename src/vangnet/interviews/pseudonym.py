"""Pseudonymise quoted passages: every participant name becomes "[deelnemer]"."""

from __future__ import annotations

import re
from collections.abc import Iterable

PLACEHOLDER = "[deelnemer]"


def name_pattern(names: Iterable[str]) -> re.Pattern | None:
    """One case-insensitive whole-word pattern for all names (longest first, so "Anne Marie"
    wins over "Anne"); None when there is no name."""
    cleaned = sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(name) for name in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def pseudonymise(text: str, names: Iterable[str]) -> str:
    pattern = name_pattern(names)
    if pattern is None:
        return text
    return pattern.sub(PLACEHOLDER, text)
