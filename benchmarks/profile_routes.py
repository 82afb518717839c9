"""Time `participants.route.derive_route` on a dataset's real facts, e.g.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vangnet_bench_national \\
        .venv/bin/python benchmarks/profile_routes.py --reps 21            # the busiest network
    ... benchmarks/profile_routes.py --organisation 1 --reps 3              # all its networks

The facts are read once, as `participants.selectors.attach_routes` reads them (recorded
sessions, attendance, route events up to today); only the derivations are timed (CPU, no
database). Prints the median and the fastest pass and a digest of the routes: equal digests
mean equal routes, so two checkouts can be compared on the same facts (PYTHONPATH=.../src).
`--profile` adds a pyinstrument profile of one pass.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--network", type=int, default=0, help="default: the busiest network")
    parser.add_argument("--organisation", type=int, default=0, help="all its networks")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db.models import Count, Q
    from django.utils import timezone

    from vangnet.networks.models import Attendance, Network, Session
    from vangnet.participants.models import Participant
    from vangnet.participants.route import derive_route
    from vangnet.participants.selectors import recorded_events, route_rules

    today = timezone.localdate()
    networks = Network.objects.select_related("organisation")
    if args.organisation:
        chosen = list(networks.filter(organisation_id=args.organisation))
    elif args.network:
        chosen = list(networks.filter(pk=args.network))
    else:
        chosen = list(networks.annotate(n=Count("participants")).order_by("-n", "pk")[:1])
    network_ids = [network.pk for network in chosen]
    rules = {network.pk: route_rules(network.organisation) for network in chosen}
    sessions: dict[int, list] = defaultdict(list)
    for network_id, day in Session.objects.filter(
        network_id__in=network_ids, recorded=True, date__lte=today
    ).values_list("network_id", "date"):
        sessions[network_id].append(day)
    attended: dict[int, list] = defaultdict(list)
    for participant_id, day in Attendance.objects.filter(
        participant__network_id__in=network_ids, session__date__lte=today
    ).values_list("participant_id", "session__date"):
        attended[participant_id].append(day)
    events = recorded_events(Q(participant__network_id__in=network_ids), today=today)
    people = list(
        Participant.objects.filter(network_id__in=network_ids)
        .order_by("pk")
        .values_list("pk", "network_id", "invited_on")
    )

    def derive_all() -> list:
        return [
            derive_route(
                invited_on=invited_on,
                session_dates=sessions.get(network_id, ()),
                attended_dates=attended.get(pk, ()),
                events=events.get(pk, ()),
                rules=rules[network_id],
                today=today,
            )
            for pk, network_id, invited_on in people
        ]

    passes = []
    for _ in range(args.reps):
        started = time.process_time()
        routes = derive_all()
        passes.append(time.process_time() - started)
    digest = hashlib.sha256(repr(routes).encode()).hexdigest()[:16]
    print(
        f"derive_route: {len(people)} people of {len(chosen)} networks, {args.reps} passes: "
        f"median {statistics.median(passes) * 1000:.2f} ms CPU, "
        f"fastest {min(passes) * 1000:.2f} ms; routes digest {digest}"
    )
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()
        profiler.start()
        derive_all()
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
