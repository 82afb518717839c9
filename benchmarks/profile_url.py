"""Profile arbitrary URLs in-process as one of the bench users, against the floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench_large \\
        .venv/bin/python benchmarks/profile_url.py /account/ / --user worker --reps 30 --cpu

Like profile_page.py, for any path: `--user` is a key of pages.pick_objects (worker,
coordinator, municipality); `--queries` lists one request's queries, `--no-profile`
prints timings only, `--lang en` requests the page in English. `--write-between` saves the
busiest network's latest session (an UPDATE of its `version`, as the session screen's save:
the network's fact token changes) before every request, outside the timing: the cost of a
page after a worker's save (the load test's working mix), not of a page read again.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="+")
    parser.add_argument("--user", default="worker")
    parser.add_argument("--lang", default="")
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--flat", action="store_true")
    parser.add_argument("--queries", action="store_true")
    parser.add_argument("--cpu", action="store_true")
    parser.add_argument("--write-between", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from pages import pick_objects
    from pyinstrument import Profiler

    from vangnet.core.startup import prepare_worker

    prepare_worker()
    settings.ALLOWED_HOSTS = ["*"]
    objects = pick_objects()
    client = Client()
    client.force_login(objects[args.user])
    if args.lang:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = args.lang

    def write() -> None:
        from django.db.models import F

        from vangnet.networks.models import Session

        Session.objects.filter(pk=objects["session"].pk).update(version=F("version") + 1)

    def timings(call, reps: int, *, before=None) -> tuple[float, float]:
        samples, cpu = [], []
        for _ in range(reps):
            if before is not None:
                before()
            started, started_cpu = time.perf_counter(), time.process_time()
            call()
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        return statistics.median(samples), statistics.median(cpu)

    for _ in range(3):
        client.get("/healthz")
    floor_ms, floor_cpu = timings(lambda: client.get("/healthz"), max(args.reps, 30))
    print(f"framework floor (healthz): {floor_ms:.2f} ms, CPU {floor_cpu:.2f} ms")
    for path in args.path:

        def call(path=path):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            return response

        for _ in range(3):
            call()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            call()
        print(f"{path}: {len(queries)} queries")
        if args.queries:
            for query in queries:
                print(f"  {query['time']} {query['sql'][:300]}")
        ms, cpu = timings(call, args.reps, before=write if args.write_between else None)
        print(
            f"{path}: median {ms:.2f} ms = {ms / floor_ms:.1f}x floor; "
            f"CPU {cpu:.2f} ms = {cpu / floor_cpu:.1f}x the floor's CPU"
        )
        if args.no_profile:
            continue
        if args.cpu:
            from pyinstrument.stack_sampler import get_stack_sampler

            get_stack_sampler().timer_func = time.process_time
        profiler = Profiler(interval=0.0005)
        profiler.start()
        timings(call, args.reps, before=write if args.write_between else None)
        profiler.stop()
        from pyinstrument.renderers import ConsoleRenderer

        renderer = ConsoleRenderer(flat=args.flat, show_all=args.flat)
        print(profiler.output(renderer))


if __name__ == "__main__":
    main()
