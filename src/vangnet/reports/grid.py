"""The municipality report's counts for one calendar year: one grid, every published view.

A viewer can request the year and each of its started quarters, for all areas or for one,
as a page, a PDF or through the API. Every such view is a slice of one grid of counts,
loaded here in a fixed number of queries and protected as a whole (`reports.disclosure`),
so no combination of views publishes what another hides (docs/reports.md).

Rows are areas with at least `VANGNET_MIN_NETWORKS_PER_AREA` networks (default 3);
networks of smaller areas are pooled into "Overige gebieden". A network counts for an
area's minimum when it had started by the end of the year's first period, so a row stands
for at least that many networks in every period of the year. The grid holds, per row and
for the whole organisation (`ALL`), per period:

- `sessions`: recorded sessions (meetings, not people; published as they are);
- `visits`: attendance records (published as the average present, visits / sessions);
- `reached`, `long_term`, `steady`: people (distinct in the period; long-term by the one
  definition, `participants.long_term`; steady on the period's last day);
- `ties[t]`: distinct giver -> receiver pairs of support type `t` in the period;
- `phases`: networks per phase on the period's last day (groups, not people).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import ExtractQuarter
from django.utils.translation import gettext as _

from vangnet.networks.models import PHASE_ORDER, Attendance, Network, PhaseTransition, Session
from vangnet.networks.phases import TransitionInput, derive_phases, network_months
from vangnet.participants.long_term import long_term_since
from vangnet.participants.route import RouteRules
from vangnet.reports.period_steady import steady_per_period
from vangnet.reports.periods import ReportPeriod, quarter_period, year_period
from vangnet.support.models import SupportTie, SupportType

NO_AREA = "—"
NOT_STARTED = "not_started"
ALL = "__all__"
PEOPLE = ("reached", "long_term", "steady")
PHASE_KEYS = [p.value for p in PHASE_ORDER] + [NOT_STARTED]
TIE_KEYS = [t.value for t in SupportType]


def min_networks_per_area() -> int:
    return max(1, int(getattr(settings, "VANGNET_MIN_NETWORKS_PER_AREA", 3)))


def other_areas_label() -> str:
    return _("Overige gebieden")


def area_of(neighbourhood: str, location_neighbourhood: str | None, location: str | None) -> str:
    """The area of a network: its neighbourhood, else its location's, else the location."""
    return (neighbourhood or location_neighbourhood or location or NO_AREA).strip() or NO_AREA


@dataclass
class Grid:
    """Counts of one year: `counts[(measure, row, period key)]`, rows are area names (the
    pool under `other_areas_label()`) and `ALL`."""

    year: int
    periods: list[ReportPeriod]  # the started quarters, then the year
    as_of: dict[str, dt.date]  # per period key: its last counted day
    rows: list[str]  # published area rows, sorted; the pool last
    pooled: list[str]  # areas pooled into the "Overige gebieden" row
    pool_too_small: bool  # the pool has fewer networks than the minimum: hidden
    min_networks: int
    network_row: dict[int, str]  # network id -> row
    counts: dict[tuple, int] = field(default_factory=dict)
    phases: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (row, period)

    def get(self, measure: str, row: str, period: str) -> int:
        return self.counts.get((measure, row, period), 0)


def year_periods(year: int, today: dt.date) -> list[ReportPeriod]:
    """The quarters of `year` that have started by `today`, then the year itself."""
    quarters = [quarter_period(year, q) for q in (1, 2, 3, 4)]
    return [p for p in quarters if p.start <= today] + [year_period(year)]


class _Months:
    def __init__(self, exploration, build_up, deepening):
        self.exploration_months = exploration
        self.build_up_months = build_up
        self.deepening_months = deepening


def _networks(organisation, end: dt.date) -> list[tuple]:
    return list(
        Network.objects.filter(organisation=organisation, start_date__lte=end)
        .order_by("pk")
        .values_list(
            "pk",
            "neighbourhood",
            "location__neighbourhood",
            "location__name",
            "start_date",
            "exploration_months",
            "build_up_months",
            "deepening_months",
        )
    )


def _rows(networks: list[tuple], counted_by: dt.date, minimum: int):
    """(network -> row, rows, pooled areas, pool too small)."""
    area = {r[0]: area_of(r[1], r[2], r[3]) for r in networks}
    sizes: dict[str, int] = defaultdict(int)
    for r in networks:
        sizes[area[r[0]]] += 0 if r[4] > counted_by else 1
    names = sorted(set(area.values()))
    kept = [name for name in names if sizes[name] >= minimum]
    pooled = [name for name in names if sizes[name] < minimum]
    pool = other_areas_label()
    row = {pk: (name if name in kept else pool) for pk, name in area.items()}
    pool_size = sum(sizes[name] for name in pooled)
    too_small = bool(pooled) and pool_size < minimum
    rows = kept + ([pool] if pooled and not (too_small and not kept) else [])
    if too_small and not kept:
        # Only a pool that is too small: no area rows at all, only the organisation's total.
        row = {pk: "" for pk in row}
    return row, rows, pooled, too_small and bool(kept)


def _phases(rows: list[tuple], as_of: dt.date, transitions) -> dict[int, str]:
    phases = {}
    for pk, _n, _ln, _l, start_date, exploration, build_up, deepening in rows:
        if start_date > as_of:
            continue
        timeline = derive_phases(
            start_date=start_date,
            on=as_of,
            transitions=[t for t in transitions.get(pk, ()) if t.date <= as_of],
            months=network_months(_Months(exploration, build_up, deepening)),
        )
        phases[pk] = timeline.current.value if timeline.current else NOT_STARTED
    return phases


def _quarter(day: dt.date) -> str:
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def load_grid(*, organisation, year: int, today: dt.date) -> Grid:
    """The counts of `year` (see module), in a fixed number of queries: networks, phase
    transitions, sessions per network and quarter, the visits of everyone who came in the
    year, support pairs, and the steady counts of every period
    (`reports.period_steady`: one query, four more when not cached)."""
    periods = year_periods(year, today)
    as_of = {p.key: min(p.end, today) for p in periods}
    year_key = periods[-1].key
    end = as_of[year_key]
    networks = _networks(organisation, end)
    minimum = min_networks_per_area()
    network_row, rows, pooled, too_small = _rows(networks, as_of[periods[0].key], minimum)
    grid = Grid(
        year=year,
        periods=periods,
        as_of=as_of,
        rows=rows,
        pooled=pooled,
        pool_too_small=too_small,
        min_networks=minimum,
        network_row=network_row,
    )
    ids = list(network_row)
    counts = grid.counts

    def add(measure: str, network_id: int, period: str, n: int = 1) -> None:
        for row in (network_row[network_id], ALL):
            if row:
                counts[(measure, row, period)] = counts.get((measure, row, period), 0) + n

    transitions: dict[int, list[TransitionInput]] = defaultdict(list)
    for network_id, phase, day in (
        PhaseTransition.objects.filter(network_id__in=ids, date__lte=end)
        .order_by("pk")
        .values_list("network_id", "phase", "date")
    ):
        transitions[network_id].append(TransitionInput(phase, day))
    for period in periods:
        for network_id, phase in _phases(networks, as_of[period.key], transitions).items():
            for row in {network_row[network_id], ALL} - {""}:
                grid.phases.setdefault((row, period.key), [0] * len(PHASE_KEYS))
                grid.phases[(row, period.key)][PHASE_KEYS.index(phase)] += 1

    start = periods[0].start
    in_year = Q(date__gte=start, date__lte=end)
    for network_id, quarter, n in (
        Session.objects.filter(in_year, network_id__in=ids, recorded=True)
        .annotate(quarter=ExtractQuarter("date"))
        .values("network_id", "quarter")
        .annotate(n=Count("id"))
        .values_list("network_id", "quarter", "n")
    ):
        add("sessions", network_id, f"{year}-K{quarter}", n)
        add("sessions", network_id, year_key, n)

    # Every visit up to the end of the year's counting of everyone who came in the year.
    came = Attendance.objects.filter(
        session__network_id__in=ids,
        session__recorded=True,
        session__date__gte=start,
        session__date__lte=end,
    ).values("participant_id")
    days: dict[int, list[dt.date]] = defaultdict(list)
    network_of: dict[int, int] = {}
    recorded_in_year: dict[int, set[str]] = defaultdict(set)
    for participant_id, network_id, day, recorded in Attendance.objects.filter(
        session__network_id__in=ids, session__date__lte=end, participant_id__in=came
    ).values_list("participant_id", "session__network_id", "session__date", "session__recorded"):
        days[participant_id].append(day)
        network_of[participant_id] = network_id
        if recorded and day >= start:
            add("visits", network_id, _quarter(day))
            add("visits", network_id, year_key)
            recorded_in_year[participant_id].add(_quarter(day))
    rules = RouteRules.from_organisation(organisation).normalised()
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
        network_ids=ids,
        rules=rules,
    )
    for key, per_network in steady.items():
        for network_id, n in per_network.items():
            add("steady", network_id, key, n)

    pairs: dict[str, set[tuple]] = defaultdict(set)
    for network_id, support_type, giver, receiver, day in (
        SupportTie.objects.filter(network_id__in=ids, date__gte=start, date__lte=end)
        .order_by()
        .values_list("network_id", "support_type", "giver_id", "receiver_id", "date")
        .distinct()
    ):
        if support_type in TIE_KEYS:
            for key in (_quarter(day), year_key):
                pairs[key].add((network_id, support_type, giver, receiver))
    for key, found in pairs.items():
        for network_id, support_type, _giver, _receiver in found:
            add(f"tie:{support_type}", network_id, key)
    return grid
