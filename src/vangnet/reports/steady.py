"""Steady participants on the last day of a report period, for many networks at once.

The route comes from the one route function (`participants.route.derive_route`); this module
loads the facts in a fixed number of queries, skips the history that cannot change the
answer (`steady_candidate_days`) and caches the count per network on the network's fact
version (`steady_per_network`, `participants.fact_cache`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable

from vangnet.networks.models import Attendance, Session
from vangnet.participants.fact_cache import (
    cache_seconds,
    cached_per_network,
    network_fact_versions,
)
from vangnet.participants.models import RouteEvent
from vangnet.participants.route import (
    SETTLING_AFTER_DAYS,
    STEADY,
    RecordedEvent,
    RouteRules,
    derive_route,
)


def steady_candidate_days(
    days: list[dt.date], *, as_of: dt.date, rules: RouteRules
) -> list[dt.date] | None:
    """For a participant WITHOUT recorded route events: the attendance days from which
    their route decides whether they are steady on as_of, or None when they cannot be.

    Every gap of more than dropout_after_weeks between two visits means a derived dropout,
    and from the next visit on only later facts count (the steady clock restarts on that
    visit). So deriving the route from the last such restart gives the same answer as the
    whole history, with much less work (tests/reports/test_steady_shortcut.py checks this
    against the full derivation)."""
    gap = 7 * rules.dropout_after_weeks
    days = sorted(day for day in days if day <= as_of)
    if not days or (as_of - days[-1]).days > gap:
        return None  # never came, or dropped out by now
    since = days[0]
    for before, after in zip(days, days[1:], strict=False):
        if (after - before).days > gap:
            since = after
    if (as_of - since).days <= rules.steady_after_days:
        return None  # too recent to be steady
    if rules.steady_after_days < SETTLING_AFTER_DAYS:
        return days  # a restart could count differently before settling: keep it all
    return days[bisect.bisect_left(days, since) :]


def _steady_now(
    *, active: dict[int, int], network_ids: list[int], rules: RouteRules, as_of: dt.date
) -> set[int]:
    """Participants (of `active`: participant -> network) whose route is steady on as_of."""
    if not active:
        return set()
    sessions: dict[int, list[dt.date]] = defaultdict(list)
    for network_id, day in Session.objects.filter(
        network_id__in=network_ids, recorded=True, date__lte=as_of
    ).values_list("network_id", "date"):
        sessions[network_id].append(day)
    ids = list(active)
    attended: dict[int, list[dt.date]] = defaultdict(list)
    for participant_id, day in Attendance.objects.filter(
        participant_id__in=ids, session__date__lte=as_of
    ).values_list("participant_id", "session__date"):
        attended[participant_id].append(day)
    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for participant_id, pk, stage, day in RouteEvent.objects.filter(
        participant_id__in=ids, date__lte=as_of
    ).values_list("participant_id", "id", "stage", "date"):
        events[participant_id].append(RecordedEvent(stage=stage, date=day, id=pk))
    steady = set()
    for participant_id, network_id in active.items():
        mine = events.get(participant_id, ())
        days = attended.get(participant_id, [])
        if not mine and days:
            days = steady_candidate_days(days, as_of=as_of, rules=rules)
            if days is None:
                continue
        route = derive_route(
            invited_on=None,
            session_dates=sessions.get(network_id, ()),
            attended_dates=days,
            events=mine,
            rules=rules,
            today=as_of,
        )
        if route.current == STEADY:
            steady.add(participant_id)
    return steady


def _count_steady(
    *, active: dict[int, int], network_ids: list[int], rules: RouteRules, as_of: dt.date
) -> dict[int, int]:
    """Steady participants per network of `network_ids` on as_of (networks without any
    are left out)."""
    mine = {pk: network_id for pk, network_id in active.items() if network_id in network_ids}
    per_network: dict[int, int] = defaultdict(int)
    for participant_id in _steady_now(
        active=mine, network_ids=network_ids, rules=rules, as_of=as_of
    ):
        per_network[mine[participant_id]] += 1
    return dict(per_network)


def steady_per_network(
    *,
    organisation,
    active: dict[int, int],
    network_ids: Iterable[int],
    rules: RouteRules,
    start: dt.date,
    as_of: dt.date,
) -> dict[int, int]:
    """Steady participants per network on as_of, cached per network under the network's
    fact version (`participants.fact_cache`: one query for all networks on a hit), the
    period, the rules and who of the network came in the period (`active`: participant ->
    network). A corrected fact in one network computes only that network again; figures
    are stored when the transaction commits. Setting `VANGNET_DASHBOARD_CACHE_SECONDS`
    bounds their lifetime (0: no cache)."""
    network_ids = sorted(set(network_ids))
    seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS")
    if seconds <= 0:
        return _count_steady(active=active, network_ids=network_ids, rules=rules, as_of=as_of)
    who: dict[int, list[int]] = defaultdict(list)
    for participant_id, network_id in active.items():
        who[network_id].append(participant_id)
    versions = network_fact_versions(network_ids=network_ids)
    # Who came is part of each network's key (a digest of their ids): the key of one
    # network's count then holds everything that count is computed from.
    keyed = {
        network_id: (version, hashlib.sha256(repr(sorted(who[network_id])).encode()).hexdigest())
        for network_id, version in versions.items()
        if who.get(network_id)
    }
    return cached_per_network(
        kind="reports:steady",
        versions=keyed,
        parts=(start, as_of, rules),
        derive=lambda missing: _count_steady(
            active=active, network_ids=missing, rules=rules, as_of=as_of
        ),
        seconds=seconds,
    )
