"""CPU and queries of the organisation dashboard as the load test's coordinator looks at it
(the first organisation, `/dashboard/` without a filter, benchmarks/pages.py), each look
right after saves in `k` random networks (the session screen's POST by each network's lead
worker with one checkbox flipped, benchmarks/forms.py `toggled_payload`; untimed). In-process
through the whole middleware stack (Django's test client), `time.process_time` around the
look; `--warm` also times the same look once more (nothing changed: the page around the
cached body).

    DATABASE_URL=postgres://.../copy_large python benchmarks/profile_dashboard_after_saves.py \\
        --reps 20 --changed 4 [--breakdown] [--profile out.html]

`--breakdown` prints the CPU and queries per look of the body's parts; `--profile` writes a
pyinstrument profile of all timed looks. Writes to the database (the saves): run it on a
copy of a bench dataset, never the original.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
from after_save import (  # noqa: E402
    Stats,
    add_look,
    instrument,
    print_breakdown,
    save_screen,
    summary,
)

PARTS = [
    "vangnet.dashboards.page_cache.dashboard_body",
    "vangnet.dashboards.page_cache._render_rows",
    "vangnet.dashboards.row_cache.derive_rows",
    "vangnet.dashboards.selectors.organisation_figures",
    "vangnet.dashboards.selectors.organisation_figures_again",
    "vangnet.dashboards.routes.load_route_counts",
    "vangnet.dashboards.route_facts.read_facts",
    "vangnet.participants.route_cache.kept_routes",
    "vangnet.participants.route.derive_route",
    "vangnet.fidelity.column_cache.cached_current_scores",
    "vangnet.fidelity.selectors.read_fidelity_facts",
    "vangnet.dashboards.row_cache.phase_chart",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--changed", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--profile", default="")
    parser.add_argument("--cprofile", default="", help="cProfile (CPU clock) stats file")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from load_server import first_organisation_sessions

    from vangnet.core.startup import prepare_worker
    from vangnet.organisations.models import Role, User

    prepare_worker()
    settings.ALLOWED_HOSTS = ["*"]
    stats: Stats = {}
    if args.breakdown:
        instrument(PARTS, stats, connection, where_imported=True)
    organisation, networks, latest = first_organisation_sessions()
    networks = [network for network in networks if network.pk in latest]
    coordinator = Client()
    coordinator.force_login(
        User.objects.filter(organisation_id=organisation, role=Role.COORDINATOR).first()
    )
    page = reverse("dashboards:organisation")
    assert coordinator.get(page).status_code == 200  # the first look (every row derived)
    workers: dict[int, Client] = {}
    rng = random.Random(args.seed)
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
    elif args.cprofile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)
        profiler.start = profiler.enable  # type: ignore[method-assign]
        profiler.stop = profiler.disable  # type: ignore[method-assign]
    cpu: list[float] = []
    queries: list[int] = []
    warm_cpu: list[float] = []
    warm_queries: list[int] = []
    per_look: Stats = {}
    for rep in range(args.reps + 1):  # the first is untimed (the screens' first saves)
        for network in rng.sample(networks, args.changed):
            save_screen(network, latest[network.pk], workers, rep)
        before = {key: list(row) for key, row in stats.items()}
        if profiler is not None and rep:
            profiler.start()
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            response = coordinator.get(page)
            spent = (time.process_time() - started) * 1000
        if profiler is not None and rep:
            profiler.stop()
        assert response.status_code == 200
        if not rep:
            continue
        cpu.append(spent)
        queries.append(len(captured))
        add_look(stats, before, per_look)
        if args.warm:
            with CaptureQueriesContext(connection) as captured:
                started = time.process_time()
                coordinator.get(page)
                warm_cpu.append((time.process_time() - started) * 1000)
            warm_queries.append(len(captured))
    print(summary(f"{args.reps} looks after saves in {args.changed} networks", cpu, queries))
    if warm_cpu:
        print(summary("  the same look again (warm)", warm_cpu, warm_queries))
    print_breakdown(per_look, args.reps, 60)
    if profiler is not None and args.profile:
        Path(args.profile).write_text(profiler.output_text(unicode=False, show_all=False))
    elif profiler is not None:
        profiler.dump_stats(args.cprofile)


if __name__ == "__main__":
    main()
