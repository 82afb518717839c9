"""Reads of the benchmark: the published distributions of one quarter and phase, beside the
viewer's own networks (docs/benchmark.md).

`benchmark_view(organisation=, year=, quarter=, phase=, today=)` reads the participating
organisations and the quarter's snapshots (two queries, whatever the number of
organisations), bins every network's figures after primary suppression (metrics.py),
combines them per phase and figure and publishes only the cells `disclosure.published_keys`
allows. Another organisation appears only as an opaque reference inside a histogram; its
name only in the list of participants, and only when it chose to be named.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from vangnet.benchmark import metrics as m
from vangnet.benchmark.disclosure import (
    ALL_PHASES,
    CellKey,
    Contribution,
    combine,
    published_keys,
)
from vangnet.benchmark.hub_services import received_contributions
from vangnet.benchmark.models import Participation, Snapshot
from vangnet.fidelity.selectors import trend_quarters
from vangnet.networks.models import PHASE_ORDER, Phase
from vangnet.reports.suppression import small_cell_k

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation


def metric_titles() -> dict[str, str]:
    return {
        m.PHASE_DELAY: _("Fasen: dagen achter op het plan"),
        m.CONVERSION: _("Van kennismaking naar vaste deelnemer"),
        m.STEADY_TARGET: _("Vaste groep ten opzichte van het doel (15)"),
        m.ATTENDANCE: _("Opkomst: aanwezig in een gewone week"),
        m.FIDELITY: _("Methodetrouw (standaardgewichten)"),
        m.SUBGOALS: _("Subdoelen a-i behaald"),
        m.MEEDOEN: _("Verandering in meedoen"),
    }


def phase_choices() -> list[tuple[str, str]]:
    return [(ALL_PHASES, _("Alle fasen")), *((p.value, str(p.label)) for p in PHASE_ORDER)]


def quarter_choices(today: dt.date) -> list[tuple[str, str]]:
    return [
        (
            f"{year}-{quarter}",
            _("Kwartaal %(quarter)s %(year)s") % {"quarter": quarter, "year": year},
        )
        for year, quarter, _period in reversed(trend_quarters(today))
    ]


def rows_contributions(
    organisation: str, rows: Iterable[Mapping[str, Any]], *, k: int
) -> list[Contribution]:
    """One organisation's networks as histograms per phase and figure, after primary
    suppression; empty histograms are left out."""
    values: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in rows:
        phase = row.get("phase")
        if not isinstance(phase, str) or phase not in Phase.values:
            continue
        for metric in m.METRIC_KEYS:
            value = m.published_value(metric, row, k=k)
            if value is not None:
                values[(phase, metric)].append(value)
    return [
        Contribution(organisation, phase, metric, tuple(m.histogram(metric, found)))
        for (phase, metric), found in sorted(values.items())
    ]


@dataclass(frozen=True)
class Band:
    """One figure's distribution over the participating organisations' networks."""

    metric: str
    title: str
    published: bool
    networks: int = 0
    organisations: int = 0
    percentiles: Mapping[int, float] = field(default_factory=dict)
    own: tuple[float, ...] = ()  # the viewer's own networks' values (raw, their own data)

    @property
    def spec(self) -> m.Metric:
        return m.METRICS[self.metric]


@dataclass(frozen=True)
class OwnNetwork:
    network_id: int
    name: str
    phase: str
    values: Mapping[str, float | None]


@dataclass(frozen=True)
class BenchmarkView:
    year: int
    quarter: int
    phase: str
    k: int
    participating: int  # organisations taking part (here and, on a hub, elsewhere)
    received: int  # of which organisations of other installations (on a hub)
    named: tuple[str, ...]  # the names of those that chose to be named
    own_participates: bool
    bands: tuple[Band, ...]
    own_networks: tuple[OwnNetwork, ...]
    computed_at: dt.datetime | None


def _own(rows: Sequence[Mapping[str, Any]], phase: str) -> list[OwnNetwork]:
    found = []
    for row in rows:
        if phase != ALL_PHASES and row.get("phase") != phase:
            continue
        values = row.get("values") or {}
        found.append(
            OwnNetwork(
                network_id=int(row.get("network_id", 0)),
                name=str(row.get("name", "")),
                phase=str(row.get("phase", "")),
                values={key: values.get(key) for key in m.METRIC_KEYS},
            )
        )
    return sorted(found, key=lambda n: (n.name, n.network_id))


def local_contributions(
    year: int, quarter: int, *, k: int
) -> tuple[list[Contribution], dict[int, Snapshot], list[Participation]]:
    """The contributions of this installation's participating organisations (two queries)."""
    participations = list(
        Participation.objects.select_related("organisation").order_by("organisation__name")
    )
    references = {p.organisation_id: str(p.reference) for p in participations}
    snapshots = {
        s.organisation_id: s
        for s in Snapshot.objects.filter(
            year=year, quarter=quarter, organisation_id__in=list(references)
        )
    }
    contributions: list[Contribution] = []
    for organisation_id, snapshot in sorted(snapshots.items()):
        contributions += rows_contributions(references[organisation_id], snapshot.rows, k=k)
    return contributions, snapshots, participations


def bands_of(
    contributions: Sequence[Contribution], phase: str, *, k: int, own: Mapping[str, list[float]]
) -> tuple[Band, ...]:
    cells = combine(contributions)
    published = published_keys(cells, k=k)
    titles = metric_titles()
    bands = []
    for metric in m.METRIC_KEYS:
        key = CellKey(phase, metric)
        cell = cells.get(key)
        mine = tuple(own.get(metric, []))
        if cell is None or key not in published:
            bands.append(Band(metric, titles[metric], False, own=mine))
            continue
        bands.append(
            Band(
                metric,
                titles[metric],
                True,
                networks=cell.networks,
                organisations=cell.organisations,
                percentiles=m.percentiles(metric, cell.bins),
                own=mine,
            )
        )
    return tuple(bands)


def benchmark_view(
    *, organisation: Organisation | None, year: int, quarter: int, phase: str
) -> BenchmarkView:
    """The published bands of one quarter and phase; `organisation` is the viewer's (None
    for a viewer without an organisation's networks, such as a knowledge institute)."""
    k = small_cell_k()
    contributions, snapshots, participations = local_contributions(year, quarter, k=k)
    received = 0
    if settings.VANGNET_BENCHMARK_HUB:  # with what other installations sent (hub_services)
        from_senders, received = received_contributions(year, quarter)
        contributions += from_senders
    own_participates = organisation is not None and any(
        p.organisation_id == organisation.pk for p in participations
    )
    own_snapshot = snapshots.get(organisation.pk) if organisation is not None else None
    own_rows = own_snapshot.rows if own_snapshot is not None and own_participates else []
    own_networks = _own(own_rows, phase)
    own_values: dict[str, list[float]] = defaultdict(list)
    for network in own_networks:
        for key, value in network.values.items():
            if isinstance(value, int | float):
                own_values[key].append(float(value))
    return BenchmarkView(
        year=year,
        quarter=quarter,
        phase=phase,
        k=k,
        participating=len(participations) + received,
        received=received,
        named=tuple(p.organisation.name for p in participations if p.named),
        own_participates=own_participates,
        bands=bands_of(contributions, phase, k=k, own=own_values),
        own_networks=tuple(own_networks),
        computed_at=own_snapshot.computed_at if own_snapshot is not None else None,
    )


def participation_of(organisation: Organisation) -> Participation | None:
    return Participation.objects.filter(organisation=organisation).first()
