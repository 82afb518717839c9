"""Personal network maps for the demo: three steady participants per network get a map in
two waves (about nine months apart), with the people around them, their consent, a network
conversation with agreements in each wave, and in the second wave members of the
vangnetwerk who came closer. Everything goes through support.map_services, so every row is
a state the map page itself can reach. Deterministic for a seed.

Called by the demo generator after the sessions exist:

    counts["network_maps"] += support_demo_maps(network=network, seed=..., today=today)
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Count

from vangnet.support import map_services
from vangnet.support.models import AlterKind, Closeness, Consent, SupportType

# (name or role, kind, circle, support, consent)
FIRST_WAVE = [
    ("Dochter", AlterKind.RELATIVE, Closeness.MIDDLE, [SupportType.EMOTIONAL], Consent.VIA_CLIENT),
    ("Buurvrouw", AlterKind.NEIGHBOUR, Closeness.OUTER, [SupportType.PRACTICAL], Consent.YES),
    ("Huisarts", AlterKind.PROFESSIONAL, Closeness.OUTER, [SupportType.PRACTICAL], Consent.NO),
    ("Oud-collega", AlterKind.FRIEND, Closeness.OUTER, [], Consent.NO),
]
AGREEMENTS = (
    "De dochter belt elke zondag. De buurvrouw let op de post als het even niet gaat.",
    "Samen met twee mensen uit de groep naar de markt op zaterdag. De buurvrouw blijft het "
    "eerste aanspreekpunt bij praktische vragen.",
)


def _steady_people(network, count: int) -> list:
    from vangnet.participants.models import Participant

    return list(
        Participant.objects.filter(network=network, erasure__isnull=True)
        .annotate(n=Count("attendances"))
        .order_by("-n", "id")[2 : 2 + count]
    )


def support_demo_maps(*, network, seed: str | int, today: dt.date, people: int = 3) -> int:
    """Two waves of a personal network map for `people` steady participants; returns the
    number of maps made."""
    rng = random.Random(f"maps:{seed}")
    worker = network.lead_worker
    chosen = _steady_people(network, people + 2)
    owners, members = chosen[:people], chosen[people:]
    made = 0
    for index, participant in enumerate(owners):
        first_day = today - dt.timedelta(days=280 - 7 * index)
        second_day = today - dt.timedelta(days=35 - 7 * index)
        if first_day < network.start_date:
            continue
        first = map_services.map_wave_create(
            participant=participant, wave_date=first_day, actor=worker
        )
        alters = []
        for name, kind, circle, support, consent in FIRST_WAVE[: 3 + rng.randint(0, 1)]:
            alters.append(
                map_services.alter_add(
                    network_map=first,
                    name=name,
                    kind=kind,
                    closeness=circle,
                    support_types=list(support),
                    phone="0612345678" if consent == Consent.YES else "",
                    consent=consent,
                    actor=worker,
                )
            )
        map_services.conversation_create(
            network_map=first,
            date=first_day + dt.timedelta(days=14),
            alters=alters[:2],
            agreements=AGREEMENTS[0],
            actor=worker,
        )
        second = map_services.map_wave_create(
            participant=participant, wave_date=second_day, actor=worker
        )
        carried = {alter.name: alter for alter in second.alters.all()}
        neighbour = carried.get("Buurvrouw")
        if neighbour is not None:  # the neighbour came closer
            map_services.alter_update(
                alter=neighbour,
                name=neighbour.name,
                kind=neighbour.kind,
                closeness=Closeness.MIDDLE,
                support_types=[SupportType.PRACTICAL, SupportType.COMPANIONSHIP],
                actor=worker,
            )
        new_members = []
        for member in members[: 1 + index % 2]:
            new_members.append(
                map_services.alter_add(
                    network_map=second,
                    name=member.display_name,
                    kind=AlterKind.VANGNETWERK,
                    closeness=Closeness.MIDDLE,
                    support_types=[SupportType.COMPANIONSHIP],
                    in_support_group=True,
                    consent=Consent.VIA_CLIENT,
                    linked_participant=member,
                    actor=worker,
                )
            )
        map_services.conversation_create(
            network_map=second,
            date=second_day + dt.timedelta(days=3),
            alters=new_members,
            others="achterwacht",
            agreements=AGREEMENTS[1],
            actor=worker,
        )
        made += 2
    return made
