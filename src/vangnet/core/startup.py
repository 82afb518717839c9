"""What a web worker does once, after Django is loaded and before its first request."""

from __future__ import annotations

import gc

from django.urls import get_resolver


def prepare_worker() -> None:
    """Import every view (through the URLconf) and freeze the objects loaded so far.

    A worker holds some 200,000 long-lived objects after start-up (Django, numpy, scipy,
    networkx, WeasyPrint). Python's full garbage collection walks all of them, which took
    about 100 ms on the benchmark machine and landed in whichever request happened to
    trigger it: the organisation dashboard's slowest requests were these pauses.
    `gc.freeze()` moves the start-up objects out of the collector's view; what requests
    create is still collected as before (docs/performance.md)."""
    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and with it every view)
    gc.collect()
    gc.freeze()
