"""The version of a network's facts: one fingerprint for every cache of derived figures.

Routes, the dashboard's route figures, the municipality report's steady counts and the
support measures are all derived from the same facts of a network: its sessions, its
participants' attendance marks and invitation dates, and their recorded route events. Each
of those caches keys its entries on the **fact version** of the network(s) it reads, made
here and nowhere else:

- `network_fact_versions`: per network id, in one indexed query for many networks (the
  dashboard, the municipality report);
- `network_fact_version`: the same for one network, by primary key (the network page, the
  session screen, the support figures).

A fact version is the token of the network's row in `NetworkFactVersion`, which the
database's triggers (`participants.fact_triggers`) replace by a new one in every statement
that writes the network's sessions, attendance marks, participants or route events (and,
for the sociogram, its support ties and phase transitions), in the same transaction:
services, imports, bulk loads, `QuerySet.update` and raw SQL alike, so no writer can
forget it. Reading it costs one row per network, whatever the size of the
history (before issue 21 it was a fingerprint of counts, newest ids and change times of
every session, participant and route event: that query grew with the data). Tests
(tests/participants/test_fact_versions.py, test_fact_cache.py) hold every kind of write to
this. A transaction that rolls back leaves the old token with the old facts.

Every key also holds `FIGURES_VERSION`: raise it when a derived figure changes meaning
(`participants.route.derive_route`, the dashboard's definitions, the steady rule), so no
figure of the old meaning is read again. Values are stored only when the transaction that
derived them commits (`store_after_commit`), so figures of a rolled-back change never enter
the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from vangnet.core.single_flight import derive_once
from vangnet.core.single_flight import store_after_commit as store_after_commit  # the caches'
from vangnet.networks.models import Network
from vangnet.participants.models import NetworkFactVersion

FIGURES_VERSION = 2  # 2: one definition of long-term (participants.long_term)
DEFAULT_SECONDS = 3600

# One network's fact version: the token its triggers last wrote (participants.fact_triggers).
FactVersion = int
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
    """Per network id, its fact version, in one indexed query, for the networks
    `network_ids` or, when None, all networks of `organisation`. A network without a
    version row (none: every network gets one when it is made) has no entry."""
    versions = NetworkFactVersion.objects.order_by()
    if network_ids is None:
        ids = Network.objects.filter(organisation=organisation).values("id")
        versions = versions.filter(network_id__in=ids)
    else:
        versions = versions.filter(network_id__in=sorted(set(network_ids)))
    return dict(versions.values_list("network_id", "token"))


def network_fact_version(network_id: int) -> FactVersion:
    """The fact version of one network (see `network_fact_versions`), by its primary key;
    0 for a network without a version row."""
    table = connection.ops.quote_name(NetworkFactVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {table} WHERE network_id = %s", [network_id])  # noqa: S608 - a name
        row = cursor.fetchone()
    return row[0] if row else 0


READ_ONLY_VERSION = "_vangnet_fact_version"


def keep_version_for_this_read(network: Any) -> None:
    """For a read-only page (the network page's GET): read the fact version of `network`
    once and let every cache of this request use it (`fact_version_of`); the routes and
    the support figures each read it before. Never for a request that writes: a kept
    version would then be older than the facts."""
    setattr(network, READ_ONLY_VERSION, network_fact_version(network.pk))


READ_WITH_NETWORK = "fact_version_read_with_network"


def version_with_network() -> dict[str, Any]:
    """For a read-only page: an annotation that reads the network's fact version in the
    query that reads the network (`core.permissions.network_for(annotate=...)`); then
    `keep_version_read_with_network`. One query fewer than `keep_version_for_this_read`."""
    from django.db.models import OuterRef

    from vangnet.participants.data_versions import FACTS, token_subquery

    return {READ_WITH_NETWORK: token_subquery(FACTS, network=OuterRef("pk"))}


def keep_version_read_with_network(network: Any) -> None:
    """As `keep_version_for_this_read`, with the version `version_with_network` read (0 for
    a network without a version row, as `network_fact_version`)."""
    setattr(network, READ_ONLY_VERSION, getattr(network, READ_WITH_NETWORK) or 0)


def fact_version_of(network: Any) -> FactVersion:
    """The fact version of `network`: the one kept for a read-only page, else read now."""
    kept = getattr(network, READ_ONLY_VERSION, None)
    return kept if kept is not None else network_fact_version(network.pk)


def database_date(value: Any) -> dt.date:
    """A date column read with raw SQL as a date: SQLite hands the dates of a UNION or an
    aggregate (MIN) back as text, a timestamp column gives a datetime."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def cache_key(kind: str, *parts: object) -> str:
    """A cache key for `kind` of derived figures; `parts` hold everything they depend on
    (a fact version among them)."""
    digest = hashlib.sha256(repr((FIGURES_VERSION, *parts)).encode()).hexdigest()
    return f"vangnet:{kind}:{digest}"


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
    time. A network that `derive` gives nothing for is remembered as having nothing. A
    network another request is deriving meanwhile is awaited, not derived twice
    (`core.single_flight`)."""
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
    if missing:  # derived by one request at a time (the others wait for its values)
        fresh = derive_once(
            {network_id: keys[network_id] for network_id in missing},
            derive,
            seconds=seconds,
            remember_none=True,
        )
        figures.update((pk, value) for pk, value in fresh.items() if value is not None)
    return figures
