"""The dashboard's figures kept per network: after a write in one network only that network's
row is derived again, the rest of the body is assembled from the kept rows.

Public: `Look(...).rows() -> CachedRows`, the figures of the networks of `Look.lines`
(`dashboards.page_cache._network_rows`: per network its id, its tokens and the texts it
shows from other tables, in the dashboard's order) with each network's table rows, and
`phase_chart`, equal to what `organisation_figures` and `pdf.report_context` make from
scratch (tests compare the bodies after random writes); `Look(...).figures()`, the figures
alone (the API's), kept per network the same way.

A network's `NetworkRow` (its figures, its row of the figures table and of the phase table,
the label of the fidelity column's quarter and a digest of what the phase chart draws of
it) is kept in Django's cache under its own line of `rows` (id, `facts`/`plan`/
`evaluation` tokens, its name, the location's name and the lead worker's names, by value)
and `shared`: everything the page cache keys every body on except the filter's location
and worker (organisation, role and capabilities, period, today, language, URL prefix, route
rules, planning threshold, fidelity weights, small-cell k). A network's row does not depend
on the other networks, nor on the location or worker chosen (they only choose which
networks are shown). The networks whose key missed are derived together in one call of
`derive_rows` (or `derive_figures`; a fixed number of queries); the totals are summed from
the rows' kept sums (`figures.row_sums`, the same sums `totals_of` adds) and each row's
figures stay pickled until the phase chart, drawn on one time axis for all networks and kept
under the digests of all rows, is drawn again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from django.core.cache import cache
from django.utils.safestring import SafeString, mark_safe

from vangnet.core.single_flight import derive_once
from vangnet.dashboards import sources
from vangnet.dashboards.charts import phase_overview_svg
from vangnet.dashboards.figures import (
    NetworkFigures,
    OrganisationFigures,
    RowSums,
    Totals,
    row_sums,
    totals_of,
    totals_of_sums,
)
from vangnet.dashboards.selectors import organisation_figures
from vangnet.dashboards.table_rows import figures_row_lines, phase_row_lines
from vangnet.fidelity.column_cache import cached_current_scores
from vangnet.participants.data_versions import DataVersion
from vangnet.participants.fact_cache import cache_key, store_after_commit


@dataclass(frozen=True)
class NetworkRow:
    """One network's part of the dashboard, kept per network. Its figures stay pickled
    (`figures()`): a body assembled from kept rows needs only their sums for the totals and
    their table rows; unpickling 200 networks' figures (phases and all) cost ~5 ms a miss."""

    network_id: int
    sums: RowSums  # what it adds to the totals (`figures.row_sums`)
    figures_pickle: bytes
    figures_html: str  # its <tr> of the figures table
    phase_html: str  # its <tr> of the phase table
    quarter: str  # the fidelity column's quarter ("" without a score)
    chart: str  # digest of what the phase chart draws of it (name, phases)

    def figures(self) -> NetworkFigures:
        figures: NetworkFigures = pickle.loads(self.figures_pickle)  # noqa: S301 - made by derive_rows, from the cache as every entry
        return figures


@dataclass
class CachedRows:
    """The page's figures: `figures` has the totals, not the rows (each row's figures stay
    in its `NetworkRow`, `rows`, in the dashboard's order)."""

    figures: OrganisationFigures
    rows: list[NetworkRow]
    shared: tuple[object, ...]


T = TypeVar("T")


def _chart_digest(row: NetworkFigures) -> str:
    return hashlib.sha256(repr((row.name, row.timeline)).encode()).hexdigest()[:32]


def derive_figures(
    *, organisation: Any, start: dt.date, end: dt.date, today: dt.date, network_ids: Sequence[int]
) -> dict[int, NetworkFigures]:
    """The figures of the networks `network_ids`, derived from scratch (a fixed number of
    queries, whatever their number)."""
    figures = organisation_figures(
        organisation=organisation, start=start, end=end, network_ids=network_ids, today=today
    )
    return {row.network_id: row for row in figures.rows}


def derive_rows(
    *,
    organisation: Any,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    network_ids: Sequence[int],
    weights: Mapping[str, int] | None = None,
    versions: Mapping[int, DataVersion] | None = None,
) -> dict[int, NetworkRow]:
    """The rows of the networks `network_ids` (figures, fidelity column, table rows),
    derived from scratch (a fixed number of queries, whatever their number). `weights`
    and `versions` (the fidelity weights and the networks' tokens, read before) are
    passed to the fidelity column's cache, which then does not read them again."""
    figures = organisation_figures(
        organisation=organisation, start=start, end=end, network_ids=network_ids, today=today
    )
    ids = [row.network_id for row in figures.rows]
    fidelity = cached_current_scores(
        organisation=organisation,
        as_of=figures.as_of,
        network_ids=ids,
        known=figures,
        weights=weights,
        versions=versions if versions is not None and set(ids) <= set(versions) else None,
    )
    lines = figures_row_lines(figures, fidelity)
    phases = phase_row_lines(figures)
    return {
        row.network_id: NetworkRow(
            network_id=row.network_id,
            sums=row_sums(row),
            figures_pickle=pickle.dumps(row, protocol=pickle.HIGHEST_PROTOCOL),
            figures_html=line,
            phase_html=phase,
            quarter=fidelity[row.network_id].label if row.network_id in fidelity else "",
            chart=_chart_digest(row),
        )
        for row, line, phase in zip(figures.rows, lines, phases, strict=True)
    }


@dataclass(frozen=True)
class Look:
    """One look at the dashboard's figures (page or API): the organisation, the values
    every row's key holds (`shared`), the filter, the day, and each network's line of
    `page_cache._network_rows` in the dashboard's order."""

    organisation: Any
    shared: tuple[object, ...]
    filters: dict[str, Any]
    today: dt.date
    lines: Sequence[tuple[Any, ...]]
    seconds: int
    weights: Mapping[str, int] | None = None  # the fidelity weights of `shared`, as read

    def _per_network(self, kind: str, derive: Callable[..., dict[int, T]]) -> list[T]:
        """Per network of `lines` (in their order), its value from the cache under its line
        and `shared`, the missing ones derived in one call of `derive` and kept (after the
        transaction commits), or awaited from another request deriving them meanwhile. A
        network deleted since its line was read has none."""
        common = cache_key(kind, *self.shared)  # made once, not once per network
        keys = {line[0]: cache_key(kind, common, line) for line in self.lines}
        found = cache.get_many(list(keys.values()))
        missing = [network_id for network_id, key in keys.items() if key not in found]
        # Derived by one request at a time: ten coordinators looking after a save wait for
        # the one deriving the changed network's row (core.single_flight).
        fresh = derive_once(
            {pk: keys[pk] for pk in missing},
            lambda ids: derive(
                organisation=self.organisation,
                start=self.filters["start"],
                end=self.filters["end"],
                today=self.today,
                network_ids=ids,
            ),
            seconds=self.seconds,
        )
        values = (fresh.get(pk, found.get(key)) for pk, key in keys.items())
        return [value for value in values if value is not None]

    def _assemble(
        self, rows: list[NetworkFigures], totals: Totals, *, any_rows: bool
    ) -> OrganisationFigures:
        end = self.filters["end"]
        figures = OrganisationFigures(
            organisation=self.organisation,
            start=self.filters["start"],
            end=end,
            as_of=min(end, self.today),
            rows=rows,
            totals=totals,
            location=self.filters.get("location"),
            worker=self.filters.get("worker"),
        )
        if any_rows:  # as `sources.attach_evaluation` sets them
            figures.has_subgoals = sources.subgoal_reader() is not None
            figures.has_outcomes = sources.outcome_reader() is not None
        return figures

    def figures(self) -> OrganisationFigures:
        """The figures (the API's): each network's kept apart from its table rows."""
        rows = self._per_network("dashboards:figures", derive_figures)
        return self._assemble(rows, totals_of(rows), any_rows=bool(rows))

    def rows(self) -> CachedRows:
        """The figures with each network's table rows (the page's)."""
        # The fidelity column's cache is keyed on the same tokens as the rows' lines: the
        # lines' tokens and the weights read for `shared` are not read again.
        versions = {line[0]: tuple(line[1:4]) for line in self.lines}
        parts = self._per_network(
            "dashboards:row2", partial(derive_rows, weights=self.weights, versions=versions)
        )
        totals = totals_of_sums([part.sums for part in parts])
        figures = self._assemble([], totals, any_rows=bool(parts))
        return CachedRows(figures=figures, rows=parts, shared=self.shared)


def phase_chart(cached: CachedRows, *, seconds: int) -> SafeString:
    """The phase chart of the rows: from the cache under the digests of every row's chart
    inputs (a session saved changes no phase: the chart is not drawn again)."""
    figures = cached.figures
    key = cache_key(
        "dashboards:chart",
        *cached.shared,
        tuple((part.network_id, part.chart) for part in cached.rows),
    )
    svg = cache.get(key)
    if svg is None:
        svg = str(
            phase_overview_svg(
                [part.figures() for part in cached.rows],
                start=figures.start,
                end=figures.end,
                as_of=figures.as_of,
            )
        )
        store_after_commit({key: svg}, seconds)
    return mark_safe(svg)  # noqa: S308 - a rendered chart, from the cache
