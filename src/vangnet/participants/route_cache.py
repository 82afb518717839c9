"""Participants' routes kept in Django's cache, one entry per network and rules, renewed
participant by participant and carried over from day to day.

A route is derived from the network's recorded sessions, the participant's attendance marks
and recorded route events, their invitation date, the organisation's rules and the day it
is derived for (`participants.route.derive_route`). Deriving every route of a network with
years of history is the expensive part of the network page, the session screen and the
dashboards, so the routes are cached per network under a key of the network and the
organisation's rules, **not the day**. The entry remembers what each route was derived from:

- the network's fact version (`participants.fact_cache`): while it is unchanged, nothing the
  routes depend on changed (no query beyond reading it);
- otherwise each route is checked against its participant's own version
  (`ParticipantFactVersion`, kept by the triggers of `participants.route_triggers` for every
  write of the participant, their marks and their route events) and the network's sessions
  that a route can see (recorded, or with a mark: a fingerprint of one small query): a
  route whose participant and sessions are unchanged is kept, the others are derived again;
- the day: each route is kept with the last day through which it stays as it is while no
  fact changes (`Route.valid_through`: the day before a dropout, settling or steady rule
  would fire), and no later than the day before the network's first fact dated after the
  day it was derived for (a recorded or marked session, a route event: `facts_from`). On a
  later day the routes still valid are kept (their `today` set to the new day) and only the
  others are derived again, so a network's first open of a new day derives the few routes
  whose stage moves by time, not all of them.

The entry moves forward in time: a request for a day before the entry's day (the screen of
a past session) uses an entry of its own, keyed with that day. When the newest entry moves
to a later day, it is kept as its old day's own entry too (checked like any entry when that
day is looked at again): a session screen of that day opened after a save whose follow-up
check moved the entry to today derives only the routes whose facts changed, not all.

So saving a session screen (a few marks changed) derives the routes of the people whose
marks changed, a new recorded or moved session derives them all, and a new day derives
those whose day has passed. The cache lifetime (setting `VANGNET_ROUTE_CACHE_SECONDS`,
default 8 days; 0 turns the cache off) bounds what is kept. Values are stored only when the
transaction commits. Tests: tests/participants/test_route_carry.py (random histories, random days).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import connection

from vangnet.participants import fact_cache
from vangnet.participants.route import Route, RouteRules

# participant id -> (their fact version, None when unknown; the last day the route holds;
# their route)
KeptRoutes = dict[int, tuple[int | None, dt.date, Route]]
ONE_DAY = dt.timedelta(days=1)


def cache_seconds() -> int:
    """The routes' (and the support figures') cache lifetime; 0: no cache."""
    return fact_cache.cache_seconds("VANGNET_ROUTE_CACHE_SECONDS")


# A participant `p`'s version, looked up by its primary key for each of the network's people.
# With a join PostgreSQL's planner read every version of the installation (17,538 rows on
# *large*, a hash join) to find a network's hundred: 2.2 ms instead of 0.3, and growing with
# the installation rather than the network.
PERSON_VERSION = (
    "(SELECT v.token FROM participants_participantfactversion v WHERE v.participant_id = p.id)"
)


def participant_versions(network_id: int) -> dict[int, int | None]:
    """Per participant id of the network, the version of their own facts (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, {PERSON_VERSION} FROM participants_participant p "  # noqa: S608 - constant SQL
            "WHERE p.network_id = %s",
            [network_id],
        )
        return dict(cursor.fetchall())


# The network's recorded or marked sessions (a mark in a moved session moves an attended
# date), and the first later route event, looked up per person of the network (a join lets
# the planner scan every route event of the installation).
SESSIONS = (
    "FROM networks_session s WHERE s.network_id = %s AND (s.recorded OR EXISTS "
    "(SELECT 1 FROM networks_attendance a WHERE a.session_id = s.id))"
)
LATER_EVENT = (
    "MIN((SELECT MIN(e.date) FROM participants_routeevent e "
    "WHERE e.participant_id = p.id AND e.date > %s))"
)
PEOPLE = "FROM participants_participant p WHERE p.network_id = %s"
SESSION_FACTS = (
    f"SELECT s.id, s.date, s.recorded {SESSIONS} "
    f"UNION ALL SELECT NULL, {LATER_EVENT}, NULL {PEOPLE}"
)
# On PostgreSQL the fingerprint is made in the query: one row instead of one per session
# (a network of five years has some 250), and no Python per row.
SESSION_FACTS_POSTGRESQL = (
    "SELECT md5(COALESCE(string_agg(s.id::text || ' ' || s.date::text || ' ' || "
    "s.recorded::text, ',' ORDER BY s.id), '')), MIN(s.date) FILTER (WHERE s.date > %s), "
    f"(SELECT {LATER_EVENT} {PEOPLE}) {SESSIONS}"
)


def session_facts(network_id: int, today: dt.date) -> tuple[str, dt.date]:
    """What the network's sessions say to a route, whatever the day: a fingerprint of each
    recorded or marked session's id, date and recorded flag, and `facts_from`: the first
    day after `today` of a fact a route would see once that day comes (such a session, or a
    route event of one of the network's participants), dt.date.max when there is none. One
    query. The fingerprint is only compared with those of the same database."""
    day = fact_cache.database_date
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(SESSION_FACTS_POSTGRESQL, [today, today, network_id, network_id])
            fingerprint, later_session, later_event = cursor.fetchone()
            later = [day(d) for d in (later_session, later_event) if d is not None]
            return fingerprint, min(later, default=dt.date.max)
        cursor.execute(SESSION_FACTS, [network_id, today, network_id])
        rows = cursor.fetchall()
    sessions = sorted((i, day(d), bool(r)) for i, d, r in rows if i is not None)
    later = [day(d) for i, d, _r in rows if d is not None and (i is None or day(d) > today)]
    fingerprint = hashlib.sha256(repr([(i, str(d), r) for i, d, r in sessions]).encode())
    return fingerprint.hexdigest(), min(later, default=dt.date.max)


def routes_key(network_id: int, rules: RouteRules, day: dt.date | None = None) -> str:
    """The cache key of a network's routes under `rules`: the newest entry, or (with `day`)
    the entry of a day before the newest entry's."""
    if day is None:
        return fact_cache.cache_key("routes", network_id, rules)
    return fact_cache.cache_key("routes", network_id, rules, day)


def _on(route: Route, today: dt.date) -> Route:
    """A route carried over to `today` (it holds on that day: only `today` differs)."""
    return route if route.today == today else dataclasses.replace(route, today=today)


def cached_routes(
    *,
    network: Any,
    rules: RouteRules,
    today: dt.date,
    derive: Callable[[list[int] | None], dict[int, Route]],
    read_only: bool = False,
) -> dict[int, Route]:
    """Per participant id, the route of every participant of `network` as of `today`: from
    the cache where the facts it was derived from are unchanged and it still holds on
    `today`, else `derive(ids)` for the participants `ids` (None: all of them), and kept
    for next time.

    `read_only` (a bulk reader that visits every network once: the research export) uses
    the entry the same way but never stores, so it does not push the pages' entries out."""
    routes = _routes(network=network, rules=rules, today=today, derive=derive, read_only=read_only)
    return derive(None) if routes is None else routes


def kept_routes(
    *,
    network: Any,
    rules: RouteRules,
    today: dt.date,
    derive: Callable[[list[int] | None], dict[int, Route]],
) -> dict[int, Route] | None:
    """`cached_routes` when the cache holds an entry of the network's routes (renewed where
    the facts changed and kept, as there), None when it holds none: a reader that needs a
    few routes (the follow-up check after a save) derives those itself rather than every
    route of a network nobody looked at. After a save the page's entry is stale; renewing it
    here leaves the network's next opening nothing to derive."""
    return _routes(network=network, rules=rules, today=today, derive=derive, if_kept=True)


def _routes(
    *,
    network: Any,
    rules: RouteRules,
    today: dt.date,
    derive: Callable[[list[int] | None], dict[int, Route]],
    read_only: bool = False,
    if_kept: bool = False,
) -> dict[int, Route] | None:
    """`cached_routes`; None when the cache is off, or (with `if_kept`) holds no entry."""
    seconds = cache_seconds()
    if seconds <= 0:
        return None
    key = routes_key(network.pk, rules)
    entry: dict[str, Any] | None = cache.get(key)
    # The newest entry of an earlier day, moved forward below: kept as that day's own.
    moved = entry if entry is not None and entry["day"] < today else None
    if entry is not None and today < entry["day"]:
        # A day before the newest entry's (a past session's screen): an entry of its own.
        key = routes_key(network.pk, rules, today)
        entry = cache.get(key)
    if entry is None and if_kept:
        return None
    if entry is None and read_only:
        return derive(None)  # nothing to compare with, nothing to store: no query
    # Read before the facts below: an entry is never stored under a newer version than theirs.
    version = fact_cache.fact_version_of(network)
    same_facts = entry is not None and entry["network"] == version
    if entry is not None and same_facts and entry["day"] == today:
        return {pk: route for pk, (_token, _through, route) in entry["routes"].items()}

    if entry is not None and same_facts and today < entry["facts_from"]:
        # Nothing written since: the people's versions and the sessions are the entry's.
        people, sessions, facts_from = entry["people"], entry["sessions"], entry["facts_from"]
    else:
        people = participant_versions(network.pk)
        sessions, facts_from = session_facts(network.pk, today)
    kept: KeptRoutes = {}
    if entry is not None and entry["sessions"] == sessions:
        for pk, (token, through, route) in entry["routes"].items():
            if token is not None and people.get(pk, None) == token and today <= through:
                kept[pk] = (token, through, _on(route, today))
    missing = sorted(set(people) - set(kept))
    if missing:
        fresh = derive(None if not kept else missing)
        last = facts_from - ONE_DAY
        for pk in missing:
            if pk in fresh:
                route = fresh[pk]
                kept[pk] = (people[pk], min(route.valid_through, last), route)
    if not read_only:
        value = {
            "network": version,
            "day": today,
            "people": people,
            "sessions": sessions,
            "facts_from": facts_from,
            "routes": kept,
        }
        values = {key: value}
        if moved is not None:
            # Its day's next look (the screen of the session of that day, opened after a
            # save moved the newest entry to today) finds it and derives only the changes.
            values[routes_key(network.pk, rules, moved["day"])] = moved
        fact_cache.store_after_commit(values, seconds)
    return {pk: route for pk, (_token, _through, route) in kept.items()}
