"""A gunicorn config for the load test's profiling run (benchmarks only, never production):
where the server's CPU goes under the load test's phases.

    python benchmarks/load.py ... --profile-dir /tmp/loadprof

load.py then starts gunicorn with `-c benchmarks/gunicorn_profile.py` and writes the name
of the phase it is in to `<dir>/phase`. Every worker

- logs the CPU time of each request (process time of the worker, which serves one request
  at a time) with the phase and a kind made from the URL to `<dir>/requests-<pid>.tsv`;
- samples its stack with pyinstrument (CPU time, 1 ms) while the phase is `saturated`
  and writes the session to `<dir>/worker-<pid>.pyisession` when it exits.

`python benchmarks/gunicorn_profile.py <dir>` sums the requests per phase and kind and
prints the combined profile of all workers.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

DIR = Path(os.environ.get("VANGNET_BENCH_PROFILE_DIR", "."))  # load.py sets it
PROFILED_PHASE = "saturated"
KINDS = (
    (re.compile(r"^/healthz"), "healthz"),
    (re.compile(r"/bijeenkomsten/\d+/$"), "session screen"),
    (re.compile(r"^/netwerken/\d+/$"), "network page"),
    (re.compile(r"^/inloggen/"), "login"),
)

_state: dict = {"profiler": None, "log": None, "phase": "", "checked": 0.0}


def _kind(path: str) -> str:
    for pattern, name in KINDS:
        if pattern.search(path):
            return name
    return path


def _phase() -> str:
    now = time.monotonic()
    if now - _state["checked"] > 0.2:
        _state["checked"] = now
        try:
            _state["phase"] = (DIR / "phase").read_text().strip()
        except OSError:
            _state["phase"] = ""
    return _state["phase"]


def _profiler_follow(phase: str) -> None:
    from pyinstrument import Profiler

    profiler = _state["profiler"]
    if phase == PROFILED_PHASE and profiler is None:
        # Wall-clock samples: a CPU-time timer would be a system call on every Python
        # call and return, and multiply the cost of what it measures. A sync worker serves
        # one request at a time, so its wall time is that request's (database waits too).
        profiler = Profiler(interval=0.001)
        profiler.start()
        _state["profiler"] = profiler
    elif phase != PROFILED_PHASE and profiler is not None and profiler.is_running:
        profiler.stop()


def post_fork(server, worker) -> None:  # noqa: ARG001 - gunicorn's hook signature
    _state["log"] = (DIR / f"requests-{os.getpid()}.tsv").open("a", buffering=1)


def pre_request(worker, req) -> None:  # noqa: ARG001
    phase = _phase()
    _profiler_follow(phase)
    worker._bench = (time.process_time(), time.perf_counter(), phase)  # noqa: SLF001


def post_request(worker, req, environ, resp) -> None:  # noqa: ARG001
    cpu0, wall0, phase = getattr(worker, "_bench", (0.0, 0.0, ""))
    cpu = (time.process_time() - cpu0) * 1000
    wall = (time.perf_counter() - wall0) * 1000
    kind = _kind(req.path)
    _state["log"].write(f"{phase}\t{req.method}\t{kind}\t{cpu:.2f}\t{wall:.2f}\n")


def worker_exit(server, worker) -> None:  # noqa: ARG001
    profiler = _state["profiler"]
    if profiler is not None:
        if profiler.is_running:
            profiler.stop()
        profiler.last_session.save(str(DIR / f"worker-{os.getpid()}.pyisession"))


def summary(folder: Path) -> None:
    import statistics
    from collections import defaultdict

    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session

    rows = defaultdict(list)
    for log in folder.glob("requests-*.tsv"):
        for line in log.read_text().splitlines():
            phase, method, kind, cpu, wall = line.split("\t")
            rows[(phase, f"{method} {kind}")].append((float(cpu), float(wall)))
    print("phase\trequest\tcount\tCPU s\tCPU ms median\tCPU ms mean\twall ms median")
    for (phase, kind), values in sorted(rows.items()):
        cpus = [c for c, _ in values]
        print(
            f"{phase}\t{kind}\t{len(values)}\t{sum(cpus) / 1000:.2f}\t"
            f"{statistics.median(cpus):.1f}\t{statistics.fmean(cpus):.1f}\t"
            f"{statistics.median([w for _, w in values]):.1f}"
        )
    sessions = [Session.load(str(p)) for p in folder.glob("worker-*.pyisession")]
    if sessions:
        combined = sessions[0]
        for other in sessions[1:]:
            combined = Session.combine(combined, other)
        renderer = ConsoleRenderer(unicode=False, color=False, show_all=False, time="seconds")
        print(renderer.render(combined))


if __name__ == "__main__":
    summary(Path(sys.argv[1]))
