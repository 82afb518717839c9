"""Balance reflections for the demo: the lead worker's weekly answer on the four balances of
organised chaos, most weeks since the network started. Early on the worker steers and
keeps things stable and safe; as the group grows it takes more initiative and the worker
lets more happen. Deterministic for a seed; rows are written directly (bulk)."""

from __future__ import annotations

import datetime as dt
import random

from vangnet.logbook.models import BalanceReflection

NOTES = (
    "",
    "",
    "De groep regelde de boodschappen zelf; ik heb me er bewust niet mee bemoeid.",
    "Twee nieuwe mensen: meer structuur gegeven zodat ze hun plek vonden.",
    "Een meningsverschil over de taken: even ingegrepen en samen opnieuw verdeeld.",
)


def _clamp(value: float) -> int:
    return max(-2, min(2, round(value)))


def balance_demo(*, networks, seed: str, today: dt.date) -> int:
    """Weekly balance reflections (about four weeks in five) for every network."""
    rng = random.Random(f"{seed}:balances")
    this_monday = today - dt.timedelta(days=today.weekday())
    rows = []
    for network in networks:
        start = network.start_date - dt.timedelta(days=network.start_date.weekday())
        weeks = max(1, (this_monday - start).days // 7)
        monday = start
        while monday < this_monday:
            progress = (monday - start).days / 7 / weeks  # 0 at the start, 1 now
            if rng.random() < 0.8:
                rows.append(
                    BalanceReflection(
                        network=network,
                        author=network.lead_worker,
                        week_start=monday,
                        # -2 is the first pole (stability, safety, initiative, letting be)
                        stability_spontaneity=_clamp(-1.5 + 2 * progress + rng.gauss(0, 0.6)),
                        safety_challenge=_clamp(-1.8 + 2 * progress + rng.gauss(0, 0.6)),
                        initiative_steering=_clamp(1.2 - 2.4 * progress + rng.gauss(0, 0.6)),
                        letting_be_intervening=_clamp(1.0 - 2.2 * progress + rng.gauss(0, 0.6)),
                        note=rng.choice(NOTES),
                    )
                )
            monday += dt.timedelta(weeks=1)
    BalanceReflection.objects.bulk_create(rows)
    return len(rows)
