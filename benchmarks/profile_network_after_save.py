"""CPU and queries of the network page as the load test's coordinator opens it (the first
organisation, its first 50 networks, benchmarks/load_server.py `plan`), each look right
after a save in that network (the session screen's POST by the network's lead worker with
one checkbox flipped, benchmarks/forms.py `toggled_payload`; untimed). In-process through the
whole middleware stack (Django's test client), `time.process_time` around the look.

    DATABASE_URL=postgres://.../copy_large python benchmarks/profile_network_after_save.py \\
        --reps 30 [--breakdown] [--new-forecast] [--cold]

`--breakdown` prints the CPU and queries per look of the body's parts; `--new-forecast` gives
the forecast inputs never seen before (its simulation runs); `--cold` empties the cache
before each look (a network's first look). Writes to the database (the saves): run it on a
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
    "vangnet.networks.views._network_body",
    "vangnet.networks.views.render_to_string",
    "vangnet.networks.selectors.network_page",
    "vangnet.networks.selectors.network_route_map",
    "vangnet.networks.selectors.weekly_attendance",
    "vangnet.networks.selectors.network_activities",
    "vangnet.planning.templatetags.planning_tags.network_forecast",
    "vangnet.planning.forecast_selectors.simulate",
    "vangnet.planning.forecast_selectors.invitations_needed",
    "vangnet.planning.rates_store.organisation_rates",
    "vangnet.support.templatetags.support_tags.period_measures_cached",
    "vangnet.network_evaluation.templatetags.network_evaluation_tags.moment_rows",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--breakdown", action="store_true")
    parser.add_argument("--new-forecast", action="store_true")
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from load_server import first_organisation_sessions

    import vangnet.planning.forecast_selectors as forecast_selectors
    from vangnet.core.startup import prepare_worker
    from vangnet.organisations.models import Role, User

    prepare_worker()
    settings.ALLOWED_HOSTS = ["*"]
    stats: Stats = {}
    if args.breakdown:
        instrument(PARTS, stats, connection)
    organisation, networks, latest = first_organisation_sessions()
    networks = [network for network in networks[:50] if network.pk in latest]
    coordinator = Client()
    coordinator.force_login(
        User.objects.filter(organisation_id=organisation, role=Role.COORDINATOR).first()
    )
    for network in networks:  # every page looked at once, as the load's first looks
        coordinator.get(reverse("networks:detail", args=[network.pk]))
    workers: dict[int, Client] = {}
    rng = random.Random(args.seed)
    cpu: list[float] = []
    queries: list[int] = []
    per_look: Stats = {}
    for rep in range(args.reps):
        network = rng.choice(networks)
        save_screen(network, latest[network.pk], workers, rep)
        if args.cold:
            cache.clear()
        if args.new_forecast:
            forecast_selectors.FORECAST_CACHE_VERSION = 1000 + rep  # a key never seen
        before = {key: list(row) for key, row in stats.items()}
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            response = coordinator.get(reverse("networks:detail", args=[network.pk]))
            cpu.append((time.process_time() - started) * 1000)
        assert response.status_code == 200
        queries.append(len(captured))
        add_look(stats, before, per_look)
    print(summary(f"{args.reps} looks over {len(networks)} networks", cpu, queries))
    print_breakdown(per_look, args.reps, 72)


if __name__ == "__main__":
    main()
