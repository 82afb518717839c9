"""The figures of the dashboard as plain data: one row per network and the totals.

Filled by `vangnet.dashboards.selectors.organisation_figures`; every figure is defined in
docs/dashboards.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from vangnet.networks.models import PHASE_ORDER, Phase
from vangnet.networks.phases import PhaseTimeline


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


@dataclass
class NetworkFigures:
    """One network's figures for the period (definitions: docs/dashboards.md)."""

    network_id: int
    name: str
    location: str
    worker: str
    start_date: dt.date
    timeline: PhaseTimeline
    planned_phase: Phase | None
    target: int
    steady: int = 0
    taking_part: int = 0
    reached: int = 0
    long_term: int = 0
    acquainted: int = 0
    became_steady: int = 0
    dropouts: int = 0
    returns: int = 0
    sessions: int = 0
    present_marks: int = 0
    expected_marks: int = 0
    weeks_with_session: int = 0
    present_in_weeks: int = 0  # sum over those weeks of different people present
    hours: Decimal = Decimal(0)
    norm_per_week: Decimal = Decimal(0)
    norm_weeks: int = 0  # complete weeks of the period since the network's start
    registered_weeks: int = 0  # of those, weeks with hours registered (0 h counts)
    subgoals: Any = None  # {letter: judgement} from network_evaluation, when it exists
    subgoals_text: str = ""
    outcome: Any = None  # outcome change from questionnaires, when it exists
    outcome_text: str = ""

    # -- phase ------------------------------------------------------------------------
    @property
    def phase(self) -> Phase | None:
        return self.timeline.current

    @property
    def phase_delay_days(self) -> int | None:
        """Days the current phase started later (+) or earlier (-) than planned."""
        span = self.timeline.current_span
        if span is None or span.planned_start is None or span.actual_start is None:
            return None
        return (span.actual_start - span.planned_start).days

    @property
    def phase_on_plan(self) -> bool:
        """Not behind: the current phase is the planned phase for the date, or later."""
        actual = PHASE_ORDER.index(self.phase) if self.phase else -1
        planned = PHASE_ORDER.index(self.planned_phase) if self.planned_phase else -1
        return actual >= planned

    # -- core, reach, route ------------------------------------------------------------
    @property
    def core_on_plan(self) -> bool | None:
        """From deepening on the steady core should be at its target; before: no judgement."""
        if self.phase is None or PHASE_ORDER.index(self.phase) < 2:
            return None
        return self.steady >= self.target

    @property
    def conversion(self) -> float | None:
        return _share(self.became_steady, self.acquainted)

    @property
    def long_term_share(self) -> float | None:
        return _share(self.long_term, self.reached)

    @property
    def attendance_rate(self) -> float | None:
        return _share(self.present_marks, self.expected_marks)

    @property
    def present_per_week(self) -> float | None:
        return _share(self.present_in_weeks, self.weeks_with_session)

    # -- hours -------------------------------------------------------------------------
    @property
    def norm_hours(self) -> Decimal:
        """The norm over the registered weeks: a week nobody filled in is unknown, not 0 h."""
        return self.norm_per_week * self.registered_weeks

    @property
    def hours_share(self) -> float | None:
        return _share(float(self.hours), float(self.norm_hours))

    @property
    def registration_share(self) -> float | None:
        """How complete the hours registration is: registered weeks of the weeks run."""
        return _share(self.registered_weeks, self.norm_weeks)

    @property
    def hours_on_plan(self) -> bool | None:
        """Hours >= norm on the registered weeks; no judgement when none is registered."""
        if not self.norm_weeks or not self.registered_weeks:
            return None
        return self.hours >= self.norm_hours

    @property
    def on_plan(self) -> bool:
        checks = (self.phase_on_plan, self.core_on_plan, self.hours_on_plan)
        return all(check is not False for check in checks)


@dataclass
class Totals:
    """The sums over the networks of the period; the shares are recomputed from the sums."""

    networks: int = 0
    on_plan: int = 0
    target: int = 0
    steady: int = 0
    taking_part: int = 0
    reached: int = 0
    long_term: int = 0
    acquainted: int = 0
    became_steady: int = 0
    dropouts: int = 0
    returns: int = 0
    sessions: int = 0
    present_marks: int = 0
    expected_marks: int = 0
    present_per_week: float = 0.0  # together, in a typical week with a session
    hours: Decimal = Decimal(0)
    norm_hours: Decimal = Decimal(0)  # over the registered weeks
    norm_weeks: int = 0
    registered_weeks: int = 0

    @property
    def registration_share(self) -> float | None:
        return _share(self.registered_weeks, self.norm_weeks)

    @property
    def conversion(self) -> float | None:
        return _share(self.became_steady, self.acquainted)

    @property
    def long_term_share(self) -> float | None:
        return _share(self.long_term, self.reached)

    @property
    def attendance_rate(self) -> float | None:
        return _share(self.present_marks, self.expected_marks)

    @property
    def hours_share(self) -> float | None:
        return _share(float(self.hours), float(self.norm_hours))


@dataclass
class OrganisationFigures:
    organisation: Any
    start: dt.date
    end: dt.date
    as_of: dt.date
    rows: list[NetworkFigures]
    totals: Totals
    has_subgoals: bool = False
    has_outcomes: bool = False
    location: Any = None
    worker: Any = None
    notes: list[str] = field(default_factory=list)
    # What `dashboards.selectors.organisation_figures_again` reuses for another period that
    # ends on the same day (the networks, phases, activities): not a figure.
    loaded: Any = field(default=None, repr=False, compare=False)


SUMMED = (
    "target",
    "steady",
    "taking_part",
    "reached",
    "long_term",
    "acquainted",
    "became_steady",
    "dropouts",
    "returns",
    "sessions",
    "present_marks",
    "expected_marks",
    "norm_weeks",
    "registered_weeks",
)

# What one network adds to the totals: on plan (0/1), the figures of SUMMED in that order,
# its people present per week (0.0 without sessions), its hours and its norm hours.
RowSums = tuple[Any, ...]


def row_sums(row: NetworkFigures) -> RowSums:
    """What `row` adds to the totals (the dashboard's row cache keeps it per network)."""
    return (
        int(row.on_plan),
        *(getattr(row, name) for name in SUMMED),
        row.present_per_week or 0.0,
        row.hours,
        row.norm_hours,
    )


def totals_of_sums(sums: list[RowSums]) -> Totals:
    """The totals of the networks whose `row_sums` are `sums`, added in their order."""
    totals = Totals(networks=len(sums))
    for on_plan, *counts, present_per_week, hours, norm_hours in sums:
        totals.on_plan += on_plan
        for name, value in zip(SUMMED, counts, strict=True):
            setattr(totals, name, getattr(totals, name) + value)
        totals.present_per_week += present_per_week
        totals.hours += hours
        totals.norm_hours += norm_hours
    return totals


def totals_of(rows: list[NetworkFigures]) -> Totals:
    return totals_of_sums([row_sums(row) for row in rows])
