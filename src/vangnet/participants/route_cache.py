"""Participants' routes kept in Django's cache, one entry per network and day, renewed
participant by participant.

A route is derived from the network's recorded sessions, the participant's attendance marks
and recorded route events, their invitation date, the organisation's rules and the day it
is derived for (`participants.route.derive_route`). Deriving every route of a network with
years of history is the expensive part of the network page, the session screen and the
dashboards, so the routes are cached per network under a key of the network, the day and the
organisation's rules. The entry remembers what each route was derived from:

- the network's fact version (`participants.fact_cache`): while it is unchanged, nothing the
  routes depend on changed and the entry is used as it is (one query);
- otherwise each route is checked against its participant's own version
  (`ParticipantFactVersion`, kept by the triggers of `participants.route_triggers` for every
  write of the participant, their marks and their route events) and the network's session
  dates (compared here, a fingerprint of one small query): a route whose participant and
  session dates are unchanged is kept, the others are derived again.

So saving a session screen (a few marks changed) derives the routes of the people whose
marks changed, not of the whole network; a new or moved session derives them all. The cache
lifetime (setting `VANGNET_ROUTE_CACHE_SECONDS`, default 3600; 0 turns the cache off) bounds
anything written around the application. Values are stored only when the transaction
commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection

from vangnet.participants import fact_cache
from vangnet.participants.route import Route, RouteRules

# participant id -> (their fact version, None when unknown; their route)
KeptRoutes = dict[int, tuple[int | None, Route]]


def cache_seconds() -> int:
    """The routes' (and the support figures') cache lifetime; 0: no cache."""
    return fact_cache.cache_seconds("VANGNET_ROUTE_CACHE_SECONDS")


def participant_versions(network_id: int) -> dict[int, int | None]:
    """Per participant id of the network, the version of their own facts (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.id, v.token FROM participants_participant p "
            "LEFT JOIN participants_participantfactversion v ON v.participant_id = p.id "
            "WHERE p.network_id = %s",
            [network_id],
        )
        return dict(cursor.fetchall())


def session_fingerprint(network_id: int, today: dt.date) -> str:
    """What the network's sessions up to `today` say to a route: each one's id, date and
    whether it was recorded (a mark in a moved session moves an attended date)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, date, recorded FROM networks_session "
            "WHERE network_id = %s AND date <= %s ORDER BY id",
            [network_id, today],
        )
        rows = cursor.fetchall()
    return hashlib.sha256(repr([(i, str(d), bool(r)) for i, d, r in rows]).encode()).hexdigest()


def cached_routes(
    *,
    network: Any,
    rules: RouteRules,
    today: dt.date,
    derive: Callable[[list[int] | None], dict[int, Route]],
    read_only: bool = False,
) -> dict[int, Route]:
    """Per participant id, the route of every participant of `network` as of `today`: from
    the cache where the facts it was derived from are unchanged, else `derive(ids)` for the
    participants `ids` (None: all of them), and kept for next time.

    `read_only` (a bulk reader that visits every network once: the research export) uses
    the entry the same way but never stores, so it does not push the pages' entries out."""
    seconds = cache_seconds()
    if seconds <= 0:
        return derive(None)
    version = fact_cache.fact_version_of(network)
    key = fact_cache.cache_key("routes", network.pk, today, rules)
    entry: dict[str, Any] | None = cache.get(key)
    if entry is not None and entry["network"] == version:
        return {pk: route for pk, (_token, route) in entry["routes"].items()}
    if entry is None and read_only:
        return derive(None)  # nothing to compare with, nothing to store

    people = participant_versions(network.pk)
    sessions = session_fingerprint(network.pk, today)
    kept: KeptRoutes = {}
    if entry is not None and entry["sessions"] == sessions:
        for pk, (token, route) in entry["routes"].items():
            if token is not None and people.get(pk, None) == token:
                kept[pk] = (token, route)
    missing = sorted(set(people) - set(kept))
    if missing:
        fresh = derive(None if not kept else missing)
        for pk in missing:
            if pk in fresh:
                kept[pk] = (people[pk], fresh[pk])
    if not read_only:
        fact_cache.store_after_commit(
            {key: {"network": version, "sessions": sessions, "routes": kept}}, seconds
        )
    return {pk: route for pk, (_token, route) in kept.items()}
