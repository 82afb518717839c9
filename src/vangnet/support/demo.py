"""Support ties for the demo networks: support emerges in the deepening phase.

Called by the demo generator after a network's sessions exist (the lead wires it in):

    from vangnet.support.demo import support_demo_ties
    counts["support_ties"] = counts.get("support_ties", 0) + support_demo_ties(
        network=builder.network, seed=f"{seed}:{index}", today=today
    )

Deterministic for a seed. Ties arise between people present at the same session; the rate,
the share that is returned and the share outside the group's hours grow with the phase, and
people prefer those they already supported, so small clusters form and then join up.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict

from vangnet.networks.models import Attendance, Phase
from vangnet.networks.phases import network_phases
from vangnet.support.models import SupportTie, SupportType

# expected ties per present participant per session, chance a tie is returned later,
# chance it happened outside the group's hours
RATES = {
    Phase.EXPLORATION: (0.01, 0.05, 0.0),
    Phase.BUILD_UP: (0.05, 0.2, 0.1),
    Phase.DEEPENING: (0.16, 0.6, 0.35),
    Phase.EVALUATION: (0.18, 0.65, 0.4),
    Phase.CONTINUATION: (0.18, 0.65, 0.4),
}
TYPE_WEIGHTS = {
    Phase.EXPLORATION: (1, 6, 2),
    Phase.BUILD_UP: (2, 5, 3),
    Phase.DEEPENING: (4, 3, 4),
    Phase.EVALUATION: (4, 3, 4),
    Phase.CONTINUATION: (4, 3, 4),
}
NOTES = (
    "samen boodschappen gedaan",
    "even gebeld om te horen hoe het ging",
    "mee naar de huisarts",
    "samen gewandeld",
    "geholpen met een formulier",
    "koffie gedronken bij haar thuis",
)


def _phase_on(timeline, day: dt.date) -> Phase:
    for span in timeline.spans:
        if (
            span.actual_start
            and span.actual_start <= day
            and (span.actual_end is None or day <= span.actual_end)
        ):
            return span.phase
    return Phase.EXPLORATION


def support_demo_ties(*, network, seed: str | int, today: dt.date) -> int:
    """Create demo support ties for `network` from its attendance; returns how many."""
    rng = random.Random(f"support:{seed}")
    timeline = network_phases(network=network, on=today)
    present: dict[dt.date, list[int]] = defaultdict(list)
    rows = (
        Attendance.objects.filter(session__network=network, session__date__lte=today)
        .order_by("session__date", "participant_id")
        .values_list("session__date", "participant_id")
    )
    for day, pid in rows:
        present[day].append(pid)
    partners: dict[int, list[int]] = defaultdict(list)
    pending: list[tuple[int, int]] = []  # (giver, receiver) still to be returned
    ties: list[SupportTie] = []
    types = list(SupportType.values)
    for day in sorted(present):
        people = present[day]
        if len(people) < 2 or day < network.start_date:
            continue
        phase = _phase_on(timeline, day)
        rate, returned, outside = RATES[phase]
        here = set(people)
        made: list[tuple[int, int]] = [(g, r) for g, r in pending if g in here and r in here]
        pending = [pair for pair in pending if pair not in made]
        for _ in range(sum(rng.random() < rate for _person in people)):
            giver = rng.choice(people)
            known = [p for p in partners[giver] if p in here]
            receiver = rng.choice(known) if known and rng.random() < 0.5 else rng.choice(people)
            if receiver != giver:
                made.append((giver, receiver))
                if rng.random() < returned:
                    pending.append((receiver, giver))
        for giver, receiver in made:
            partners[giver].append(receiver)
            partners[receiver].append(giver)
            ties.append(
                SupportTie(
                    network=network,
                    giver_id=giver,
                    receiver_id=receiver,
                    support_type=rng.choices(types, weights=TYPE_WEIGHTS[phase])[0],
                    date=day,
                    outside_hours=rng.random() < outside,
                    note=rng.choice(NOTES) if rng.random() < 0.25 else "",
                    recorded_by=network.lead_worker,
                )
            )
    SupportTie.objects.bulk_create(ties, batch_size=1000)
    return len(ties)
