"""`make bench`: build the benchmark datasets, time the hot pages, run the load test, and
write the figures to benchmarks/results/ (JSON per run plus a Markdown summary).

    .venv/bin/python benchmarks/run.py                      # all sizes (several minutes)
    .venv/bin/python benchmarks/run.py --sizes small,large  # a subset
    .venv/bin/python benchmarks/run.py --fresh              # rebuild the datasets

The datasets live in PostgreSQL databases vangnet_bench_<size> (BENCH_DATABASE_PREFIX gives
another name, e.g. a branch's own copy made with `createdb -T`; BENCH_DATABASE_URL_BASE,
default postgres://postgres@127.0.0.1:5432) and are reused by later runs unless --fresh.
Timings are reported, never asserted; the targets of docs/performance.md are compared and
marked in the summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "benchmarks"))
from summary import summary_markdown  # noqa: E402

# size: (demo-data arguments, what it is)
DATASETS = {
    "small": ([], "the demo: 1 organisation, 2 networks, about 20 months"),
    "large": (
        ["--organisations", "1", "--networks", "200", "--years", "5"],
        "1 organisation, 200 networks x 5 years",
    ),
    "national": (
        ["--organisations", "5", "--networks", "200", "--years", "5"],
        "5 organisations x 200 networks = 1,000 networks x 5 years",
    ),
}


def database_name(size: str) -> str:
    """vangnet_bench_<size>; BENCH_DATABASE_PREFIX gives a copy of its own (e.g. per branch)."""
    return f"{os.environ.get('BENCH_DATABASE_PREFIX', 'vangnet_bench')}_{size}"


def database_url(size: str) -> str:
    base = os.environ.get("BENCH_DATABASE_URL_BASE", "postgres://postgres@127.0.0.1:5432")
    return f"{base}/{database_name(size)}"


def admin_connection():
    base = os.environ.get("BENCH_DATABASE_URL_BASE", "postgres://postgres@127.0.0.1:5432")
    return psycopg.connect(f"{base}/postgres", autocommit=True)


def vangnet(args: list[str], url: str) -> float:
    """Run the vangnet command on a dataset; its wall time in seconds."""
    env = dict(os.environ, DATABASE_URL=url, VANGNET_MODE="development")
    started = time.perf_counter()
    subprocess.run([str(BIN / "vangnet"), *args], env=env, check=True)
    return round(time.perf_counter() - started, 1)


# The database settings docs/deploy.md recommends for production (section "PostgreSQL"),
# set on every dataset's database (new connections, the load test's server among them).
DATABASE_SETTINGS = {"random_page_cost": "1.1", "jit": "off"}


def configure_database(connection, name: str) -> None:
    for setting, value in DATABASE_SETTINGS.items():
        connection.execute(f'ALTER DATABASE "{name}" SET {setting} = {value}')


def ensure_dataset(size: str, fresh: bool) -> dict:
    """Create and fill the dataset's database unless it is there (configured as
    docs/deploy.md recommends); the generator's timing."""
    name = database_name(size)
    with admin_connection() as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if exists:
            configure_database(connection, name)
            # A dataset of an earlier version gets this version's new tables.
            vangnet(["migrate", "--noinput", "-v", "0"], database_url(size))
            return {"reused": True}
        connection.execute(f'CREATE DATABASE "{name}"')
        configure_database(connection, name)
    url = database_url(size)
    try:
        migrate = vangnet(["migrate", "--noinput", "-v", "0"], url)
        generate = vangnet(["demo-data", "-v", "0", *DATASETS[size][0]], url)
        # What autovacuum does soon after a bulk load: without fresh statistics the planner
        # guesses a handful of rows per network and scans whole tables.
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("ANALYZE")
    except BaseException:
        with admin_connection() as connection:  # never leave a half-filled dataset behind
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        raise
    return {"reused": False, "migrate_s": migrate, "demo_generator_s": generate}


def dataset_counts(url: str) -> dict[str, int]:
    tables = {
        "networks": "networks_network",
        "participants": "participants_participant",
        "sessions": "networks_session",
        "attendance": "networks_attendance",
    }
    with psycopg.connect(url) as connection:
        return {
            key: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for key, table in tables.items()
        }


def time_forecast(reps: int = 20) -> dict:
    """The recruitment forecast's Monte Carlo simulation on its own."""
    import numpy as np

    sys.path.insert(0, str(ROOT / "src"))
    from vangnet.planning import forecast

    rates = forecast.fit_rates([], today=dt.date(2026, 1, 1))
    start = forecast.Start(steady=8, dropped=3, newcomers=(2, 1, 1))
    samples = []
    for index in range(reps):
        started = time.perf_counter()
        forecast.simulate(
            rates=rates, start=start, invitations_per_month=3.0, rng=np.random.default_rng(index)
        )
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"runs": forecast.RUNS, "median_ms": round(samples[len(samples) // 2], 2)}


def vangnet_measured(args: list[str], url: str) -> dict:
    """Run the vangnet command on a dataset: its wall time and CPU time in seconds and its
    peak resident memory in MB (of that process alone: `os.wait4`)."""
    env = dict(os.environ, DATABASE_URL=url, VANGNET_MODE="development")
    started = time.perf_counter()
    process = subprocess.Popen([str(BIN / "vangnet"), *args], env=env)  # noqa: S603
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, args)
    return {
        "seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
    }


def time_exports(url: str, organisation_id: int) -> dict:
    """Whole-organisation exports through the CLI (the same service as the web page): wall
    and CPU seconds, peak memory of the export process, size."""
    timings = {}
    with tempfile.TemporaryDirectory(prefix="vangnet-bench-export-") as folder:
        for kind, fmt in (("attendance", "xlsx"), ("routes", "csv"), ("research", "zip")):
            output = Path(folder) / f"{kind}.{fmt}"
            figures = vangnet_measured(
                [
                    "export",
                    kind,
                    "--organisation",
                    str(organisation_id),
                    "--format",
                    fmt,
                    "--output",
                    str(output),
                    "--no-progress",
                ],
                url,
            )
            timings[f"{kind} ({fmt})"] = {**figures, "bytes": output.stat().st_size}
    return timings


def machine() -> dict:
    memory = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) // 1024 // 1024} GiB"
    except OSError:
        pass
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    with admin_connection() as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "postgresql": postgres,
        "platform": platform.platform(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="small,large,national")
    parser.add_argument("--reps", type=int, default=30, help="requests per page and size")
    parser.add_argument("--fresh", action="store_true", help="rebuild the datasets")
    parser.add_argument("--load-seconds", type=float, default=30.0)
    parser.add_argument("--load-size", default="large", help="dataset of the load test")
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument(
        "--export-size",
        default="national",
        help="dataset of the export timings (the goal names national)",
    )
    args = parser.parse_args()
    sizes = [size.strip() for size in args.sizes.split(",") if size.strip()]
    unknown = set(sizes) - set(DATASETS)
    if unknown:
        parser.error(f"unknown sizes: {', '.join(sorted(unknown))}")

    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    run = {"started": stamp, "machine": machine(), "datasets": {}, "pages": {}, "load": None}
    for size in sizes:
        print(f"== dataset {size}: {DATASETS[size][1]}", flush=True)
        info = ensure_dataset(size, args.fresh)
        info["description"] = DATASETS[size][1]
        info["counts"] = dataset_counts(database_url(size))
        run["datasets"][size] = info
        print(f"== pages on {size}", flush=True)
        out = RESULTS / f".pages-{size}.json"
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "pages.py"),
                "--dataset",
                size,
                "--reps",
                str(args.reps),
                "--out",
                str(out),
            ],
            env=dict(
                os.environ, DATABASE_URL=database_url(size), VANGNET_MODE="development", DEBUG="0"
            ),
            check=True,
        )
        run["pages"][size] = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
        print(f"== municipality report protection on {size}", flush=True)
        out = RESULTS / f".protection-{size}.json"
        protection = [sys.executable, str(ROOT / "benchmarks" / "report_protection.py")]
        if size == sizes[0]:  # generated grids of more areas than the datasets have: once
            protection += ["--synthetic", "4x4,12x4"]
        subprocess.run(
            [*protection, "--out", str(out)],
            env=dict(os.environ, DATABASE_URL=database_url(size), VANGNET_MODE="development"),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        run.setdefault("protection", {})[size] = json.loads(out.read_text(encoding="utf-8"))
        out.unlink()
        if size == args.export_size:
            print(f"== exports on {size}", flush=True)
            organisation_id = run["pages"][size]["objects"]["organisation"]
            run["exports"] = {
                "dataset": size,
                "timings": time_exports(database_url(size), organisation_id),
            }
    run["forecast"] = time_forecast()
    if not args.skip_load and args.load_size in sizes:
        print(f"== load test on {args.load_size}", flush=True)
        out = RESULTS / ".load.json"
        finished = subprocess.run(
            [
                sys.executable,
                str(ROOT / "benchmarks" / "load.py"),
                "--database-url",
                database_url(args.load_size),
                "--seconds",
                str(args.load_seconds),
                "--out",
                str(out),
            ],
            check=False,
        )
        if finished.returncode == 0:
            run["load"] = json.loads(out.read_text(encoding="utf-8"))
            run["load"]["dataset"] = args.load_size
            out.unlink()
        else:  # keep the figures measured so far; the summary says the load test failed
            print(f"load test failed (exit {finished.returncode})", flush=True)
            run["load_failed"] = finished.returncode

    (RESULTS / f"{stamp}.json").write_text(json.dumps(run, indent=2), encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(run, indent=2), encoding="utf-8")
    markdown = summary_markdown(run)
    (RESULTS / "latest.md").write_text(markdown, encoding="utf-8")
    print(markdown)


if __name__ == "__main__":
    main()
