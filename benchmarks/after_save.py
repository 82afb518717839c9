"""What the in-process profiles of a page looked at after saves share
(benchmarks/profile_network_after_save.py, benchmarks/profile_dashboard_after_saves.py):
a save on a network's session screen as its lead worker makes it, the parts of a request
timed one by one (`--breakdown`) and the printed figures. Set up Django first."""

from __future__ import annotations

import importlib
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from pages import percentile

FORM = "application/x-www-form-urlencoded"
# Per part: calls, CPU ms, queries.
Stats = dict[str, list[float]]


def instrument(
    parts: Iterable[str], stats: Stats, connection: Any, *, where_imported: bool = False
) -> None:
    """Wrap each function named in `parts` (dotted paths) to add its calls, CPU ms and
    queries to `stats`. With `where_imported`, also where a vangnet module imported it by
    name, and a name that does not exist is skipped."""
    for name in parts:
        module_name, _, attr = name.rpartition(".")
        module = importlib.import_module(module_name)
        function = getattr(module, attr, None) if where_imported else getattr(module, attr)
        if function is None:
            continue

        def wrapped(*args: Any, _f: Callable = function, _n: str = name, **kw: Any) -> Any:
            started, queries = time.process_time(), len(connection.queries)
            try:
                return _f(*args, **kw)
            finally:
                row = stats.setdefault(_n.removeprefix("vangnet."), [0, 0.0, 0])
                row[0] += 1
                row[1] += (time.process_time() - started) * 1000
                row[2] += len(connection.queries) - queries

        setattr(module, attr, wrapped)
        if where_imported:
            for other in list(sys.modules.values()):
                if getattr(other, "__name__", "").startswith("vangnet.") and (
                    getattr(other, attr, None) is function
                ):
                    setattr(other, attr, wrapped)


def add_look(stats: Stats, before: Stats, per_look: Stats) -> None:
    """Add what `stats` gained since `before` (a copy taken before the look) to `per_look`."""
    for key, row in stats.items():
        old = before.get(key, [0, 0.0, 0])
        total = per_look.setdefault(key, [0, 0.0, 0])
        for index in range(3):
            total[index] += row[index] - old[index]


def save_screen(network: Any, session_id: int, workers: dict[int, Any], toggle: int) -> None:
    """The session screen of `network`'s session saved by its lead worker (a client of
    `workers`, made and signed in on first use) with one checkbox flipped, as the load
    test's workers save it."""
    from django.test import Client
    from django.urls import reverse
    from forms import toggled_payload

    worker = workers.get(network.lead_worker_id)
    if worker is None:
        worker = workers[network.lead_worker_id] = Client()
        worker.force_login(network.lead_worker)
    screen = reverse("networks:session_record", args=[network.pk, session_id])
    payload = toggled_payload(worker.get(screen).content.decode(), toggle)
    saved = worker.post(screen, urlencode(payload, doseq=True), content_type=FORM)
    assert saved.status_code in (200, 302), saved.status_code


def summary(label: str, cpu: list[float], queries: list[int]) -> str:
    return (
        f"{label}: CPU median {statistics.median(cpu):.1f} ms, p95 "
        f"{percentile(cpu, 0.95):.1f} ms, mean {statistics.mean(cpu):.1f} ms; queries median "
        f"{statistics.median(queries)}, p95 {percentile(queries, 0.95)}"
    )


def print_breakdown(per_look: Stats, looks: int, width: int) -> None:
    """Each part's calls, CPU ms and queries per look, the costliest first."""
    for key, (calls, ms, count) in sorted(per_look.items(), key=lambda item: -item[1][1]):
        print(
            f"  {key:{width}s} calls {calls / looks:4.2f}  CPU {ms / looks:6.2f} ms  "
            f"queries {count / looks:5.2f}"
        )
