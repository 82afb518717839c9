"""The goals of the second performance round (issue 21), each with its measured figure and a
verdict (met / not met), from one benchmark run (`benchmarks/run.py`'s JSON). Used by
`summary.py` for benchmarks/results/latest.md."""

from __future__ import annotations

HOT_PAGES = (
    "session screen (open)",
    "session screen (save)",
    "participant page",
    "network page",
    "sociogram",
)
PDF_JOB = "organisation report PDF: the job"
EXPORTS = ("attendance (xlsx)", "research (zip)")

Row = tuple[str, str, str, str]  # goal, target, measured, verdict


def _pages(run: dict, size: str) -> dict | None:
    return run.get("pages", {}).get(size)


def _page(run: dict, size: str, name: str) -> dict | None:
    report = _pages(run, size)
    for page in (report or {}).get("pages", []):
        if page["name"] == name:
            return page
    return None


def _p95_ratio(run: dict, size: str, name: str) -> float | None:
    """The page's p95 over the floor's p95, same size, same run."""
    report, page = _pages(run, size), _page(run, size, name)
    if not report or not page or not report["floor"]["p95_ms"]:
        return None
    return round(page["p95_ms"] / report["floor"]["p95_ms"], 1)


def _verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("met" if ok else "not met")


MISSING = "not measured in this run"


def hot_pages(run: dict) -> list[Row]:
    rows = []
    for name in HOT_PAGES:
        ratio = _p95_ratio(run, "large", name)
        measured = MISSING if ratio is None else f"p95 {ratio}x the floor's p95"
        rows.append(
            ("1", f"{name} (large) within 5x the floor", measured, _verdict(ratio and ratio <= 5))
        )
    return rows


def reports(run: dict) -> list[Row]:
    rows = []
    large, small = (
        _page(run, "large", "municipality report"),
        _page(run, "small", "municipality report"),
    )
    if large and small:
        growth = round(large["median_ms"] / small["median_ms"], 1)
        rows.append(
            (
                "2",
                "municipality report: large within 2x small",
                f"{growth}x (median)",
                _verdict(growth <= 2),
            )
        )
    else:
        rows.append(("2", "municipality report: large within 2x small", MISSING, "-"))
    for label, size, name, limit in (
        ("municipality report (large) within 20x the floor", "large", "municipality report", 20),
        (
            "organisation dashboard (large) within 10x the floor",
            "large",
            "organisation dashboard",
            10,
        ),
    ):
        ratio = _p95_ratio(run, size, name)
        measured = MISSING if ratio is None else f"p95 {ratio}x the floor's p95"
        rows.append(("2", label, measured, _verdict(ratio and ratio <= limit)))
    national = _page(run, "national", "municipality report")
    rows.append(
        (
            "2",
            "municipality report (national) under 300 ms",
            MISSING if national is None else f"p95 {national['p95_ms']} ms",
            _verdict(None if national is None else national["p95_ms"] < 300),
        )
    )
    return rows


def documents(run: dict) -> list[Row]:
    rows = []
    job = next(
        (_page(run, size, PDF_JOB) for size in ("large", "national") if _page(run, size, PDF_JOB)),
        None,
    )
    rows.append(
        (
            "3",
            "organisation report PDF (200 networks) in at most 2 s (the job)",
            MISSING if job is None else f"median {job['median_ms']} ms",
            _verdict(None if job is None else job["median_ms"] <= 2000),
        )
    )
    exports = run.get("exports") or {}
    timings = exports.get("timings", {})
    for name in EXPORTS:
        figures = timings.get(name)
        rows.append(
            (
                "3",
                f"whole-organisation {name} in at most 10 s ({exports.get('dataset', '-')})",
                MISSING if figures is None else f"{figures['seconds']} s",
                _verdict(None if figures is None else figures["seconds"] <= 10),
            )
        )
    peaks = [f["peak_rss_mb"] for f in timings.values() if "peak_rss_mb" in f]
    rows.append(
        (
            "3",
            f"peak memory of an export process at most 250 MB ({exports.get('dataset', '-')};"
            " the goal names the national dataset)",
            f"largest {max(peaks)} MB" if peaks else MISSING,
            _verdict(max(peaks) <= 250 if peaks else None),
        )
    )
    return rows


def throughput(run: dict) -> list[Row]:
    load = run.get("load")
    if not load:
        return [("4", "throughput at saturation, errors, worker memory", MISSING, "-")]
    floor = load["floor"]["throughput_per_s"]
    mixed = load["mixed"]["throughput_per_s"]
    share = round(100 * mixed / floor, 1) if floor else 0.0
    biggest = max(load.get("worker_rss_mb") or [0])
    return [
        (
            "4",
            "working mix at least 15% of the floor's requests/s (saturated)",
            f"{mixed} / {floor} per s = {share}%",
            _verdict(share >= 15),
        ),
        ("4", "0 errors", f"{load['errors']} errors", _verdict(load["errors"] == 0)),
        ("4", "gunicorn worker memory under 200 MB", f"{biggest} MB", _verdict(0 < biggest < 200)),
    ]


def goal_rows(run: dict) -> list[Row]:
    """Every goal of issue 21 that `make bench` measures, with its verdict; goal 5 (reads on
    a replica) is tested by tests/core/test_replica_streaming.py, not timed here."""
    return [*hot_pages(run), *reports(run), *documents(run), *throughput(run)]


def goals_markdown(run: dict) -> list[str]:
    lines = [
        "## Goals of the second round (issue 21)",
        "",
        "| goal | target | measured | verdict |",
        "|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in goal_rows(run)]
    lines += [
        "",
        "Goal 5 (reads on a streaming replica) is tested by tests/core/test_replica_streaming.py.",
        "",
        *growth_markdown(run),
    ]
    return lines


SIZES = ("small", "large", "national")


def growth_rows(run: dict) -> list[tuple[str, ...]]:
    """Goal 6, cost as data grows: per page its median at each size, the growth factor from
    the smallest to the largest size measured, and whether its query count stayed the same."""
    sizes = [size for size in SIZES if _pages(run, size)]
    names: list[str] = []
    for size in sizes:
        for page in (_pages(run, size) or {}).get("pages", []):
            if page["name"] not in names:
                names.append(page["name"])
    rows = []
    for name in names:
        found = {size: _page(run, size, name) for size in sizes}
        medians = [found[size]["median_ms"] if found[size] else None for size in sizes]
        measured = [m for m in medians if m]
        growth = f"{round(measured[-1] / measured[0], 1)}x" if len(measured) > 1 else "-"
        queries = {found[size]["queries"] for size in sizes if found[size]}
        rows.append(
            (
                name,
                *("-" if m is None else str(m) for m in medians),
                growth,
                "same"
                if len(queries) == 1
                else " / ".join(
                    str(found[size]["queries"]) if found[size] else "-" for size in sizes
                ),
            )
        )
    return rows


def growth_markdown(run: dict) -> list[str]:
    sizes = [size for size in SIZES if _pages(run, size)]
    if len(sizes) < 2:
        return []
    header = " | ".join(f"{size} median ms" for size in sizes)
    lines = [
        "### Goal 6: cost as data grows",
        "",
        f"| page | {header} | growth ({sizes[0]} to {sizes[-1]}) | queries |",
        "|---|" + "---|" * (len(sizes) + 2),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in growth_rows(run)]
    return lines
