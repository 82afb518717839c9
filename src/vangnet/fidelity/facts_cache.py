"""The fidelity facts of each network kept apart from its scores (the dashboard's column).

Public: `kept_facts(versions)`, a reader with the signature of
`fidelity.selectors.read_fidelity_facts` (`read(ids, until, networks)`) whose answer equals
`read_fidelity_facts(ids, until, networks)` (tests compare them after random writes), but
each network's part is kept in Django's cache
(setting `VANGNET_DASHBOARD_CACHE_SECONDS`) under what it is read from: the network's id,
its trigger-kept tokens `plan` (the network's own row: its lead and backup workers, who make
an interview independent or not) and `evaluation` (checklists with their answers, sub-goal
judgements, evaluations, follow-up tasks, interviews, member checks, coding:
`participants.data_triggers`), and the day `until` the facts are cut at. The `facts`
token (sessions and marks) is not part of the key: a saved session screen renews the
fidelity column's score of its network (`fidelity.column_cache`, keyed on all three
tokens), and that score is then made from the kept facts without their seven queries.
The tokens are read before the facts (the dashboard's rows' lines), so an entry never
holds facts older than its key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields
from typing import Any

from vangnet.fidelity.selectors import FidelityFacts, read_fidelity_facts
from vangnet.participants.data_versions import DataVersion
from vangnet.participants.fact_cache import cache_seconds, cached_per_network

CACHE_SECONDS = 3600
NAMES = [item.name for item in fields(FidelityFacts)]
FactsReader = Callable[[list[int], dt.date, Sequence[Any] | None], FidelityFacts]


def _part(facts: FidelityFacts, pk: int) -> tuple[Any, ...]:
    """One network's part of `facts` (None where it has nothing of a kind)."""
    return tuple(getattr(facts, name).get(pk) for name in NAMES)


def _parts(facts: FidelityFacts) -> dict[int, tuple[Any, ...]]:
    """Per network of `facts`, its part."""
    ids = {pk for name in NAMES for pk in getattr(facts, name)}
    return {pk: _part(facts, pk) for pk in ids}


def _joined(parts: Mapping[int, tuple[Any, ...]]) -> FidelityFacts:
    values: dict[str, dict[int, Any]] = {name: {} for name in NAMES}
    for pk, part in parts.items():
        for name, value in zip(NAMES, part, strict=True):
            if value is not None:
                values[name][pk] = value
    return FidelityFacts(**values)


def kept_facts(versions: Mapping[int, DataVersion]) -> FactsReader:
    """`read_fidelity_facts`, each network's part from the cache under its `plan` and
    `evaluation` tokens (of `versions`: per network its `facts`, `plan` and `evaluation` tokens, as
    `fidelity.column_cache.KINDS`); networks without tokens in `versions` are read."""

    def read(
        ids: list[int], until: dt.date, networks: Sequence[Any] | None = None
    ) -> FidelityFacts:
        seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS", CACHE_SECONDS)
        if seconds <= 0 or not set(ids) <= set(versions):
            return read_fidelity_facts(ids, until, networks)
        parts = cached_per_network(  # one request reads what many miss (core.single_flight)
            kind="fidelity-facts",
            versions={pk: (versions[pk][1], versions[pk][2]) for pk in ids},
            parts=(until,),
            derive=lambda missing: _parts(read_fidelity_facts(missing, until, networks)),
            seconds=seconds,
        )
        return _joined(parts)

    return read
