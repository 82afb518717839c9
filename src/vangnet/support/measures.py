"""The one computation of support measures per network and period (networkx).

`compute_measures` is pure (ties and active participants in, figures out) so it can be
tested on hand-made graphs; `network_measures` and `period_measures` read the database in a
fixed number of queries and call it. Pages, the network-page section, reports and an API
all use these functions, never their own arithmetic.

Definitions (docs/support.md):
- the graph of a period is directed: one edge giver -> receiver when at least one tie of the
  chosen types was recorded in the period; its nodes are the participants active in the
  period (present at a session) plus everyone in a tie;
- reciprocity: share of edges whose reverse edge also exists (networkx overall_reciprocity);
- density: edges / (n * (n - 1)) (networkx density of the directed graph);
- isolates: active participants without any tie in the period;
- components: weakly connected components of the graph (an isolate is one component);
- average degree: mean number of distinct people a participant gave support to or received
  support from (degree in the undirected version of the graph);
- balance: per participant, number of ties given and received (tie records, not edges).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, IntegerField, Value

from vangnet.networks.models import Attendance, Session
from vangnet.participants.fact_cache import (
    cache_key,
    fact_version_of,
    store_after_commit,
)
from vangnet.participants.route_cache import cache_seconds
from vangnet.support.models import SupportTie, SupportType

MONTH = "month"
QUARTER = "quarter"


@dataclass(frozen=True)
class Edge:
    giver: int
    receiver: int
    support_type: str
    date: dt.date


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return f"{self.start.year} K{(self.start.month - 1) // 3 + 1}"
        if self.kind == MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass
class Measures:
    nodes: int = 0
    tie_count: int = 0
    ties_per_type: dict[str, int] = field(default_factory=dict)
    edges: int = 0
    reciprocity: float | None = None
    density: float = 0.0
    isolates: list[int] = field(default_factory=list)
    components: int = 0
    average_degree: float = 0.0
    given: dict[int, int] = field(default_factory=dict)
    received: dict[int, int] = field(default_factory=dict)

    def balance(self, participant_id: int) -> int:
        """Given minus received: positive for someone who mostly gives."""
        return self.given.get(participant_id, 0) - self.received.get(participant_id, 0)


def support_graph(ties: Iterable[Edge], active: Iterable[int] = ()) -> nx.DiGraph:
    """Directed graph: nodes = active participants and everyone in a tie; an edge per
    (giver, receiver) with `weight` = number of ties and `types` = Counter per type."""
    graph = nx.DiGraph()
    graph.add_nodes_from(active)
    for tie in ties:
        if graph.has_edge(tie.giver, tie.receiver):
            data = graph.edges[tie.giver, tie.receiver]
            data["weight"] += 1
            data["types"][tie.support_type] += 1
        else:
            graph.add_edge(tie.giver, tie.receiver, weight=1, types=Counter({tie.support_type: 1}))
    return graph


def compute_measures(*, ties: Iterable[Edge], active: Iterable[int] = ()) -> Measures:
    ties = [tie for tie in ties if tie.giver != tie.receiver]
    active = set(active)
    graph = support_graph(ties, active)
    n = graph.number_of_nodes()
    per_type = Counter(tie.support_type for tie in ties)
    tied = {tie.giver for tie in ties} | {tie.receiver for tie in ties}
    undirected = graph.to_undirected(as_view=True)
    return Measures(
        nodes=n,
        tie_count=len(ties),
        ties_per_type={value: per_type.get(value, 0) for value in SupportType.values},
        edges=graph.number_of_edges(),
        reciprocity=(nx.overall_reciprocity(graph) if graph.number_of_edges() else None),
        density=nx.density(graph) if n > 1 else 0.0,
        isolates=sorted(active - tied),
        components=nx.number_weakly_connected_components(graph) if n else 0,
        average_degree=(sum(dict(undirected.degree()).values()) / n) if n else 0.0,
        given=dict(Counter(tie.giver for tie in ties)),
        received=dict(Counter(tie.receiver for tie in ties)),
    )


# --------------------------------------------------------------------------- periods


def period_of(kind: str, day: dt.date) -> Period:
    if kind == MONTH:
        start = day.replace(day=1)
        months = 1
    else:
        start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        months = 3
    year, month = divmod(start.month - 1 + months, 12)
    end = dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)
    return Period(kind=kind, start=start, end=end)


def periods_between(kind: str, start: dt.date, end: dt.date) -> list[Period]:
    """Every month or quarter touching [start, end], in order."""
    periods: list[Period] = []
    current = period_of(kind, start)
    while current.start <= end:
        periods.append(current)
        current = period_of(kind, current.end + dt.timedelta(days=1))
    return periods


# --------------------------------------------------------------------------- database


def network_edges(
    *, network, start: dt.date | None = None, end: dt.date | None = None, types=None
) -> list[Edge]:
    """The network's ties as edges (one query, no personal values)."""
    ties = SupportTie.objects.filter(network=network)
    if start is not None:
        ties = ties.filter(date__gte=start)
    if end is not None:
        ties = ties.filter(date__lte=end)
    if types:
        ties = ties.filter(support_type__in=list(types))
    return [
        Edge(giver, receiver, support_type, date)
        for giver, receiver, support_type, date in ties.order_by("date", "id").values_list(
            "giver_id", "receiver_id", "support_type", "date"
        )
    ]


def active_days(
    *, network, start: dt.date | None = None, end: dt.date | None = None
) -> list[tuple[int, dt.date]]:
    """(participant id, session date) for every attendance in the period (one query)."""
    rows = Attendance.objects.filter(session__network=network)
    if start is not None:
        rows = rows.filter(session__date__gte=start)
    if end is not None:
        rows = rows.filter(session__date__lte=end)
    return list(rows.values_list("participant_id", "session__date").distinct())


def ties_and_days(
    *, network, start: dt.date, end: dt.date, types=None
) -> tuple[list[Edge], list[tuple[int, dt.date]]]:
    """`network_edges` and `active_days` of one period in ONE query (a UNION ALL): the
    network page stays within its query budget."""
    in_period = SupportTie.objects.filter(network=network, date__gte=start, date__lte=end)
    if types:
        in_period = in_period.filter(support_type__in=list(types))
    ties = in_period.order_by().values_list("giver_id", "receiver_id", "support_type", "date")
    days = (
        Attendance.objects.filter(
            session__network=network, session__date__gte=start, session__date__lte=end
        )
        .order_by()
        .annotate(
            no_receiver=Value(0, output_field=IntegerField()),
            no_type=Value("", output_field=CharField()),
        )
        .values_list("participant_id", "no_receiver", "no_type", "session__date")
        .distinct()
    )
    edges: list[Edge] = []
    active: list[tuple[int, dt.date]] = []
    first: int
    receiver: int
    support_type: str
    day: dt.date | dt.datetime | str
    for first, receiver, support_type, day in ties.union(days, all=True):  # type: ignore[misc]
        if isinstance(day, dt.datetime):  # some backends widen the column
            day = day.date()
        elif isinstance(day, str):
            day = dt.date.fromisoformat(day[:10])
        if support_type:
            edges.append(Edge(first, receiver, support_type, day))
        else:
            active.append((first, day))
    edges.sort(key=lambda edge: edge.date)
    return edges, active


def network_measures(*, network, start: dt.date, end: dt.date, types=None) -> Measures:
    """Measures of one network in one period (one query)."""
    edges, days = ties_and_days(network=network, start=start, end=end, types=types)
    return compute_measures(ties=edges, active={pid for pid, _day in days})


def period_measures(
    *, network, kind: str, start: dt.date, end: dt.date, types=None
) -> list[tuple[Period, Measures]]:
    """Measures for every month or quarter between start and end (one query in all)."""
    edges, days = ties_and_days(network=network, start=start, end=end, types=types)
    periods = periods_between(kind, start, end)
    starts = [period.start for period in periods]

    def index_of(day: dt.date) -> int | None:
        """The period holding `day` (they follow each other without gaps), or None."""
        index = bisect.bisect_right(starts, day) - 1
        return index if index >= 0 and periods[index].contains(day) else None

    ties_in: list[list[Edge]] = [[] for _ in periods]
    for edge in edges:
        index = index_of(edge.date)
        if index is not None:
            ties_in[index].append(edge)
    active_in: list[set[int]] = [set() for _ in periods]
    for pid, day in days:
        index = index_of(day)
        if index is not None:
            active_in[index].add(pid)
    return [
        (period, compute_measures(ties=ties_in[index], active=active_in[index]))
        for index, period in enumerate(periods)
    ]


def period_measures_cached(
    *, network, kind: str, start: dt.date, end: dt.date
) -> list[tuple[Period, Measures]]:
    """`period_measures` (all support types), kept in the cache while the facts are the
    same: the network's fact version (participants/fact_triggers.py) is renewed by every
    statement that writes its attendance, sessions, participants or support ties, whoever
    writes them. One small query on a hit, instead of reading every tie and attendance day
    of two years."""
    seconds = cache_seconds()
    if seconds <= 0:
        return period_measures(network=network, kind=kind, start=start, end=end)
    key = cache_key("support:periods", network.pk, kind, start, end, fact_version_of(network))
    measured = cache.get(key)
    if measured is None:
        measured = period_measures(network=network, kind=kind, start=start, end=end)
        store_after_commit({key: measured}, seconds)
    return measured


def copresence(*, network, start: dt.date, end: dt.date) -> dict[tuple[int, int], int]:
    """How many sessions each pair of participants shared in the period, in one SQL query.
    Keys are (lower id, higher id)."""
    attendance = Attendance._meta.db_table
    session = Session._meta.db_table
    sql = (
        f"SELECT a.participant_id, b.participant_id, COUNT(*) "  # noqa: S608 - table names only
        f"FROM {attendance} a "
        f"JOIN {attendance} b ON a.session_id = b.session_id "
        f"AND a.participant_id < b.participant_id "
        f"JOIN {session} s ON s.id = a.session_id "
        f"WHERE s.network_id = %s AND s.date >= %s AND s.date <= %s "
        f"GROUP BY a.participant_id, b.participant_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [network.pk, start, end])
        return {(low, high): count for low, high, count in cursor.fetchall()}


def frequent_pairs(pairs: dict[tuple[int, int], int]) -> dict[tuple[int, int], int]:
    """The co-presence pairs worth drawing: at least half the highest count (and 2)."""
    if not pairs:
        return {}
    threshold = max(2, max(pairs.values()) / 2)
    return {pair: count for pair, count in pairs.items() if count >= threshold}
