"""Finding an existing person behind a typed name, so a newcomer "Ria" is not silently a
second Ria. Pure comparison (`name_key`, `names_alike`) plus one read
(`similar_participants`, or `similar_for_names` for an import) scoped to the network's
organisation. Used by the session screen's newcomers, the participant form and the import.

Alike: the same letters ignoring case, accents and spacing; one name the first word of the
other ("Ria" and "Ria de Vries"); or a small typo (one letter different, missing, extra or
two swapped; two for names of eight letters or more).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db.models import Max


def name_key(name: str) -> str:
    """Lower case, no accents, single spaces: "  Riá " -> "ria"."""
    decomposed = unicodedata.normalize("NFKD", str(name or ""))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (adjacent swaps count once), stopping above limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def names_alike(typed: str, known: str) -> bool:
    a, b = name_key(typed), name_key(known)
    if not a or not b:
        return False
    if a == b or a == b.split(" ")[0] or b == a.split(" ")[0]:
        return True
    shorter = min(len(a), len(b))
    if shorter < 3:
        return False
    limit = 2 if shorter >= 8 else 1
    return _edit_distance(a, b, limit) <= limit


@dataclass(frozen=True)
class NameMatch:
    participant: Any  # a Participant
    same_network: bool
    since: dt.date  # when they were added
    last_seen: dt.date | None


def similar_participants(
    *, network, name: str, limit: int = 5, exclude_id: int | None = None
) -> list[NameMatch]:
    """Participants of the network's organisation whose name resembles `name`, the
    network's own first (`exclude_id`: the person being edited). Two queries."""
    return similar_for_names(network=network, names=[name], limit=limit, exclude_id=exclude_id)[
        name
    ]


def similar_for_names(
    *, network, names: list[str], limit: int = 5, exclude_id: int | None = None
) -> dict[str, list[NameMatch]]:
    """`similar_participants` for many typed names at once (an import): per name its
    lookalikes, the network's own first. Two queries whatever the number of names."""
    from vangnet.networks.models import Attendance
    from vangnet.participants.models import Participant

    everyone = [
        person
        for person in Participant.objects.filter(organisation_id=network.organisation_id)
        .select_related("network")
        .only("pk", "display_name", "network_id", "network__name", "created_at")
        if person.pk != exclude_id
    ]
    found: dict[str, list[Any]] = {}
    for name in names:
        people = [person for person in everyone if names_alike(name, person.display_name)]
        people.sort(key=lambda p: (p.network_id != network.pk, name_key(p.display_name), p.pk))
        found[name] = people[:limit]
    ids = {p.pk for people in found.values() for p in people}
    last = (
        dict(
            Attendance.objects.filter(participant_id__in=ids)
            .values("participant_id")
            .annotate(last=Max("session__date"))
            .values_list("participant_id", "last")
        )
        if ids
        else {}
    )
    return {
        name: [
            NameMatch(
                participant=p,
                same_network=p.network_id == network.pk,
                since=p.created_at.date(),
                last_seen=last.get(p.pk),
            )
            for p in people
        ]
        for name, people in found.items()
    }
