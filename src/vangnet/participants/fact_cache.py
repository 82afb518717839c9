"""The version of a network's facts: one fingerprint for every cache of derived figures.

Routes, the dashboard's route figures, the municipality report's steady counts and the
support measures are all derived from the same facts of a network: its sessions, its
participants' attendance marks and invitation dates, and their recorded route events. Each
of those caches keys its entries on the **fact version** of the network(s) it reads, made
here and nowhere else:

- `network_fact_versions`: per network id, in one query for many networks (the dashboard,
  the municipality report);
- `network_fact_version`: the same for one network, in one small SQL statement (the
  network page, the session screen, the support figures).

A fact version holds the count, newest id and newest change time of the network's sessions,
participants and route events. Ids only grow and these rows are only added, changed (which
stamps `updated_at`; route events are never changed) or deleted, so two different states of
the facts never share a version. Attendance marks are not counted row by row (that would
read every mark of an organisation, the slowest part of the dashboard): a mark is a fact of
its session and is written only through the session
(`networks.sessions.services.session_record_attendance`, the import), which always stamps
the session's `updated_at`. Deleting a participant or session removes their marks and
changes that count. Tests (tests/participants/test_fact_cache.py) hold every writer to this;
each cache's lifetime bounds anything written around the application (raw SQL,
`QuerySet.update`).

Every key also holds `FIGURES_VERSION`: raise it when a derived figure changes meaning
(`participants.route.derive_route`, the dashboard's definitions, the steady rule), so no
figure of the old meaning is read again. Values are stored only when the transaction that
derived them commits (`store_after_commit`), so figures of a rolled-back change never enter
the cache.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Max, Value

from vangnet.networks.models import Session
from vangnet.participants.models import Participant, RouteEvent

FIGURES_VERSION = 2  # 2: one definition of long-term (participants.long_term)
DEFAULT_SECONDS = 3600

# One network's fact version: (source, count, newest id, newest change) per source.
FactVersion = tuple[tuple[int, int, Any, str], ...]
T = TypeVar("T")


def cache_seconds(setting: str, default: int = DEFAULT_SECONDS) -> int:
    """How long a cache of derived figures keeps an entry (`setting`; 0 turns it off)."""
    return int(getattr(settings, setting, default))


def fact_scopes(
    *, organisation: Any = None, network_ids: Iterable[int] | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Filters for rows of networks (sessions, participants) and of participants (marks,
    events): the whole organisation, or only the networks `network_ids`."""
    if network_ids is None:
        return {"network__organisation": organisation}, {"participant__organisation": organisation}
    ids = sorted(set(network_ids))
    return {"network_id__in": ids}, {"participant__network_id__in": ids}


def network_fact_versions(
    *, organisation: Any = None, network_ids: Iterable[int] | None = None
) -> dict[int, FactVersion]:
    """Per network id, its fact version, in one query (the grouped aggregates of sessions,
    participants and route events, joined by UNION ALL), for the networks `network_ids` or,
    when None, all networks of `organisation`. A network without sessions, participants or
    events has no entry."""
    networks, people = fact_scopes(organisation=organisation, network_ids=network_ids)
    sources = (
        (Session.objects.filter(**networks), "network_id", "updated_at"),
        (Participant.objects.filter(**networks), "network_id", "updated_at"),
        (RouteEvent.objects.filter(**people), "participant__network_id", "recorded_at"),
    )
    grouped = [
        queryset.order_by()
        .values(group=F(network_field))
        .annotate(source=Value(index), n=Count("id"), last=Max("id"), changed=Max(changed))
        .values_list("group", "source", "n", "last", "changed")
        for index, (queryset, network_field, changed) in enumerate(sources)
    ]
    versions: dict[int, list[tuple[int, int, Any, str]]] = defaultdict(list)
    for network_id, source, n, last, changed in grouped[0].union(*grouped[1:], all=True):
        versions[network_id].append((source, n, last, str(changed)))
    return {network_id: tuple(sorted(version)) for network_id, version in versions.items()}


def network_fact_version(network_id: int) -> FactVersion:
    """The fact version of one network (see `network_fact_versions`) in one small SQL
    statement. Written out rather than built with the ORM: the network page asks for it
    twice, and building the grouped UNION queryset cost more than running it."""
    quote = connection.ops.quote_name
    session, participant, event = (
        quote(model._meta.db_table) for model in (Session, Participant, RouteEvent)
    )
    sql = (
        f"SELECT 0, COUNT(id), MAX(id), MAX(updated_at) FROM {session} "  # noqa: S608 - names
        "WHERE network_id = %s "
        f"UNION ALL SELECT 1, COUNT(id), MAX(id), MAX(updated_at) FROM {participant} "
        "WHERE network_id = %s "
        f"UNION ALL SELECT 2, COUNT(e.id), MAX(e.id), MAX(e.recorded_at) FROM {event} e "
        f"JOIN {participant} p ON p.id = e.participant_id WHERE p.network_id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [network_id] * 3)
        rows = cursor.fetchall()
    return tuple(sorted((source, n, last, str(changed)) for source, n, last, changed in rows))


READ_ONLY_VERSION = "_vangnet_fact_version"


def keep_version_for_this_read(network: Any) -> None:
    """For a read-only page (the network page's GET): read the fact version of `network`
    once and let every cache of this request use it (`fact_version_of`); the routes and
    the support figures each read it before. Never for a request that writes: a kept
    version would then be older than the facts."""
    setattr(network, READ_ONLY_VERSION, network_fact_version(network.pk))


def fact_version_of(network: Any) -> FactVersion:
    """The fact version of `network`: the one kept for a read-only page, else read now."""
    kept = getattr(network, READ_ONLY_VERSION, None)
    return kept if kept is not None else network_fact_version(network.pk)


def cache_key(kind: str, *parts: object) -> str:
    """A cache key for `kind` of derived figures; `parts` hold everything they depend on
    (a fact version among them)."""
    digest = hashlib.sha256(repr((FIGURES_VERSION, *parts)).encode()).hexdigest()
    return f"vangnet:{kind}:{digest}"


def store_after_commit(values: Mapping[str, object], seconds: int) -> None:
    """Put `values` in the cache once the current transaction commits (at once outside
    one); nothing is stored when it rolls back."""
    values = dict(values)
    transaction.on_commit(lambda: cache.set_many(values, seconds))


def cached_per_network(
    *,
    kind: str,
    versions: Mapping[int, object],
    parts: tuple[object, ...],
    derive: Callable[[list[int]], Mapping[int, T]],
    seconds: int,
) -> dict[int, T]:
    """Per network id (of `versions`), a derived figure: from the cache under the network's
    version (its fact version, with whatever else only that network's figure depends on)
    and `parts`, else `derive(missing network ids)` in one go, kept for next
    time. A network that `derive` gives nothing for is remembered as having nothing."""
    keys = {
        network_id: cache_key(kind, network_id, version, *parts)
        for network_id, version in versions.items()
    }
    cached = cache.get_many(list(keys.values()))
    figures: dict[int, T] = {}
    missing = []
    for network_id, key in keys.items():
        if key in cached:
            if cached[key] is not None:  # None: nothing to show for this network
                figures[network_id] = cached[key]
        else:
            missing.append(network_id)
    if missing:
        fresh = derive(missing)
        stored = {keys[network_id]: fresh.get(network_id) for network_id in missing}
        store_after_commit(stored, seconds)
        figures.update(fresh)
    return figures
