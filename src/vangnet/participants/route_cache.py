"""Participants' routes kept in Django's cache, under the version of the network's facts.

A route is derived from the network's recorded sessions, the participant's attendance marks
and recorded route events, their invitation date, the organisation's rules and the day it
is derived for (`participants.route.derive_route`). Deriving every route of a network with
years of history is the expensive part of the network page, the session screen and the
dashboards, so the result is cached per network under a key that holds the network's fact
version (`participants.fact_cache.network_fact_version`, one query; that module says why it
covers every change of the facts), the day and the organisation's rules. The cache lifetime
(setting `VANGNET_ROUTE_CACHE_SECONDS`, default 3600; 0 turns the cache off) bounds anything
written around the application. Values are stored only when the transaction commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.cache import cache

from vangnet.participants import fact_cache
from vangnet.participants.route import Route, RouteRules


def cache_seconds() -> int:
    """The routes' (and the support figures') cache lifetime; 0: no cache."""
    return fact_cache.cache_seconds("VANGNET_ROUTE_CACHE_SECONDS")


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
    version = fact_cache.fact_version_of(network)
    key = fact_cache.cache_key("routes", network.pk, today, rules, version)
    routes = cache.get(key)
    if routes is None:
        routes = derive()
        fact_cache.store_after_commit({key: routes}, seconds)
    return routes


def cached_routes_read_only(
    *,
    network,
    rules: RouteRules,
    today: dt.date,
    derive: Callable[[], dict[int, Route]],
) -> dict[int, Route]:
    """As `cached_routes`, but never stores: a bulk reader that visits every network once
    (the research export) takes a network's routes from the cache when the pages left them
    there for the network's current facts, and otherwise derives them without pushing the
    pages' entries out. The key holds the fact version read now, so an entry of older facts
    is never found."""
    if cache_seconds() <= 0:
        return derive()
    version = fact_cache.fact_version_of(network)
    routes = cache.get(fact_cache.cache_key("routes", network.pk, today, rules, version))
    return derive() if routes is None else routes
