"""The human summary of one benchmark run: Markdown tables and the targets with their
measured figures (benchmarks/results/latest.md; docs/performance.md quotes it)."""

from __future__ import annotations

from goals import goals_markdown

# (label, size, page name, figure, limit in ms); figure "p95" of the in-process timings.
PAGE_TARGETS = [
    ("network page under 100 ms", "large", "network page", 100.0),
    (
        "organisation dashboard (200 networks x 5 years) under 300 ms",
        "large",
        "organisation dashboard",
        300.0,
    ),
    ("municipality report (national dataset) under 2 s", "national", "municipality report", 2000.0),
]


def _page(run: dict, size: str, name: str) -> dict | None:
    for page in run.get("pages", {}).get(size, {}).get("pages", []):
        if page["name"] == name:
            return page
    return None


def targets(run: dict) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows."""
    rows = []
    for label, size, name, limit in PAGE_TARGETS:
        page = _page(run, size, name)
        if page is None:
            rows.append((label, "not measured (page or dataset missing in this run)", "-"))
            continue
        verdict = "met" if page["p95_ms"] <= limit else "MISSED"
        rows.append((label, f"p95 {page['p95_ms']} ms (median {page['median_ms']} ms)", verdict))
    load = run.get("load")
    if load:
        ratio = load.get("save_p95_over_floor_p95", 0)
        save = load.get("working", {}).get("session screen (save)", {})
        floor = load.get("working_floor", {})
        rows.append(
            (
                f"session save p95 within 3x the floor with {load['users']} concurrent users "
                "(at work, with think time)",
                f"save p95 {save.get('p95_ms', '-')} ms / floor p95 {floor.get('p95_ms', '-')} ms"
                f" = {ratio}x",
                "met" if ratio and ratio <= 3 else "MISSED",
            )
        )
        stress = load.get("stress_save_p95_over_floor_p95", 0)
        stress_save = load.get("per_kind", {}).get("session screen (save)", {})
        rows.append(
            (
                "the same without think time (saturated; not the target's measure)",
                f"save p95 {stress_save.get('p95_ms', '-')} ms / floor p95 "
                f"{load['floor']['p95_ms']} ms = {stress}x",
                "-",
            )
        )
        total = load.get("requests") or load["floor"]["requests"] + load["mixed"]["requests"]
        rows.append(
            (
                "0 errors under load",
                f"{load['errors']} errors in {total} requests",
                "met" if load["errors"] == 0 else "MISSED",
            )
        )
        biggest = max(load.get("worker_rss_mb") or [0])
        rows.append(
            (
                "worker process memory under 200 MB",
                f"largest gunicorn worker {biggest} MB after the load",
                "met" if 0 < biggest < 200 else "MISSED",
            )
        )
    else:
        rows.append(("load-test targets", "not measured (--skip-load)", "-"))
    return rows


def _load_notes(load: dict) -> list[str]:
    """What the load test did besides the phases in the table: the night's work, the floor
    after the mix (runs before 2026-12-05 had neither)."""
    notes = []
    night = load.get("night")
    if night:
        notes.append(
            f"Before the day: the night's periodic work ({'; '.join(night['reported'])}; "
            f"{night['seconds']} s)."
        )
    after = load.get("floor_after")
    if after:
        notes.append(
            f"The bare view without pause once more after the mix: {after['throughput_per_s']}"
            f" per s (before it: {load['floor']['throughput_per_s']}; goal 4 compares with"
            " the floor before the mix)."
        )
    return ["", *notes] if notes else []


def summary_markdown(run: dict) -> str:
    lines = [f"# Benchmark run {run['started']}", ""]
    m = run["machine"]
    lines += [
        f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory']}, Python {m['python']}, "
        f"PostgreSQL {m['postgresql']}.",
        "",
        "## Targets",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(run)]
    lines += ["", *goals_markdown(run)]
    lines += [
        "",
        "## Datasets",
        "",
        "| size | what | networks | participants | sessions | attendance | generator |",
        "|---|---|---|---|---|---|---|",
    ]
    for size, info in run["datasets"].items():
        c = info["counts"]
        made = "reused" if info.get("reused") else f"{info['demo_generator_s']} s"
        lines.append(
            f"| {size} | {info['description']} | {c['networks']} | {c['participants']} | "
            f"{c['sessions']} | {c['attendance']} | {made} |"
        )
    lines += [
        "",
        "## Pages (server time in-process, PostgreSQL)",
        "",
        "| size | page | median ms | p95 ms | x floor | queries | status |",
        "|---|---|---|---|---|---|---|",
    ]
    for size, report in run["pages"].items():
        floor = report["floor"]
        lines.append(
            f"| {size} | {floor['name']} | {floor['median_ms']} | {floor['p95_ms']} | 1.0 | "
            f"{floor['queries']} | {floor['status']} |"
        )
        for page in report["pages"]:
            lines.append(
                f"| {size} | {page['name']} | {page['median_ms']} | {page['p95_ms']} | "
                f"{page['ratio_to_floor']} | {page['queries']} | {page['status']} |"
            )
        for missing in report["missing"]:
            lines.append(f"| {size} | {missing} | - | - | - | - | not in this version |")
    load = run.get("load")
    if load:
        lines += [
            "",
            f"## Load test ({load['dataset']} dataset, gunicorn "
            f"{load['gunicorn_workers']} workers, {load['users']} users: "
            f"{load['workers_simulated']} workers and {load['coordinators_simulated']}"
            " coordinators)",
            "",
            f"At work with think time ({load.get('working_seconds', '-')} s), then saturated "
            f"without think time ({load['seconds']} s per phase). Cache: "
            f"{load.get('cache') or 'each worker its own'}.",
            *_load_notes(load),
            "",
            "| phase | request | count | per s | p50 ms | p95 ms | p99 ms | errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
        working = [("at work", "floor probe (healthz)", load.get("working_floor"))] + [
            ("at work", kind, figures) for kind, figures in load.get("working", {}).items()
        ]
        stress = [
            ("saturated", "floor (healthz)", load["floor"]),
            ("saturated", "all", load["mixed"]),
        ] + [("saturated", kind, figures) for kind, figures in load["per_kind"].items()]
        for phase, label, figures in working + stress:
            if not figures:
                continue
            lines.append(
                f"| {phase} | {label} | {figures['requests']} | {figures['throughput_per_s']} | "
                f"{figures['p50_ms']} | {figures['p95_ms']} | {figures['p99_ms']} | "
                f"{figures['errors']} |"
            )
        lines.append("")
        lines.append(f"Worker memory after the load (MB): {load['worker_rss_mb']}")
        if load.get("client_cpu_share"):
            lines.append(
                "The load generator on the same cores (share of both cores' time per phase): "
                + ", ".join(f"{k} {v:.0%}" for k, v in load["client_cpu_share"].items())
            )
        if load.get("error_examples"):
            lines.append(f"Errors: {', '.join(load['error_examples'])}")
    exports = run.get("exports")
    if exports:
        lines += [
            "",
            f"## Exports of a whole organisation ({exports['dataset']} dataset, CLI)",
            "",
            "| export | seconds | CPU seconds | peak memory MB | size |",
            "|---|---|---|---|---|",
        ]
        for name, figures in exports["timings"].items():
            lines.append(
                f"| {name} | {figures['seconds']} | {figures.get('cpu_seconds', '-')} | "
                f"{figures.get('peak_rss_mb', '-')} | {figures['bytes'] // 1024} KiB |"
            )
    forecast = run.get("forecast")
    if forecast:
        lines += [
            "",
            f"Recruitment forecast: {forecast['runs']} simulated runs in "
            f"{forecast['median_ms']} ms (median).",
        ]
    return "\n".join(lines) + "\n"
