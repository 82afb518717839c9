"""Participants' routes kept in Django's cache, under a fingerprint of the facts they come from.

A route is derived from the network's recorded sessions, the participant's attendance marks
and recorded route events, their invitation date, the organisation's rules and the day it
is derived for (`participants.route.derive_route`). Deriving every route of a network with
years of history is the expensive part of the network page, the session screen and the
dashboards, so the result is cached per network under a key that holds:

- the network's **fact version** (`route_fact_versions`): count, newest id and newest change
  time of its sessions, participants and route events (one query);
- the day, the organisation's rules and `ROUTE_CACHE_VERSION` (raise it when
  `derive_route` changes meaning).

Ids only grow and these rows are only added, changed (which stamps `updated_at`) or
deleted, so two different states of the facts never share a fingerprint. Attendance marks
are not counted row by row (that would read every mark of an organisation, the slowest part
of the dashboard): a mark is a fact of its session and is written only through the session
(`networks.sessions.services.session_record_attendance`, the import), which always stamps the
session's `updated_at`. Deleting a participant or session removes their marks and changes
that count. Tests (tests/participants/test_route_cache.py) hold every writer to this; the
cache lifetime (setting `VANGNET_ROUTE_CACHE_SECONDS`, default 3600; 0 turns the cache off)
bounds anything written around the application (raw SQL, `QuerySet.update`).

Values are stored only when the transaction that derived them commits
(`transaction.on_commit`), so figures of a rolled-back change never enter the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, F, Max, Value

from vangnet.networks.models import Session
from vangnet.participants.models import Participant, RouteEvent
from vangnet.participants.route import Route, RouteRules

ROUTE_CACHE_VERSION = 2  # 2: one definition of long-term (participants.long_term)
DEFAULT_SECONDS = 3600


def cache_seconds() -> int:
    return int(getattr(settings, "VANGNET_ROUTE_CACHE_SECONDS", DEFAULT_SECONDS))


def fact_scopes(*, organisation, network_ids: Iterable[int] | None) -> tuple[dict, dict]:
    """Filters for rows of networks (sessions, participants) and of participants (marks,
    events): the whole organisation, or only the networks `network_ids`."""
    if network_ids is None:
        return {"network__organisation": organisation}, {"participant__organisation": organisation}
    ids = sorted(set(network_ids))
    return {"network_id__in": ids}, {"participant__network_id__in": ids}


def route_fact_versions(
    *, organisation=None, network_ids: Iterable[int] | None = None
) -> dict[int, tuple]:
    """Per network id, the fingerprint of its route facts, in one query (the grouped
    aggregates of sessions, participants and route events, joined by UNION ALL), for the
    networks `network_ids` or, when None, all networks of `organisation`. A network
    without sessions, participants or events has no entry."""
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
    versions: dict[int, list] = defaultdict(list)
    for network_id, source, n, last, changed in grouped[0].union(*grouped[1:], all=True):
        versions[network_id].append((source, n, last, str(changed)))
    return {network_id: tuple(sorted(version)) for network_id, version in versions.items()}


def network_fact_version(network_id: int) -> tuple:
    """The fingerprint of one network's route facts (see `route_fact_versions`) in one small
    SQL statement. Written out rather than built with the ORM: the network page asks for it
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


def cache_key(kind: str, *parts) -> str:
    """A cache key for `kind` of derived figures; `parts` hold everything they depend on."""
    digest = hashlib.sha256(repr((ROUTE_CACHE_VERSION, *parts)).encode()).hexdigest()
    return f"vangnet:{kind}:{digest}"


def store_after_commit(values: dict[str, object], seconds: int) -> None:
    """Put `values` in the cache once the current transaction commits (at once outside
    one); nothing is stored when it rolls back."""
    transaction.on_commit(lambda: cache.set_many(values, seconds))


def cached_routes(
    *,
    network,
    rules: RouteRules,
    today: dt.date,
    derive: Callable[[], dict[int, Route]],
) -> dict[int, Route]:
    """Per participant id, the route of every participant of `network` as of `today`: from
    the cache when the network's facts are unchanged, else `derive()`, kept for next time."""
    seconds = cache_seconds()
    if seconds <= 0:
        return derive()
    key = cache_key("routes", network.pk, today, rules, network_fact_version(network.pk))
    routes = cache.get(key)
    if routes is None:
        routes = derive()
        store_after_commit({key: routes}, seconds)
    return routes
