"""The municipality report's protection on a dataset: the grid of each year protected
without and with the attacker's linear-program audit (no cache), and the report itself on
a first look (empty cache) and later looks.

    DATABASE_URL=postgres://.../vangnet_bench_large .venv/bin/python \\
        benchmarks/report_protection.py [--years 2] [--reps 3] [--out FILE]

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
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    figures = run(args.years, args.reps)
    text = json.dumps(figures, indent=2)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
