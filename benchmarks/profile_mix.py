"""The server's CPU per request of the load test's saturated working mix, in-process, without
the load generator on the same cores: what goal 4's ratio depends on.

    DATABASE_URL=postgres://.../copy_large VANGNET_CACHE_URL=redis://127.0.0.1:6379/9 \\
        python benchmarks/profile_mix.py --rounds 20

After the night's preparation of the day (`vangnet run-periodic forecast-rates`, as the
load test; `--no-night` skips it), the users of benchmarks/load.py (`load_server.plan`: 40
workers with their networks' session screens, 10 coordinators on one account) sign in
(forced) and make their first untimed looks as the load test does, then `--warm-rounds`
untimed rounds stand for its working phase. In a round every user makes their next request,
in a random order (a saturated server serves each waiting user about once per round): a
worker opens one of their screens at random or saves the one they opened with a checkbox
flipped; a coordinator opens the organisation dashboard or a random network page of the
first 50. Every request goes through the whole middleware stack (Django's test client; its
work after the response included).

Measured per kind of request: the CPU time of this process (`time.process_time`) and the
queries; for the whole mix also the CPU of this process's PostgreSQL backend (read from
/proc, so only for a database on this machine). The bare `healthz` view is measured the same
way, and `mix/floor (CPU)` is the floor's CPU per request over the mix's: the share of the
floor's requests per second the mix would reach on a server that only serves them.

Writes to the database (the saves) and empties the cache's database first: run it on a copy
of a bench dataset and a Redis database of its own, never the originals.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
from profile_save_open import FORM, summary  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
KINDS = [
    "organisation page",
    "network page",
    "session screen (open)",
    "session screen (save)",
    "healthz",
]


def backend_cpu_s(pid: int) -> float:
    """CPU seconds of a local process (the PostgreSQL backend), 0.0 when it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


class Users:
    """The simulated users and their next request (load.py's worker and coordinator loops)."""

    def __init__(self, setup: dict, clients: dict, rng: random.Random) -> None:
        self.setup, self.clients, self.rng = setup, clients, rng
        self.opened: dict[int, tuple[str, str] | None] = {}  # worker -> (path, page) to save
        # Half the coordinators start with a network page and half the workers with a save
        # (`desynchronise`), as the load test's users drift apart: in step, every save
        # would fall in rounds without a dashboard look and every look would follow forty.
        self.coordinator_step = {index: index % 2 for index in range(len(setup["coordinators"]))}

    def worker_request(self, index: int):
        from forms import toggled_payload

        name, screens = self.setup["workers"][index]
        client = self.clients[name]
        opened = self.opened.get(index)
        if opened is None:
            path = self.rng.choice(screens)

            def call():
                page = client.get(path)
                assert page.status_code == 200, page.status_code
                content = page.content
                if page.get("Content-Encoding") == "gzip":
                    content = gzip.decompress(content)
                self.opened[index] = (path, content.decode())

            return "session screen (open)", call
        path, html = opened
        body = urlencode(toggled_payload(html, self.rng.randrange(1000)), doseq=True)

        def call():
            saved = client.post(path, body, content_type=FORM)
            assert saved.status_code == 302, saved.status_code
            self.opened[index] = None

        return "session screen (save)", call

    def coordinator_request(self, index: int):
        client = self.clients[self.setup["coordinators"][index]]
        step = self.coordinator_step.get(index, 0)
        self.coordinator_step[index] = step + 1
        if step % 2 == 0:
            path, kind = self.setup["organisation_page"], "organisation page"
        else:
            path, kind = self.rng.choice(self.setup["network_pages"]), "network page"

        def call():
            page = client.get(path)
            assert page.status_code == 200, (path, page.status_code)

        return kind, call

    def desynchronise(self) -> None:
        """Every other worker opens a screen first (untimed), so it saves in the rounds
        the others open in."""
        for index in range(1, len(self.setup["workers"]), 2):
            self.worker_request(index)[1]()

    def one_round(self) -> list:
        """Every user once, in a random order; each entry makes that user's next request
        (kind, call) when it is its turn (a worker saves the page it opened last)."""
        turns = [(self.worker_request, i) for i in range(len(self.setup["workers"]))]
        turns += [(self.coordinator_request, i) for i in range(len(self.setup["coordinators"]))]
        self.rng.shuffle(turns)
        return [lambda turn=turn: turn[0](turn[1]) for turn in turns]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=20, help="measured rounds")
    parser.add_argument("--warm-rounds", type=int, default=10, help="untimed rounds first")
    parser.add_argument("--floor", type=int, default=300, help="healthz requests measured")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-night", action="store_true", help="as load.py --no-night")
    parser.add_argument("--out")
    parser.add_argument(
        "--profile-kind",
        choices=KINDS,
        help="profile the measured requests of this kind with pyinstrument and print the "
        "profile after the figures",
    )
    args = parser.parse_args()

    from load_server import NIGHT, plan

    setup = plan(os.environ["DATABASE_URL"], 40, 10)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from vangnet.core.startup import prepare_worker
    from vangnet.organisations.models import User

    prepare_worker()
    settings.ALLOWED_HOSTS = ["*"]
    cache.clear()
    if not args.no_night:  # as load.py: the background worker's night first
        call_command("run_periodic", *NIGHT, stdout=io.StringIO())
    rng = random.Random(args.seed)
    clients = {}
    for name in {name for name, _ in setup["workers"]} | set(setup["coordinators"]):
        clients[name] = Client(HTTP_ACCEPT_ENCODING="gzip, deflate")  # as httpx asks
        clients[name].force_login(User.objects.get(username=name))
    for name, screens in setup["workers"]:  # load.py's untimed first looks
        clients[name].get(screens[0])
    for name in setup["coordinators"]:
        clients[name].get(setup["organisation_page"])
        clients[name].get(rng.choice(setup["network_pages"]))
    users = Users(setup, clients, rng)
    users.desynchronise()
    for _ in range(args.warm_rounds):
        for turn in users.one_round():
            turn()[1]()

    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    backend = 0
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]

    profiler = None
    if args.profile_kind:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)

    def measure(turns) -> tuple[dict[str, list[tuple[float, int]]], float, float]:
        """Per kind (CPU ms, queries) of each request; this process's CPU seconds in the
        requests and the database backend's over the whole run."""
        rows: dict[str, list[tuple[float, int]]] = {}
        spent, backend_before = 0.0, backend_cpu_s(backend)
        with connection.execute_wrapper(counter):
            for turn in turns:
                kind, call = turn()  # the client's part (the form read back) not timed
                count[0] = 0
                profiled = profiler is not None and kind == args.profile_kind
                if profiled:
                    profiler.start()
                before = time.process_time()
                call()
                cpu = time.process_time() - before
                if profiled:
                    profiler.stop()
                spent += cpu
                rows.setdefault(kind, []).append((cpu * 1000, count[0]))
        return rows, spent, backend_cpu_s(backend) - backend_before

    floor_client = clients[setup["coordinators"][0]]
    floor_rows, floor_cpu, floor_db = measure(
        [lambda: ("healthz", lambda: floor_client.get("/healthz"))] * args.floor
    )
    mix_rows, mix_cpu, mix_db = measure(
        [turn for _ in range(args.rounds) for turn in users.one_round()]
    )
    requests = sum(len(values) for values in mix_rows.values())
    report: dict = {
        kind: {
            "cpu_ms": summary([cpu for cpu, _q in values]),
            "queries": summary([float(q) for _c, q in values]),
            "cpu_share": round(sum(cpu for cpu, _q in values) / (mix_cpu * 1000), 3),
        }
        for kind, values in sorted({**floor_rows, **mix_rows}.items())
    }
    floor_per_request = (floor_cpu + floor_db) / args.floor * 1000
    mix_per_request = (mix_cpu + mix_db) / requests * 1000
    report["mix"] = {
        "requests": requests,
        "app_cpu_ms_per_request": round(mix_cpu / requests * 1000, 2),
        "database_cpu_ms_per_request": round(mix_db / requests * 1000, 2),
    }
    report["floor"] = {
        "app_cpu_ms_per_request": round(floor_cpu / args.floor * 1000, 3),
        "database_cpu_ms_per_request": round(floor_db / args.floor * 1000, 3),
    }
    report["mix/floor (CPU)"] = round(floor_per_request / mix_per_request, 4)
    text = json.dumps(report, indent=1)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    if profiler is not None:
        print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    main()
