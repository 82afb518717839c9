"""CPU and queries of the session screen's (open, save) pairs as the load test's workers
make them (benchmarks/load.py `worker_loop`): a worker opens one of their networks' screens
at random, saves it with one checkbox flipped (benchmarks/forms.py `toggled_payload`), opens
the next at random. In-process through the whole middleware stack (Django's test client, no
socket), `time.process_time` around each request (the save's work after the response
included: the test client closes the response, which runs it).

    DATABASE_URL=postgres://.../copy_large python benchmarks/profile_save_open.py --pairs 200

Writes to the database (the saves): run it on a copy of a bench dataset, never the original.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
from pages import percentile  # noqa: E402 (the bench's p95)

FORM = "application/x-www-form-urlencoded"


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {
        "n": len(values),
        "median": round(statistics.median(values), 2),
        "p95": round(percentile(values, 0.95), 2),
        "mean": round(statistics.fmean(values), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out")
    parser.add_argument("--cprofile", choices=("open", "save"), help="print where it goes")
    parser.add_argument("--dump", help="with --cprofile: write the profile's stats here")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from forms import toggled_payload
    from load_server import first_organisation_sessions, lead_screens

    from vangnet.core.startup import prepare_worker

    prepare_worker()
    settings.ALLOWED_HOSTS = ["*"]
    _organisation_id, networks, latest = first_organisation_sessions()
    screens = lead_screens(networks, latest)
    leads = {n.lead_worker.username: n.lead_worker for n in networks if n.pk in latest}
    names = sorted(screens)[: args.workers]
    rng = random.Random(args.seed)
    clients = {}
    for name in names:
        client = Client()
        client.force_login(leads[name])
        clients[name] = client
    # The steady state of a long saturated phase: every screen opened and saved before
    # (untimed), so the caches hold what a worker's earlier rounds left.
    for name in names:
        for path in screens[name]:
            page = clients[name].get(path)
            payload = toggled_payload(page.content.decode(), rng.randrange(1000))
            clients[name].post(path, urlencode(payload, doseq=True), content_type=FORM)

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    import cProfile
    import pstats

    profiler = cProfile.Profile(time.process_time)

    def timed(call, kind):
        count[0] = 0
        started = time.process_time()
        with connection.execute_wrapper(counter):
            if args.cprofile == kind:
                profiler.enable()
            response = call()
            profiler.disable()
        return response, (time.process_time() - started) * 1000, count[0]

    rows: dict[str, list[tuple[float, int]]] = {
        "open": [],
        "open-same": [],
        "open-warm": [],
        "save": [],
    }
    last: dict[str, str] = {name: screens[name][-1] for name in names}
    for _ in range(args.pairs):
        name = rng.choice(names)
        client = clients[name]
        path = rng.choice(screens[name])
        page, cpu, queries = timed(lambda: client.get(path), "open")  # noqa: B023
        assert page.status_code == 200, page.status_code
        rows["open"].append((cpu, queries))
        if last.get(name) == path:
            rows["open-same"].append((cpu, queries))
        # The same screen once more, nothing written in between: the warm open, for scale.
        _again, cpu, queries = timed(lambda: client.get(path), "warm")  # noqa: B023
        rows["open-warm"].append((cpu, queries))
        payload = toggled_payload(page.content.decode(), rng.randrange(1000))
        body = urlencode(payload, doseq=True)
        saved, cpu, queries = timed(
            lambda: client.post(path, body, content_type=FORM),  # noqa: B023
            "save",
        )
        assert saved.status_code == 302, saved.status_code
        rows["save"].append((cpu, queries))
        last[name] = path
    report = {
        kind: {
            "cpu_ms": summary([cpu for cpu, _q in values]),
            "queries": summary([float(q) for _c, q in values]),
        }
        for kind, values in rows.items()
    }
    report["screens"] = {name: len(screens[name]) for name in names}
    if args.cprofile:
        if args.dump:
            profiler.dump_stats(args.dump)
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(60)
    text = json.dumps(report, indent=1)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
