"""The municipality report's protection on a dataset: the grid of each year protected
without and with the attacker's linear-program audit (no cache), and the report itself on
a first look (empty cache) and later looks. With --synthetic AREASxQUARTERS (e.g. 4x4,
12x4), also generated grids of that size (seeded; counts drawn like the hypothesis tests'),
because the benchmark datasets have few areas and hide little.

    DATABASE_URL=postgres://.../vangnet_bench_large .venv/bin/python \\
        benchmarks/report_protection.py [--years 2] [--reps 3] [--synthetic 4x4,12x4]

Prints one JSON object (and writes it to --out). Run by `make bench` (benchmarks/run.py)
for every dataset; docs/performance.md holds the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import time
from pathlib import Path


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def synthetic_grid(seed: int, areas: int, quarters: int):
    """A year's grid of `areas` rows and `quarters` quarters, counts drawn at random."""
    import random

    from vangnet.reports.grid import ALL, PEOPLE, TIE_KEYS, Grid
    from vangnet.reports.periods import quarter_period, year_period

    rng = random.Random(seed)
    periods = [quarter_period(2025, q + 1) for q in range(quarters)] + [year_period(2025)]
    rows = [f"Wijk {i}" for i in range(areas)]
    grid = Grid(2025, periods, {p.key: p.end for p in periods}, rows, [], False, 3, {})
    ties = [f"tie:{t}" for t in TIE_KEYS]
    year = periods[-1].key
    for row in rows:
        per_quarter: dict[str, list[int]] = {}
        for period in periods[:-1]:
            sessions = rng.choice([0, 6, 13])
            reached = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 12, 20]) if sessions else 0
            counts = {
                "sessions": sessions,
                "reached": reached,
                "long_term": rng.randint(0, reached),
                "steady": rng.randint(0, reached),
                "visits": rng.randint(reached, reached * sessions) if sessions else 0,
                **{t: rng.choice([0, 0, 1, 3, 5, 9]) for t in ties},
            }
            for measure, n in counts.items():
                grid.counts[(measure, row, period.key)] = n
                per_quarter.setdefault(measure, []).append(n)
        for measure, values in per_quarter.items():
            if measure in ("visits", "sessions"):
                grid.counts[(measure, row, year)] = sum(values)
            else:
                grid.counts[(measure, row, year)] = max(values) + (sum(values) - max(values)) // 2
        for measure in ("long_term", "steady"):
            grid.counts[(measure, row, year)] = min(
                grid.counts[(measure, row, year)], grid.counts[("reached", row, year)]
            )
    for period in periods:
        for measure in (*PEOPLE, "visits", "sessions", *ties):
            grid.counts[(measure, ALL, period.key)] = sum(
                grid.counts[(measure, row, period.key)] for row in rows
            )
    return grid


def time_synthetic(sizes: list[str], seeds: int, audit_only: bool) -> list[dict]:
    from vangnet.reports.disclosure import protect

    found = []
    for size in sizes:
        areas, quarters = (int(part) for part in size.split("x"))
        for audit in (True,) if audit_only else (False, True):
            samples, hidden, fallbacks = [], [], 0
            for seed in range(seeds):
                grid = synthetic_grid(seed, areas, quarters)
                k = 5 if seed % 2 == 0 else 3
                started = time.perf_counter()
                protected = protect(grid, k=k, audit=audit)
                samples.append(time.perf_counter() - started)
                hidden.append(len(protected.hidden))
                fallbacks += bool(getattr(protected, "fallback", ()))
            found.append(
                {
                    "size": size,
                    "audit": audit,
                    "grids": seeds,
                    "median_ms": _ms(statistics.median(samples)),
                    "max_ms": _ms(max(samples)),
                    "total_s": round(sum(samples), 1),
                    "hidden_median": statistics.median(hidden),
                    "fallbacks": fallbacks,
                }
            )
    return found


def run(years: int, reps: int) -> dict:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    django.setup()
    from django.core.cache import cache
    from django.db.models import Max
    from django.utils import timezone

    from vangnet.networks.models import Session
    from vangnet.organisations.models import Organisation
    from vangnet.reports.disclosure import protect
    from vangnet.reports.grid import load_grid
    from vangnet.reports.selectors import municipality_figures
    from vangnet.reports.suppression import small_cell_k

    organisation = Organisation.objects.order_by("pk").first()
    if organisation is None:
        return {"error": "no organisation"}
    last = Session.objects.filter(network__organisation=organisation).aggregate(d=Max("date"))["d"]
    today = min(timezone.localdate(), last or timezone.localdate())
    k = small_cell_k()
    result: dict = {"organisation": organisation.pk, "today": str(today), "grids": []}
    for year in range(today.year - years + 1, today.year + 1):
        grid = load_grid(organisation=organisation, year=year, today=today)
        entry: dict = {"year": year, "rows": len(grid.rows), "periods": len(grid.periods)}
        for audit in (False, True):
            samples = []
            for _rep in range(reps):
                started = time.perf_counter()
                protected = protect(grid, k=k, audit=audit)
                samples.append(time.perf_counter() - started)
            name = "audit" if audit else "no_audit"
            entry[f"{name}_median_ms"] = _ms(statistics.median(samples))
            entry[f"{name}_max_ms"] = _ms(max(samples))
            entry[f"{name}_hidden"] = len(protected.hidden)
            entry[f"{name}_fallback"] = list(getattr(protected, "fallback", ()))
        result["grids"].append(entry)
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    first, later = [], []
    for _rep in range(reps):
        cache.clear()
        started = time.perf_counter()
        municipality_figures(organisation=organisation, start=start, end=end, today=today)
        first.append(time.perf_counter() - started)
        started = time.perf_counter()
        municipality_figures(organisation=organisation, start=start, end=end, today=today)
        later.append(time.perf_counter() - started)
    result["report_first_look_median_ms"] = _ms(statistics.median(first))
    result["report_later_look_median_ms"] = _ms(statistics.median(later))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--synthetic", default="")
    parser.add_argument("--seeds", type=int, default=12)
    parser.add_argument("--synthetic-only", action="store_true")
    parser.add_argument("--audit-only", action="store_true")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
    import django

    django.setup()
    figures = {} if args.synthetic_only else run(args.years, args.reps)
    if args.synthetic:
        sizes = [size for size in args.synthetic.split(",") if size]
        figures["synthetic"] = time_synthetic(sizes, args.seeds, args.audit_only)
    text = json.dumps(figures, indent=2)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
