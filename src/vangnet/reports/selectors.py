"""The anonymous municipality report, read in a fixed number of queries.

Public: `municipality_figures(*, organisation, start, end, area=None, today=None)
-> MunicipalityReport` (the page, the PDF, the API and the benchmark use it) and
`report_areas(*, organisation) -> list[str]`. Figures are defined in docs/reports.md.

Queries do not grow with networks, sessions or participants: networks, phase transitions,
sessions per network, attendance per network, per-participant attendance aggregates, the
session dates and attendance dates and route events of the participants active in the
period (for the route), support pairs, and the outcome pairs (when the questionnaires app is
there). Routes come from the one route function (`participants.route.derive_route`),
phases from `networks.phases.derive_phases`.

Suppression is computed on the tables of ALL areas of the organisation; a report for one
area shows that area's rows of those tables, so two reports with overlapping filters never
publish what the other hides.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.networks.models import PHASE_ORDER, Attendance, Network, PhaseTransition, Session
from vangnet.networks.phases import TransitionInput, derive_phases, network_months
from vangnet.participants.long_term import is_long_term
from vangnet.participants.route import RouteRules
from vangnet.reports.steady import steady_per_network
from vangnet.reports.suppression import PRIMARY, Cell, Table, figure, small_cell_k, suppress_table
from vangnet.support.models import SupportTie, SupportType

NO_AREA = "—"
NOT_STARTED = "not_started"


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
    networks_total: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def any_hidden(self) -> bool:
        return (
            self.people.any_hidden
            or self.ties.any_hidden
            or any(c.hidden for c in self.attendance)
            or bool(self.outcome and self.outcome.n.hidden)
        )


def area_of(neighbourhood: str, location_neighbourhood: str | None, location: str | None) -> str:
    """The area of a network: its neighbourhood, else its location's, else the location."""
    return (neighbourhood or location_neighbourhood or location or NO_AREA).strip() or NO_AREA


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


def report_areas(*, organisation) -> list[str]:
    """Every area of the organisation's networks (for the chooser), sorted."""
    rows = Network.objects.filter(organisation=organisation).values_list(
        "neighbourhood", "location__neighbourhood", "location__name"
    )
    return sorted({area_of(*row) for row in rows})


class _Months:
    def __init__(self, exploration, build_up, deepening):
        self.exploration_months = exploration
        self.build_up_months = build_up
        self.deepening_months = deepening


def _phases(rows: list[tuple], as_of: dt.date) -> dict[int, str]:
    """The phase of every network on `as_of` (one query for all transitions)."""
    transitions: dict[int, list[TransitionInput]] = defaultdict(list)
    ids = [row[0] for row in rows]
    for network_id, phase, day in (
        PhaseTransition.objects.filter(network_id__in=ids, date__lte=as_of)
        .order_by("pk")
        .values_list("network_id", "phase", "date")
    ):
        transitions[network_id].append(TransitionInput(phase, day))
    phases = {}
    for pk, _n, _ln, _l, start_date, exploration, build_up, deepening in rows:
        timeline = derive_phases(
            start_date=start_date,
            on=as_of,
            transitions=transitions.get(pk, ()),
            months=network_months(_Months(exploration, build_up, deepening)),
        )
        phases[pk] = timeline.current.value if timeline.current else NOT_STARTED
    return phases


def _outcome(network_ids: list[int], start: dt.date, end: dt.date, k: int):
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


def municipality_figures(
    *,
    organisation,
    start: dt.date,
    end: dt.date,
    area: str | None = None,
    today: dt.date | None = None,
) -> MunicipalityReport:
    """The anonymous figures of the organisation's networks in [start, end] (see module)."""
    k = small_cell_k()
    is_whole_year = start.month == 1 and start.day == 1 and end == dt.date(start.year, 12, 31)
    today = today or timezone.localdate()
    as_of = min(end, today)
    rules = RouteRules.from_organisation(organisation)
    rows = _networks(organisation, end)
    areas = sorted({area_of(r[1], r[2], r[3]) for r in rows})
    area_index = {name: i for i, name in enumerate(areas)}
    network_area = {r[0]: area_index[area_of(r[1], r[2], r[3])] for r in rows}
    network_ids = list(network_area)
    n_areas = len(areas)

    # Networks per phase at the end of the period.
    phase_keys = [p.value for p in PHASE_ORDER] + [NOT_STARTED]
    phase_matrix = [[0] * len(phase_keys) for _ in areas]
    for network_id, phase in _phases(rows, as_of).items():
        phase_matrix[network_area[network_id]][phase_keys.index(phase)] += 1

    # Sessions held and attendance in the period, per network (two aggregate queries).
    in_period = Q(date__gte=start, date__lte=as_of)
    sessions = [0] * n_areas
    for network_id, n in (
        Session.objects.filter(in_period, network_id__in=network_ids, recorded=True)
        .values("network_id")
        .annotate(n=Count("id"))
        .values_list("network_id", "n")
    ):
        sessions[network_area[network_id]] += n
    visits = [0] * n_areas
    for network_id, n in (
        Attendance.objects.filter(
            session__network_id__in=network_ids,
            session__recorded=True,
            session__date__gte=start,
            session__date__lte=as_of,
        )
        .values("session__network_id")
        .annotate(n=Count("id"))
        .values_list("session__network_id", "n")
    ):
        visits[network_area[network_id]] += n

    # People: every visit up to as_of of each participant who came in the period (one
    # query); long-term by the one definition (participants.long_term).
    came = Attendance.objects.filter(
        session__network_id__in=network_ids,
        session__recorded=True,
        session__date__gte=start,
        session__date__lte=as_of,
    ).values("participant_id")
    visit_days: dict[tuple[int, int], list[dt.date]] = defaultdict(list)
    for participant_id, network_id, day in Attendance.objects.filter(
        session__network_id__in=network_ids,
        session__date__lte=as_of,
        participant_id__in=came,
    ).values_list("participant_id", "session__network_id", "session__date"):
        visit_days[(participant_id, network_id)].append(day)
    reached = [0] * n_areas
    long_term = [0] * n_areas
    active: dict[int, int] = {}
    for (participant_id, network_id), days in visit_days.items():
        index = network_area[network_id]
        reached[index] += 1
        if is_long_term(days, dropout_after_weeks=rules.dropout_after_weeks, as_of=as_of):
            long_term[index] += 1
        active[participant_id] = network_id
    steady = [0] * n_areas
    for network_id, n in steady_per_network(
        organisation=organisation,
        active=active,
        network_ids=network_ids,
        rules=rules.normalised(),
        start=start,
        as_of=as_of,
    ).items():
        steady[network_area[network_id]] += n

    # Support relations in the period: distinct giver -> receiver pairs per type.
    type_keys = [t.value for t in SupportType]
    tie_matrix = [[0] * len(type_keys) for _ in areas]
    for network_id, support_type, _giver, _receiver in (
        SupportTie.objects.filter(network_id__in=network_ids, date__gte=start, date__lte=as_of)
        .order_by()
        .values_list("network_id", "support_type", "giver_id", "receiver_id")
        .distinct()
    ):
        if support_type in type_keys:
            tie_matrix[network_area[network_id]][type_keys.index(support_type)] += 1

    # Suppression on the full tables (all areas), then restriction to the chosen area.
    phase_labels = [str(p.label) for p in PHASE_ORDER] + [_("Nog niet gestart")]
    phases_table = suppress_table(
        phase_matrix,
        rows=areas,
        columns=phase_labels,
        k=1,  # networks are groups of people, not people: no suppression
    )
    columns = [_("Bereikt"), _("Langdurig"), _("Vaste deelnemers")]
    people_table = suppress_table(
        [[reached[i], long_term[i], steady[i]] for i in range(n_areas)],
        rows=areas,
        columns=columns,
        row_totals=False,
        column_totals=True,
        k=k,
    )
    ties_table = suppress_table(
        tie_matrix,
        rows=areas,
        columns=[str(t.label) for t in SupportType],
        k=k,
    )
    attendance = []
    for i in range(n_areas):
        average = round(visits[i] / sessions[i], 1) if sessions[i] else None
        cell = figure(average, people=reached[i], k=k)
        if people_table.cells[i][0].hidden and not cell.hidden and average is not None:
            cell = Cell(None, people_table.cells[i][0].hidden, k=k)
        attendance.append(cell)
    total_reached = sum(reached)
    attendance_total = figure(
        round(sum(visits) / sum(sessions), 1) if sum(sessions) else None,
        people=total_reached,
        k=k,
    )

    keep = list(range(n_areas))
    chosen: str | None = None
    if area and area in area_index:
        chosen = area
        keep = [area_index[area]]
    outcome, available = None, True
    if chosen is None and is_whole_year:
        outcome, available = _outcome(network_ids, start, as_of, k)
    if chosen is not None:
        phases_table = phases_table.restricted_to(keep)
        people_table = people_table.restricted_to(keep)
        ties_table = ties_table.restricted_to(keep)

    return MunicipalityReport(
        organisation_name=organisation.name,
        start=start,
        end=end,
        as_of=as_of,
        area=chosen,
        k=k,
        areas=[areas[i] for i in keep],
        phases=phases_table,
        people=people_table,
        sessions=[sessions[i] for i in keep],
        sessions_total=sum(sessions) if chosen is None else None,
        attendance=[attendance[i] for i in keep],
        attendance_total=attendance_total if chosen is None else None,
        ties=ties_table,
        outcome=outcome,
        outcome_available=available,
        networks_total=sum(1 for pk in network_area if network_area[pk] in keep),
    )
