"""The anonymous municipality report, read in a fixed number of queries.

Public: `municipality_figures(*, organisation, start, end, area=None, today=None)
-> MunicipalityReport` (the page, the PDF, the API and the benchmark use it) and
`report_areas(*, organisation) -> list[str]`. Figures are defined in docs/reports.md.

Every report of a year (the year and each started quarter, all areas or one) is a slice of
one grid of counts (`reports.grid.load_grid`) protected as a whole
(`reports.disclosure.protect`), so no combination of periods, areas, the page, the PDF and
the API publishes what another view hides, not even with the attacker's linear programs (the
audit runs on every report). The protection is a pure function of the grid and is kept in the
cache under a digest of the grid's counts: every view of the same facts reuses it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.neighbourhood.models import OutputKind
from vangnet.networks.models import PHASE_ORDER, Network
from vangnet.reports.disclosure import BUURT, TIES, Protected, protect
from vangnet.reports.grid import (
    ALL,
    PEOPLE,
    PHASE_KEYS,
    TIE_KEYS,
    Grid,
    area_of,
    load_grid,
    min_networks_per_area,
    other_areas_label,
)
from vangnet.reports.suppression import PRIMARY, Cell, figure, small_cell_k
from vangnet.reports.tables import Table
from vangnet.support.models import SupportType

PROTECTION_VERSION = 3  # raise when reports.disclosure changes what it hides (3: buurt)
PROTECTION_SECONDS = 60 * 60 * 6

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation


@dataclass
class OutcomeFigures:
    """The questionnaire's meedoen score, one year ago and now (post-then-pre)."""

    n: Cell
    mean_then: Cell
    mean_now: Cell
    mean_change: Cell
    improved_share: Cell  # percentage


@dataclass
class MunicipalityReport:
    organisation_name: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    area: str | None
    k: int
    areas: list[str]
    phases: Table  # networks per area and phase (networks are groups, not people)
    people: Table  # reached / long-term / steady per area, column totals
    sessions: list[int]  # sessions held per area (same order as areas)
    sessions_total: int | None
    attendance: list[Cell]  # average present per session, per area
    attendance_total: Cell | None
    ties: Table  # support relations (distinct giver -> receiver) per area and type
    outcome: OutcomeFigures | None  # only for a whole year and the whole organisation
    outcome_available: bool  # False when the questionnaires app is not installed
    # What the activities for the neighbourhood produced per area: guests and each kind of
    # result (sums over sessions, protected), and the sessions with an output (public).
    neighbourhood: Table | None = None
    neighbourhood_sessions: list[int] = field(default_factory=list)
    neighbourhood_sessions_total: int | None = None
    networks_total: int = 0
    min_networks: int = 3
    pooled: list[str] = field(default_factory=list)  # areas in "Overige gebieden"
    notes: list[str] = field(default_factory=list)

    @property
    def any_hidden(self) -> bool:
        return (
            self.people.any_hidden
            or self.ties.any_hidden
            or any(c.hidden for c in self.attendance)
            or bool(self.attendance_total and self.attendance_total.hidden)
            or bool(self.outcome and self.outcome.n.hidden)
            or bool(self.neighbourhood and self.neighbourhood.any_hidden)
        )


def report_areas(*, organisation: Organisation) -> list[str]:
    """The areas a viewer can choose: those with at least the minimum number of networks,
    sorted, then "Overige gebieden" when smaller areas are pooled."""
    minimum = min_networks_per_area()
    sizes: dict[str, int] = {}
    for row in Network.objects.filter(organisation=organisation).values_list(
        "neighbourhood", "location__neighbourhood", "location__name"
    ):
        name = area_of(*row)
        sizes[name] = sizes.get(name, 0) + 1
    kept = sorted(name for name, n in sizes.items() if n >= minimum)
    small = sum(n for n in sizes.values() if n < minimum)
    return kept + ([other_areas_label()] if small >= minimum and kept else [])


def _outcome(
    network_ids: list[int], start: dt.date, end: dt.date, k: int
) -> tuple[OutcomeFigures | None, bool]:
    """Outcome figures of all networks together, or (None, False) when the questionnaires
    app is not there. Only for whole years and the whole organisation (see docs)."""
    try:
        from vangnet.questionnaires.outcomes import paired_change
        from vangnet.questionnaires.selectors import completed_responses, paired_scores
    except ImportError:
        return None, False
    responses = completed_responses(networks=network_ids).filter(
        completed_at__date__gte=start, completed_at__date__lte=end
    )
    pairs = paired_scores(responses_qs_or_list=responses)
    n = len(pairs)
    count = Cell(None, PRIMARY, k=k) if 0 < n < k else Cell(n, k=k)
    change = paired_change(pairs, k=k)
    if change.suppressed or n == 0:
        hidden = figure(None if n == 0 else 0.0, people=n, k=k)
        return OutcomeFigures(count, hidden, hidden, hidden, hidden), True
    return (
        OutcomeFigures(
            n=count,
            mean_then=figure(change.mean_then, people=n, k=k),
            mean_now=figure(change.mean_now, people=n, k=k),
            mean_change=figure(change.mean_change, people=n, k=k),
            improved_share=figure(round(100 * (change.share_improved or 0.0)), people=n, k=k),
        ),
        True,
    )


def _protected(grid: Grid, k: int) -> Protected:
    """`disclosure.protect(grid)` with the attacker's audit, from the cache when the same
    counts were protected before (a pure function of the counts, the sessions, the rows and
    k: keyed on them rather than on the fact version, so support pairs and area changes,
    which the fact version does not cover, can never meet an old protection)."""
    digest = hashlib.sha256(
        repr(
            (
                PROTECTION_VERSION,
                k,
                grid.rows,
                grid.pool_too_small,
                [p.key for p in grid.periods],
                sorted(grid.counts.items()),
            )
        ).encode()
    ).hexdigest()
    key = f"vangnet:reports:protected:{digest}"
    hidden = cache.get(key)
    if hidden is None:
        protected = protect(grid, k=k, audit=True)
        cache.set(key, protected.hidden, PROTECTION_SECONDS)
        return protected
    from vangnet.reports.disclosure import grid_values

    return Protected(values=grid_values(grid), hidden=hidden, k=k)


def _average(visits: Cell, sessions: int, k: int) -> Cell:
    """The average present: hidden exactly when its visits are (derived figures follow
    their counts); "< k" when the people reached are few."""
    if visits.hidden:
        return Cell(None, visits.hidden, k=k)
    if not sessions:
        return Cell(None, k=k)
    return Cell(round((visits.value or 0) / sessions, 1), k=k)


def municipality_figures(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    area: str | None = None,
    today: dt.date | None = None,
) -> MunicipalityReport:
    """The anonymous figures of the organisation's networks in [start, end], a calendar
    quarter or year (see module)."""
    k = small_cell_k()
    today = today or timezone.localdate()
    is_whole_year = start.month == 1 and start.day == 1 and end == dt.date(start.year, 12, 31)
    grid = load_grid(organisation=organisation, year=start.year, today=max(today, start))
    period = next((p for p in grid.periods if p.start == start and p.end == end), grid.periods[-1])
    key = period.key
    as_of = grid.as_of[key]
    protected = _protected(grid, k)
    rows = grid.rows
    notes: list[str] = []
    if grid.pooled:
        notes.append(
            _(
                "Gebieden met minder dan %(n)s vangnetwerken tonen we niet apart: "
                "ze staan samen onder 'Overige gebieden' (%(areas)s)."
            )
            % {"n": grid.min_networks, "areas": ", ".join(grid.pooled)}
        )
    if grid.pool_too_small:
        notes.append(
            _(
                "'Overige gebieden' heeft samen ook minder dan %(n)s vangnetwerken: "
                "die cijfers verbergen we (x)."
            )
            % {"n": grid.min_networks}
        )
    if grid.pooled and not rows:
        notes.append(
            _(
                "Geen gebied heeft %(n)s of meer vangnetwerken: we tonen alleen de cijfers "
                "van alle vangnetwerken samen."
            )
            % {"n": grid.min_networks}
        )

    phase_labels = [str(p.label) for p in PHASE_ORDER] + [_("Nog niet gestart")]
    zero = [0] * len(PHASE_KEYS)
    phase_cells = [[Cell(n, k=1) for n in grid.phases.get((r, key), zero)] for r in rows]
    phase_totals = grid.phases.get((ALL, key), zero)
    phases = Table(
        rows=list(rows),
        columns=phase_labels,
        cells=phase_cells,
        row_totals=[Cell(sum(grid.phases.get((r, key), zero)), k=1) for r in rows],
        column_totals=[Cell(n, k=1) for n in phase_totals],
        total=Cell(sum(phase_totals), k=1),
        k=1,
    )
    people = Table(
        rows=list(rows),
        columns=[_("Bereikt"), _("Langdurig"), _("Vaste deelnemers")],
        cells=[[protected.cell((m, r, key)) for m in PEOPLE] for r in rows],
        row_totals=None,
        column_totals=[protected.cell((m, ALL, key)) for m in PEOPLE],
        total=None,
        k=k,
    )
    ties = Table(
        rows=list(rows),
        columns=[str(t.label) for t in SupportType],
        cells=[[protected.cell((f"tie:{t}", r, key)) for t in TIE_KEYS] for r in rows],
        row_totals=[protected.cell((TIES, r, key)) for r in rows],
        column_totals=[protected.cell((f"tie:{t}", ALL, key)) for t in TIE_KEYS],
        total=protected.cell((TIES, ALL, key)),
        k=k,
    )
    buurt = Table(
        rows=list(rows),
        columns=[_("Bezoeken van buurtbewoners")]
        + [str(label) for _v, label in OutputKind.choices],
        cells=[[protected.cell((m, r, key)) for m in BUURT] for r in rows],
        row_totals=None,
        column_totals=[protected.cell((m, ALL, key)) for m in BUURT],
        total=None,
        k=k,
    )
    buurt_sessions = [grid.get("buurt:sessions", r, key) for r in rows]
    sessions = [grid.get("sessions", r, key) for r in rows]
    attendance = [
        _average(
            protected.cell(("visits", r, key)),
            grid.get("sessions", r, key),
            k,
        )
        for r in rows
    ]
    attendance_total = _average(
        protected.cell(("visits", ALL, key)),
        grid.get("sessions", ALL, key),
        k,
    )

    keep = list(range(len(rows)))
    chosen: str | None = None
    if area and area in rows:
        chosen = area
        keep = [rows.index(area)]
    elif area and area in grid.pooled:
        notes.append(
            _("%(area)s heeft minder dan %(n)s vangnetwerken en staat onder 'Overige gebieden'.")
            % {"area": area, "n": grid.min_networks}
        )
    outcome, available = None, True
    network_ids = list(grid.network_row)
    if chosen is None and is_whole_year:
        outcome, available = _outcome(network_ids, period.start, as_of, k)
    if chosen is not None:
        phases = phases.restricted_to(keep)
        people = people.restricted_to(keep)
        ties = ties.restricted_to(keep)
        buurt = buurt.restricted_to(keep)
    return MunicipalityReport(
        organisation_name=organisation.name,
        start=period.start,
        end=period.end,
        as_of=as_of,
        area=chosen,
        k=k,
        areas=[rows[i] for i in keep],
        phases=phases,
        people=people,
        sessions=[sessions[i] for i in keep],
        sessions_total=grid.get("sessions", ALL, key) if chosen is None else None,
        attendance=[attendance[i] for i in keep],
        attendance_total=attendance_total if chosen is None else None,
        ties=ties,
        outcome=outcome,
        outcome_available=available,
        neighbourhood=buurt,
        neighbourhood_sessions=[buurt_sessions[i] for i in keep],
        neighbourhood_sessions_total=(
            grid.get("buurt:sessions", ALL, key) if chosen is None else None
        ),
        networks_total=(
            sum(phase_totals) if chosen is None else sum(grid.phases.get((chosen, key), zero))
        ),
        min_networks=grid.min_networks,
        pooled=list(grid.pooled),
        notes=notes,
    )
