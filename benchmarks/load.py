"""A load test on loopback: gunicorn with the production settings on PostgreSQL, many
simulated users at once, a bounded time and request budget.

    python benchmarks/load.py --database-url postgres://.../vangnet_bench_large --out f.json

1. collectstatic into a temporary folder and start gunicorn (VANGNET_MODE=production, the
   HTTPS-only `__Host-` cookies; the client says it came through a TLS proxy with
   X-Forwarded-Proto, as nginx would; 2FA enforcement off, because the simulated users have
   no authenticator).
   The cache is the shared Redis that docs/deploy.md recommends for several workers
   (`--cache-url`; by default redis://127.0.0.1:6379/15 when it answers, emptied first, else
   each worker's own memory); the report says which. Before the server starts, the night's
   preparation of the day runs as a deployment's background worker does it (`vangnet
   run-periodic forecast-rates`: today's forecast rates, and every network's forecast and
   routes), so the day starts where a production morning does; `--no-night` starts without
   it (a morning after the worker was down and the cache emptied).
2. Every simulated user signs in through the real login form (argon2, CSRF) and opens their
   first page once (untimed: the first look of the day fills the caches) before the clock
   starts.
3. Working phase (the target's measure): the 50 users work as people do, with think time
   between requests: a worker opens their session screen, ticks boxes for 5 to 15 s, saves,
   and waits 5 to 15 s before the next session; a coordinator opens the organisation
   dashboard or a network page and reads for 10 to 30 s (about five times faster than
   people do, so the two cores are busy but not saturated). Meanwhile a probe requests the
   bare `healthz` view twice a second: the framework floor under the same load, in the
   same run.
4. Stress phases (no think time, the server saturated): all users request the bare view for
   `--seconds`, then all work without pause for `--seconds`, then request the bare view
   again for `--seconds` (reported beside the first: a server slower after the mix shows
   there; goal 4 compares the mix with the floor before it). These show how the server
   behaves beyond its capacity: every request waits in the queue.
5. Reported: throughput, p50/p95/p99 per kind of request and phase, errors (anything but
   the expected status, or a failed connection), and the resident memory of every gunicorn
   worker.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from forms import toggled_payload  # noqa: E402
from load_server import (  # noqa: E402
    free_port,
    night_work,
    plan,
    shared_cache,
    start_gunicorn,
    worker_rss_mb,
)

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
PASSWORD = "vangnet-demo-2026"  # noqa: S105 (the demo and scale datasets' shared demo password)


@dataclass
class Sample:
    kind: str
    ms: float
    ok: bool
    status: int = 0


@dataclass
class LoadReport:
    users: int
    workers_simulated: int
    coordinators_simulated: int
    gunicorn_workers: int
    seconds: float
    working_seconds: float = 0.0
    working: dict = field(default_factory=dict)  # per kind, with think time
    working_floor: dict = field(default_factory=dict)  # the probe, same phase
    floor: dict = field(default_factory=dict)  # stress: healthz without pause
    floor_after: dict = field(default_factory=dict)  # the same after the mix
    mixed: dict = field(default_factory=dict)  # stress: all kinds without pause
    per_kind: dict = field(default_factory=dict)  # stress, per kind
    errors: int = 0
    requests: int = 0
    error_examples: list[str] = field(default_factory=list)
    worker_rss_mb: list[float] = field(default_factory=list)
    cache: str = ""
    save_p95_over_floor_p95: float = 0.0  # working phase: save p95 / probe p95
    stress_save_p95_over_floor_p95: float = 0.0
    # The load generator runs on the same cores: its own CPU seconds per phase, and that
    # as a share of the phase's CPU capacity (seconds x cores).
    client_cpu_s: dict = field(default_factory=dict)
    client_cpu_share: dict = field(default_factory=dict)
    # The background worker's periodic work run before the day starts (load_server.night_work);
    # empty with --no-night.
    night: dict = field(default_factory=dict)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return round(ordered[index], 2)


def summarise(samples: list[Sample], seconds: float) -> dict:
    times = [s.ms for s in samples]
    return {
        "requests": len(samples),
        "throughput_per_s": round(len(samples) / seconds, 1) if seconds else 0,
        "p50_ms": percentile(times, 0.50),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
        "mean_ms": round(statistics.fmean(times), 2) if times else 0,
        "errors": sum(1 for s in samples if not s.ok),
    }


class User:
    """One simulated browser: its own cookies (sent by hand, since the production cookies
    are Secure and the loopback connection is plain HTTP behind a pretend TLS proxy)."""

    def __init__(self, client: httpx.AsyncClient, base: str, username: str) -> None:
        self.client, self.base, self.username = client, base, username
        self.cookies: dict[str, str] = {}

    def _headers(self, path: str) -> dict[str, str]:
        return {
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.base.split('://')[1]}{path}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }

    def _keep(self, response: httpx.Response) -> None:
        for header in response.headers.get_list("set-cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    async def get(self, path: str) -> httpx.Response:
        response = await self.client.get(self.base + path, headers=self._headers(path))
        self._keep(response)
        return response

    async def post(self, path: str, data) -> httpx.Response:
        response = await self.client.post(self.base + path, data=data, headers=self._headers(path))
        self._keep(response)
        return response

    async def login(self) -> None:
        page = await self.get("/inloggen/")
        token = CSRF_FIELD.search(page.text).group(1)
        response = await self.post(
            "/inloggen/",
            {"csrfmiddlewaretoken": token, "username": self.username, "password": PASSWORD},
        )
        if response.status_code != 302 or "inloggen" in response.headers.get("location", ""):
            raise RuntimeError(f"login failed for {self.username}: {response.status_code}")


async def timed(samples: list[Sample], kind: str, call, expect: tuple[int, ...]):
    started = time.perf_counter()
    try:
        response = await call
        ok = response.status_code in expect and not (
            response.status_code == 302 and "inloggen" in response.headers.get("location", "")
        )
    except httpx.HTTPError:
        response, ok = None, False
    status = response.status_code if response is not None else 0
    samples.append(Sample(kind, (time.perf_counter() - started) * 1000, ok, status))
    return response


async def floor_loop(user: User, samples: list[Sample], until: float, budget: list[int]):
    while time.perf_counter() < until and budget[0] > 0:
        budget[0] -= 1
        await timed(samples, "healthz", user.get("/healthz"), (200,))


async def floor_phase(
    users: list[User], seconds: float, budget_size: int
) -> tuple[list[Sample], float]:
    """Every user requests the bare view without pause for `seconds`: the samples and the
    phase's length in seconds."""
    samples: list[Sample] = []
    budget = [budget_size]
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(floor_loop(user, samples, until, budget) for user in users))
    return samples, time.perf_counter() - started


async def think(rng, seconds: tuple[float, float] | None, until: float) -> None:
    if seconds is not None:
        await asyncio.sleep(max(0.0, min(rng.uniform(*seconds), until - time.perf_counter())))


WORKER_THINK = (5.0, 15.0)  # ticking boxes; between sessions
COORDINATOR_THINK = (10.0, 30.0)  # reading a page


async def worker_loop(user: User, screens: list[str], samples, until, budget, rng, pause=None):
    if pause:  # people do not all start at the same moment
        await asyncio.sleep(rng.uniform(0, pause[1]))
    while time.perf_counter() < until and budget[0] > 1:
        budget[0] -= 2
        path = rng.choice(screens)
        page = await timed(samples, "session screen (open)", user.get(path), (200,))
        if page is None or page.status_code != 200:
            continue
        payload = toggled_payload(page.text, rng.randrange(1000))
        await think(rng, pause, until)
        if time.perf_counter() >= until:
            break
        await timed(samples, "session screen (save)", user.post(path, payload), (302,))
        await think(rng, pause, until)


async def coordinator_loop(
    user: User, pages: list[str], networks, samples, until, budget, rng, pause=None
):
    if pause:
        await asyncio.sleep(rng.uniform(0, pause[1]))
    while time.perf_counter() < until and budget[0] > 1:
        budget[0] -= 2
        for path, kind in ((pages[0], "organisation page"), (rng.choice(networks), "network page")):
            await timed(samples, kind, user.get(path), (200,))
            await think(rng, pause, until)
            if time.perf_counter() >= until:
                break


async def probe_loop(user: User, samples, until: float, every: float = 0.5) -> None:
    """The bare view at a steady pace while the others work: the floor under that load."""
    while time.perf_counter() < until:
        started = time.perf_counter()
        await timed(samples, "healthz", user.get("/healthz"), (200,))
        await asyncio.sleep(max(0.0, every - (time.perf_counter() - started)))


async def run_phase(setup, workers, coordinators, seconds, budget_size, rng, pause):
    """Workers and coordinators at work for `seconds`; their samples and the duration."""
    samples: list[Sample] = []
    budget = [budget_size]
    until = time.perf_counter() + seconds
    started = time.perf_counter()
    tasks = [
        worker_loop(user, screens, samples, until, budget, random.Random(rng.random()), pause)
        for user, (_name, screens) in zip(workers, setup["workers"], strict=True)
    ] + [
        coordinator_loop(
            user,
            [setup["organisation_page"]],
            setup["network_pages"],
            samples,
            until,
            budget,
            random.Random(rng.random()),
            pause and COORDINATOR_THINK,
        )
        for user in coordinators
    ]
    return samples, tasks, until, started


def per_kind(samples: list[Sample], seconds: float) -> dict:
    return {
        kind: summarise([s for s in samples if s.kind == kind], seconds)
        for kind in sorted({s.kind for s in samples})
    }


def mark_phase(args, name: str) -> None:
    """Tells the profiling gunicorn (--profile-dir) which phase this is."""
    if args.profile_dir:
        (Path(args.profile_dir) / "phase").write_text(name, encoding="utf-8")


async def run_load(args, setup, base: str) -> LoadReport:
    rng = random.Random(7)
    client_cpu: dict[str, float] = {}
    limits = httpx.Limits(max_connections=args.users + 1, max_keepalive_connections=args.users + 1)
    async with httpx.AsyncClient(timeout=60, limits=limits, follow_redirects=False) as client:
        workers = [User(client, base, name) for name, _ in setup["workers"]]
        coordinators = [User(client, base, name) for name in setup["coordinators"]]
        probe = User(client, base, setup["coordinators"][0])
        everyone = workers + coordinators
        for start in range(0, len(everyone), 4):  # argon2 logins, a few at a time
            await asyncio.gather(*(u.login() for u in everyone[start : start + 4]))
        await probe.login()
        for user, (_name, screens) in zip(workers, setup["workers"], strict=True):
            await user.get(screens[0])  # the first look of the day, untimed
        for user in coordinators:
            await user.get(setup["organisation_page"])
            await user.get(rng.choice(setup["network_pages"]))

        # 1. At work, with think time; the probe measures the floor meanwhile.
        mark_phase(args, "working")
        cpu = time.process_time()
        samples, tasks, until, started = await run_phase(
            setup, workers, coordinators, args.working_seconds, args.budget, rng, WORKER_THINK
        )
        probe_samples: list[Sample] = []
        await asyncio.gather(*tasks, probe_loop(probe, probe_samples, until))
        working_seconds = time.perf_counter() - started
        client_cpu["working"], cpu = time.process_time() - cpu, time.process_time()

        # 2. Stress: the bare view without pause, then everyone working without pause.
        mark_phase(args, "floor")
        floor_samples, floor_seconds = await floor_phase(everyone, args.seconds, args.budget)
        client_cpu["floor"], cpu = time.process_time() - cpu, time.process_time()
        mark_phase(args, "saturated")
        stress, tasks, until, started = await run_phase(
            setup, workers, coordinators, args.seconds, args.budget, rng, None
        )
        await asyncio.gather(*tasks)
        stress_seconds = time.perf_counter() - started
        client_cpu["saturated"] = time.process_time() - cpu
        # 3. The bare view once more: a server slower after the mix than before shows here.
        mark_phase(args, "floor")
        after_samples, after_seconds = await floor_phase(everyone, args.seconds, args.budget)
        mark_phase(args, "done")

    report = LoadReport(
        users=len(everyone),
        workers_simulated=len(workers),
        coordinators_simulated=len(coordinators),
        gunicorn_workers=args.gunicorn_workers,
        seconds=args.seconds,
        working_seconds=args.working_seconds,
    )
    report.working = per_kind(samples, working_seconds)
    report.working["all"] = summarise(samples, working_seconds)
    report.working_floor = summarise(probe_samples, working_seconds)
    report.floor = summarise(floor_samples, floor_seconds)
    report.floor_after = summarise(after_samples, after_seconds)
    report.mixed = summarise(stress, stress_seconds)
    report.per_kind = per_kind(stress, stress_seconds)
    everything = samples + probe_samples + floor_samples + after_samples + stress
    report.requests = len(everything)
    report.errors = sum(1 for s in everything if not s.ok)
    report.error_examples = sorted(
        {f"{s.kind}: status {s.status or 'no answer'}" for s in everything if not s.ok}
    )[:10]
    cores = os.cpu_count() or 1
    for phase, phase_seconds in (
        ("working", working_seconds),
        ("floor", floor_seconds),
        ("saturated", stress_seconds),
    ):
        report.client_cpu_s[phase] = round(client_cpu[phase], 2)
        report.client_cpu_share[phase] = round(client_cpu[phase] / (phase_seconds * cores), 3)
    save = report.working.get("session screen (save)", {})
    if save and report.working_floor["p95_ms"]:
        report.save_p95_over_floor_p95 = round(save["p95_ms"] / report.working_floor["p95_ms"], 2)
    save = report.per_kind.get("session screen (save)", {})
    if save and report.floor["p95_ms"]:
        report.stress_save_p95_over_floor_p95 = round(save["p95_ms"] / report.floor["p95_ms"], 2)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--users", type=int, default=50, help="simulated users in all")
    parser.add_argument("--coordinators", type=int, default=10)
    parser.add_argument("--working-seconds", type=float, default=90.0, help="with think time")
    parser.add_argument("--seconds", type=float, default=30.0, help="each stress phase")
    parser.add_argument("--budget", type=int, default=20000, help="requests per phase at most")
    parser.add_argument(
        "--cache-url", default="auto", help="redis://... , 'local' (per worker) or 'auto'"
    )
    parser.add_argument(
        "--no-night",
        action="store_true",
        help="start without the periodic work the background worker does at night",
    )
    parser.add_argument("--gunicorn-workers", type=int, default=(os.cpu_count() or 2) * 2 + 1)
    parser.add_argument(
        "--profile-dir",
        default="",
        help="profile the server (benchmarks/gunicorn_profile.py) into this empty folder",
    )
    args = parser.parse_args()
    if args.profile_dir:
        Path(args.profile_dir).mkdir(parents=True, exist_ok=True)
        args.profile_dir = str(Path(args.profile_dir).resolve())
    setup = plan(args.database_url, args.users - args.coordinators, args.coordinators)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="vangnet-bench-static-") as static_root:
        cache_url = shared_cache(args.cache_url)
        night = {} if args.no_night else night_work(args.database_url, cache_url)
        server = start_gunicorn(
            args.database_url, port, args.gunicorn_workers, static_root, cache_url, args.profile_dir
        )
        try:
            report = asyncio.run(run_load(args, setup, f"http://127.0.0.1:{port}"))
            report.worker_rss_mb = worker_rss_mb(server.pid)
            report.night = night
            report.cache = cache_url or "each worker's own memory (LocMemCache)"
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
    Path(args.out).write_text(json.dumps(asdict(report), indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
