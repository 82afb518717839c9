"""Demo house rules: the lunch group wrote its rules in the build-up phase and added two a
few months later; the Creaclub wrote theirs once the Speelgoedpunt began. Positively
written, as the method asks (the Rotterdam network's *huisregels*). Deterministic; writes
directly (no audit records: demo data is not a user's action)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vangnet.houserules.models import HouseRules

LUNCH_FIRST = [
    "We laten elkaar uitpraten.",
    "Iedereen doet mee op zijn eigen manier.",
    "We vragen het als we hulp nodig hebben.",
    "Wie er is, hoort erbij.",
    "We ruimen samen op.",
]
LUNCH_ADDED = [
    "We verwelkomen nieuwe mensen en laten ze niet alleen zitten.",
    "Wat hier besproken wordt, blijft hier.",
]
CREACLUB = [
    "We helpen elkaar als iets niet lukt.",
    "We zijn zuinig op het materiaal en het speelgoed.",
    "Iedereen mag een idee inbrengen.",
    "We zeggen het als we een keer niet kunnen komen.",
    "Speelgoed voor de buurt maken we heel en schoon.",
]


def houserules_demo(
    *, organisation: Any, networks: list[Any], users: dict[str, Any], today: dt.date, seed: str
) -> dict[str, int]:
    rows = []
    for index, network in enumerate(networks):
        if index == 0:
            first = network.start_date + dt.timedelta(weeks=18)
            second = network.start_date + dt.timedelta(weeks=40)
            versions = [(first, LUNCH_FIRST), (second, LUNCH_FIRST + LUNCH_ADDED)]
        else:
            versions = [(network.start_date + dt.timedelta(weeks=24), CREACLUB)]
        number = 0
        for agreed_on, rules in versions:
            if agreed_on >= today:
                continue
            number += 1
            rows.append(
                HouseRules(
                    network=network,
                    version=number,
                    text="\n".join(rules),
                    agreed_on=agreed_on,
                    recorded_by_id=network.lead_worker_id,
                )
            )
    HouseRules.objects.bulk_create(rows)
    return {"house_rules": len(rows)}
