"""The municipality report's counts per network, cached per network (`reports.grid`).

Every count of the report's grid is a sum over networks: a participant belongs to one
network, a support pair names its network, a session is a network's. So the grid is the
sum of one small table per network, `{(measure, period key): n}`, and that table is a
function of the network's facts (sessions, attendance, participants, route events: its
fact version, `participants.fact_cache`), its support ties and what its sessions for the
neighbourhood produced (the trigger-kept tokens of those kinds:
`participants.data_versions`), the periods with their last counted days, and the
organisation's route rules. It is cached per network under exactly those, so a look at the
report reads one indexed version query (a row per network and kind) and the cache, and a
new or corrected fact in one network derives only that network again; figures are stored
when the transaction commits. Before this, every look loaded every visit of everyone who
came in the year (about 3 s for 200 networks x 5 years). `VANGNET_DASHBOARD_CACHE_SECONDS`
bounds the lifetime (0: no cache, every look derives everything).

tests/reports/test_grid_cache.py compares the cached grid with the one derived from
scratch on random histories, after random changes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter

from vangnet.neighbourhood.selectors import counts_per_quarter
from vangnet.networks.models import Attendance, Session
from vangnet.participants.data_versions import FACTS, network_data_versions
from vangnet.participants.fact_cache import cache_seconds, cached_per_network
from vangnet.participants.long_term import long_term_since
from vangnet.participants.route import RouteRules
from vangnet.reports.period_steady import steady_per_period
from vangnet.reports.periods import ReportPeriod
from vangnet.support.models import SupportTie, SupportType

TIE_KEYS = [t.value for t in SupportType]
# What a network's counts are derived from: its route facts, support ties and what its
# sessions for the neighbourhood produced (`participants.data_versions`).
DATA_KINDS = (FACTS, "ties", "neighbourhood")
# Per network: (measure, period key) -> count.
NetworkCounts = dict[tuple[str, str], int]


def quarter_key(day: dt.date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def _derive(
    *,
    year: int,
    periods: Sequence[ReportPeriod],
    as_of: dict[str, dt.date],
    network_ids: list[int],
    rules: RouteRules,
) -> dict[int, NetworkCounts]:
    """The counts of the networks `network_ids` (see `reports.grid` for what each means)."""
    counts: dict[int, NetworkCounts] = defaultdict(dict)

    def add(measure: str, network_id: int, period: str, n: int = 1) -> None:
        mine = counts[network_id]
        mine[(measure, period)] = mine.get((measure, period), 0) + n

    year_key = periods[-1].key
    start, end = periods[0].start, as_of[year_key]
    for network_id, quarter, n in (
        Session.objects.filter(
            Q(date__gte=start, date__lte=end), network_id__in=network_ids, recorded=True
        )
        .annotate(quarter=ExtractQuarter("date"))
        .values("network_id", "quarter")
        .annotate(n=Count("id"))
        .values_list("network_id", "quarter", "n")
    ):
        add("sessions", network_id, f"{year}-K{quarter}", n)
        add("sessions", network_id, year_key, n)

    # Every visit up to the end of the year's counting of everyone who came in the year.
    came = Attendance.objects.filter(
        session__network_id__in=network_ids,
        session__recorded=True,
        session__date__gte=start,
        session__date__lte=end,
    ).values("participant_id")
    days: dict[int, list[dt.date]] = defaultdict(list)
    network_of: dict[int, int] = {}
    recorded_in_year: dict[int, set[str]] = defaultdict(set)
    for participant_id, network_id, day, recorded in Attendance.objects.filter(
        session__network_id__in=network_ids, session__date__lte=end, participant_id__in=came
    ).values_list("participant_id", "session__network_id", "session__date", "session__recorded"):
        days[participant_id].append(day)
        network_of[participant_id] = network_id
        if recorded and day >= start:
            quarter = quarter_key(day)
            add("visits", network_id, quarter)
            add("visits", network_id, year_key)
            recorded_in_year[participant_id].add(quarter)
    active: dict[str, dict[int, int]] = {p.key: {} for p in periods}
    for participant_id, quarters in recorded_in_year.items():
        network_id = network_of[participant_id]
        since = long_term_since(
            days[participant_id], dropout_after_weeks=rules.dropout_after_weeks, as_of=end
        )
        for key in [*quarters, year_key]:
            active[key][participant_id] = network_id
            add("reached", network_id, key)
            if since is not None and since <= as_of[key]:
                add("long_term", network_id, key)
    steady = steady_per_period(
        periods=[(p.key, as_of[p.key], active[p.key]) for p in periods],
        network_ids=network_ids,
        rules=rules,
    )
    for key, per_network in steady.items():
        for network_id, n in per_network.items():
            add("steady", network_id, key, n)

    pairs: dict[str, set[tuple[int, str, int, int]]] = defaultdict(set)
    for network_id, support_type, giver, receiver, day in (
        SupportTie.objects.filter(network_id__in=network_ids, date__gte=start, date__lte=end)
        .order_by()
        .values_list("network_id", "support_type", "giver_id", "receiver_id", "date")
        .distinct()
    ):
        if support_type in TIE_KEYS:
            for key in (quarter_key(day), year_key):
                pairs[key].add((network_id, support_type, giver, receiver))
    for key, found in pairs.items():
        for network_id, support_type, _giver, _receiver in found:
            add(f"tie:{support_type}", network_id, key)

    # What the sessions for the neighbourhood produced: sums per quarter and year.
    produced = counts_per_quarter(network_ids=network_ids, start=start, end=end)
    for network_id, figures in produced.items():
        for (measure, quarter), n in figures.items():
            add(f"buurt:{measure}", network_id, f"{year}-K{quarter}", n)
            add(f"buurt:{measure}", network_id, year_key, n)
    return dict(counts)


def network_counts(
    *,
    year: int,
    periods: Sequence[ReportPeriod],
    as_of: dict[str, dt.date],
    network_ids: list[int],
    rules: RouteRules,
) -> dict[int, NetworkCounts]:
    """Per network of `network_ids` with any facts: its counts (see module)."""
    rules = rules.normalised()
    network_ids = sorted(set(network_ids))

    def derive(ids: list[int]) -> dict[int, NetworkCounts]:
        return _derive(year=year, periods=periods, as_of=as_of, network_ids=ids, rules=rules)

    seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS")
    if seconds <= 0 or not network_ids:
        return derive(network_ids)
    versions = network_data_versions(network_ids=network_ids, kinds=DATA_KINDS)
    return cached_per_network(
        kind="reports:grid-counts:3",  # 3: keyed on the trigger-kept versions
        versions=versions,
        parts=(year, tuple((p.key, as_of[p.key]) for p in periods), rules),
        derive=derive,
        seconds=seconds,
    )
