"""Waiting until a real process the tests started (the background worker, `make demo`)
reaches a state."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
DEADLINE = 120  # seconds: a generous bound on a loaded machine, not a timing claim


def wait_for(condition: Callable[[], T], what: str, *, every: float = 0.1) -> T:
    """The first true value `condition()` gives, asked every `every` seconds; an
    AssertionError naming `what` after DEADLINE seconds."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")
