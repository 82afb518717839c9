"""Steady participants on the last day of every period of a report year, in one go.

The municipality report protects a whole year at once (`reports.grid`), so it needs the
steady count of every started quarter and of the year. The facts are loaded once (recorded
sessions, attendance and route events up to the year's last counted day: three queries)
and every period's routes are derived from them with the one route function
(`participants.route.derive_route`, skipping history that cannot change the answer:
`reports.steady.steady_candidate_days`). The counts are cached under the networks' fact
version (`participants.fact_cache`, one query for all networks), the periods, the rules
and a digest of who of the network came in each period, so a new or corrected fact in one
network derives only that network again; they are stored when the transaction commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Sequence

from vangnet.networks.models import Attendance, Session
from vangnet.participants.fact_cache import (
    cache_seconds,
    cached_per_network,
    network_fact_versions,
)
from vangnet.participants.models import RouteEvent
from vangnet.participants.route import STEADY, RecordedEvent, RouteRules, derive_route
from vangnet.reports.steady import steady_candidate_days

# (period key, last counted day, who came in the period: participant -> network)
PeriodInput = tuple[str, dt.date, dict[int, int]]


def _derive(
    periods: Sequence[PeriodInput], network_ids: list[int], rules: RouteRules
) -> dict[int, dict[str, int]]:
    """Per network of `network_ids` (those with anyone steady), per period key: the count."""
    wanted = set(network_ids)
    periods = [
        (key, day, {pk: n for pk, n in active.items() if n in wanted})
        for key, day, active in periods
    ]
    everyone = sorted({pk for _key, _day, active in periods for pk in active})
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    if not everyone:
        return {}
    end = max(day for _key, day, _active in periods)
    sessions: dict[int, list[dt.date]] = defaultdict(list)
    for network_id, day in Session.objects.filter(
        network_id__in=network_ids, recorded=True, date__lte=end
    ).values_list("network_id", "date"):
        sessions[network_id].append(day)
    attended: dict[int, list[dt.date]] = defaultdict(list)
    for participant_id, day in Attendance.objects.filter(
        participant_id__in=everyone, session__date__lte=end
    ).values_list("participant_id", "session__date"):
        attended[participant_id].append(day)
    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for participant_id, pk, stage, day in RouteEvent.objects.filter(
        participant_id__in=everyone, date__lte=end
    ).values_list("participant_id", "id", "stage", "date"):
        events[participant_id].append(RecordedEvent(stage=stage, date=day, id=pk))
    for key, as_of, active in periods:
        for participant_id, network_id in active.items():
            mine = [event for event in events.get(participant_id, ()) if event.date <= as_of]
            days = [day for day in attended.get(participant_id, ()) if day <= as_of]
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
                counts[network_id][key] = counts[network_id].get(key, 0) + 1
    return dict(counts)


def steady_per_period(
    *, periods: Sequence[PeriodInput], network_ids: list[int], rules: RouteRules
) -> dict[str, dict[int, int]]:
    """Per period key, per network id: the steady participants among those who came in the
    period, on the period's last counted day (see module). Cached per network, so a change
    in one network derives only that network again (`VANGNET_DASHBOARD_CACHE_SECONDS`
    bounds the lifetime; 0: no cache)."""
    rules = rules.normalised()
    network_ids = sorted(set(network_ids))
    seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS")
    if seconds <= 0:
        per_network = _derive(periods, network_ids, rules)
    else:
        who: dict[int, list] = defaultdict(list)
        for key, _day, active in periods:
            for participant_id, network_id in sorted(active.items()):
                who[network_id].append((key, participant_id))
        versions = network_fact_versions(network_ids=network_ids)
        keyed = {
            network_id: (version, hashlib.sha256(repr(who[network_id]).encode()).hexdigest())
            for network_id, version in versions.items()
            if who.get(network_id)
        }
        per_network = cached_per_network(
            kind="reports:steady-periods",
            versions=keyed,
            parts=(tuple((key, day) for key, day, _active in periods), rules),
            derive=lambda missing: _derive(periods, missing, rules),
            seconds=seconds,
        )
    counts: dict[str, dict[int, int]] = {key: {} for key, _day, _active in periods}
    for network_id, by_period in per_network.items():
        for key, n in by_period.items():
            counts[key][network_id] = n
    return counts
