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
- `phases`: networks per phase on the period's last day (groups, not people);
- `buurt:sessions`: recorded sessions with an output for the neighbourhood (published as
  they are), `buurt:guests` and `buurt:<kind>`: sums of guests and of each kind of result
  over those sessions (docs/neighbourhood.md; protected like people).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from vangnet.networks.models import PHASE_ORDER, Network, PhaseTransition
from vangnet.networks.phases import TransitionInput, derive_phases, network_months
from vangnet.participants.data_versions import network_data_versions
from vangnet.participants.fact_cache import cache_key, cache_seconds, store_after_commit
from vangnet.participants.route import RouteRules
from vangnet.reports.grid_counts import DATA_KINDS, network_counts
from vangnet.reports.grid_counts import TIE_KEYS as TIE_KEYS  # re-exported: the grid's tie kinds
from vangnet.reports.periods import ReportPeriod, quarter_period, year_period

NO_AREA = "—"
NOT_STARTED = "not_started"
ALL = "__all__"
PEOPLE = ("reached", "long_term", "steady")
PHASE_KEYS = [p.value for p in PHASE_ORDER] + [NOT_STARTED]


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


@functools.lru_cache(maxsize=16384)
def _phase_on(
    start_date: dt.date,
    months: tuple[int, int, int],
    transitions: tuple[tuple[str, dt.date], ...],
    as_of: dt.date,
) -> str:
    """A network's phase on `as_of` (a pure function of its arguments, so it is kept per
    process: every look at the report asks it for every network and period again)."""
    timeline = derive_phases(
        start_date=start_date,
        on=as_of,
        transitions=[TransitionInput(phase, day) for phase, day in transitions],
        months=network_months(_Months(*months)),
    )
    return timeline.current.value if timeline.current else NOT_STARTED


def _phases(rows: list[tuple], as_of: dt.date, transitions) -> dict[int, str]:
    phases = {}
    for pk, _n, _ln, _l, start_date, exploration, build_up, deepening in rows:
        if start_date > as_of:
            continue
        known = tuple((t.phase, t.date) for t in transitions.get(pk, ()) if t.date <= as_of)
        phases[pk] = _phase_on(start_date, (exploration, build_up, deepening), known, as_of)
    return phases


def load_grid(*, organisation, year: int, today: dt.date) -> Grid:
    """The counts of `year` (see module), in a fixed number of queries: networks, phase
    the networks' data versions and the cache (the whole grid under the versions of every
    network, `participants.data_versions`); when it changed, phase transitions and the
    counts per network (`reports.grid_counts`: the cache per network; the networks not
    cached: sessions per network and quarter, the visits of everyone who came in the year,
    support pairs, and the steady counts of every period)."""
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
    rules = RouteRules.from_organisation(organisation)
    seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS")
    key = ""
    if seconds > 0 and ids:
        # The whole grid, under every one of its inputs: the networks' rows (areas, start,
        # months), their rows in the grid (with the pool's translated name), the tokens of
        # every kind of data the counts and phases read, the periods and the rules.
        versions = network_data_versions(network_ids=ids, kinds=(*DATA_KINDS, "plan"))
        key = cache_key(
            "reports:grid-sum",
            organisation.pk,
            year,
            sorted(as_of.items()),
            rules,
            networks,
            sorted(network_row.items()),
            sorted(versions.items()),
        )
        kept = cache.get(key)
        if kept is not None:
            grid.counts, grid.phases = kept
            return grid
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

    per_network = network_counts(
        year=year, periods=periods, as_of=as_of, network_ids=ids, rules=rules
    )
    for network_id, figures in per_network.items():
        for (measure, period_key), n in figures.items():
            add(measure, network_id, period_key, n)
    if key:
        # Copies: the grid's callers may change theirs before the transaction commits.
        phases = {cell: list(numbers) for cell, numbers in grid.phases.items()}
        store_after_commit({key: (dict(grid.counts), phases)}, seconds)
    return grid
