"""Steady participants on the last day of a report period, for many networks at once.

The route comes from the one route function (`participants.route.derive_route`); this module
loads the facts in a fixed number of queries, skips the history that cannot change the
answer (`steady_candidate_days`) and caches the count per network on the facts' fingerprint
(`steady_per_network`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

from vangnet.networks.models import Attendance, Session
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


def steady_per_network(
    *, organisation, active: dict[int, int], network_ids, rules: RouteRules, start, as_of
) -> dict[int, int]:
    """Steady participants per network on as_of, cached on the facts they come from: the
    cache key holds the count, recorded count, versions and last change of the sessions,
    the attendance count, the route events and a digest of who came in the period, so any
    new or corrected fact computes them again (three small aggregate queries on a hit)."""
    sessions = Session.objects.filter(network_id__in=network_ids, date__lte=as_of).aggregate(
        n=Count("id"),
        recorded=Count("id", filter=Q(recorded=True)),
        versions=Sum("version"),
        last=Max("updated_at"),
    )
    visits = Attendance.objects.filter(
        session__network_id__in=network_ids, session__date__lte=as_of
    ).count()
    events = RouteEvent.objects.filter(participant__organisation=organisation).aggregate(
        n=Count("id"), last=Max("id")
    )
    last = sessions["last"].isoformat() if sessions["last"] else "-"
    key = ":".join(
        str(part)
        for part in (
            "reports:steady",
            organisation.pk,
            start.isoformat(),
            as_of.isoformat(),
            rules.steady_after_days,
            rules.steady_min_attendance_share,
            rules.dropout_after_weeks,
            len(network_ids),
            sessions["n"],
            sessions["recorded"],
            sessions["versions"],
            last,
            hashlib.sha256(repr(sorted(active.items())).encode()).hexdigest()[:32],
            visits,
            events["n"],
            events["last"],
        )
    )
    per_network = cache.get(key)
    if per_network is None:
        per_network = defaultdict(int)
        for participant_id in _steady_now(
            active=active, network_ids=network_ids, rules=rules, as_of=as_of
        ):
            per_network[active[participant_id]] += 1
        per_network = dict(per_network)
        cache.set(key, per_network, 60 * 60 * 6)
    return per_network
