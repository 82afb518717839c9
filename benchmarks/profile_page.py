"""Profile one hot page with pyinstrument, in-process, as benchmarks/pages.py requests it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench_large \\
        .venv/bin/python benchmarks/profile_page.py "network page" --reps 20

Each named page of `pages.page_plan` (and "session screen (save)") is requested `--reps`
times after 3 warm-ups under one pyinstrument profile; the text report (or `--html FILE`)
shows where the time goes. `--floor` prints the bare view's median in the same process
first, so the page's ratio to the framework floor can be read off.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("page", nargs="+", help="page names as in pages.page_plan")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--html", help="write pyinstrument's HTML report here")
    parser.add_argument("--no-profile", action="store_true", help="timings only")
    parser.add_argument("--flat", action="store_true", help="time per function (self)")
    parser.add_argument("--queries", action="store_true", help="list one request's queries")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="sample on this process's CPU time (leaves out database and machine waits)",
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse
    from forms import toggled_payload
    from pages import FORM, page_plan, pick_objects
    from pyinstrument import Profiler

    from vangnet.core.startup import prepare_worker

    prepare_worker()
    # Not django.test's setup_test_environment(): it makes every template render send a
    # signal and the client copy each context, which production does not do (2-3 ms a page).
    settings.ALLOWED_HOSTS = ["*"]
    objects = pick_objects()
    clients = {}
    for key in ("worker", "coordinator", "municipality"):
        clients[key] = Client()
        clients[key].force_login(objects[key])
    plan = {name: (user, reverse(url, kwargs=kw)) for name, user, url, kw in page_plan(objects)}
    screen = plan["session screen (open)"][1]

    def timings(call, reps: int) -> tuple[float, float]:
        """Median wall and median CPU time of this process (ms): the CPU time leaves out
        the waits for the database and for other processes on a shared machine."""
        samples, cpu = [], []
        for _ in range(reps):
            started, started_cpu = time.perf_counter(), time.process_time()
            call()
            samples.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        return statistics.median(samples), statistics.median(cpu)

    floor = clients["worker"]
    for _ in range(3):
        floor.get("/healthz")
    floor_ms, floor_cpu = timings(lambda: floor.get("/healthz"), max(args.reps, 30))
    print(f"framework floor (healthz): {floor_ms:.2f} ms, CPU {floor_cpu:.2f} ms")
    for name in args.page:
        if name == "session screen (save)":
            client = clients["worker"]
            counter = iter(range(10**6))

            def call(client=client, counter=counter):
                payload = toggled_payload(client.get(screen).content.decode(), next(counter))
                return client.post(screen, urlencode(payload, doseq=True), content_type=FORM)

            # the GET of the form is part of each call here (after a save its caches are
            # cold): compare with "session screen (open)" measured after a save
        else:
            user, url = plan[name]
            client = clients[user]

            def call(client=client, url=url):
                return client.get(url)

        for _ in range(3):
            call()
        if args.queries:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as queries:
                call()
            print(f"{name}: {len(queries)} queries")
            for query in queries:
                print(f"  {query['time']} {query['sql'][:300]}")
        ms, cpu = timings(call, args.reps)
        print(
            f"{name}: median {ms:.2f} ms = {ms / floor_ms:.1f}x floor; "
            f"CPU {cpu:.2f} ms = {cpu / floor_cpu:.1f}x the floor's CPU"
        )
        if args.no_profile:
            continue
        if args.cpu:
            from pyinstrument.stack_sampler import get_stack_sampler

            get_stack_sampler().timer_func = time.process_time
        profiler = Profiler(interval=0.0005)
        profiler.start()
        timings(call, args.reps)
        profiler.stop()
        if args.html:
            Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
        else:
            from pyinstrument.renderers import ConsoleRenderer

            renderer = ConsoleRenderer(flat=args.flat, show_all=args.flat)
            print(profiler.output(renderer))


if __name__ == "__main__":
    main()
