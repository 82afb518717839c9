"""The staffing and budget rules of the method, as pure functions (no Django, no database).

Source: the handbook's *randvoorwaarden* and *kosten* (/work/shared/seeds/002_...txt, lines
236-266; summarised in docs/planning.md):

- "minimaal vier uur per week ... een groep van 15-20 deelnemers die wekelijks een
  activiteit, of twee gelijklopende activiteiten, uitvoeren die maximaal twee en een half uur
  duurt";
- "Als de activiteiten een uur langer duren, moet er een extra uur beschikbaar zijn";
- "Als er 20-25 deelnemers zijn, dan vraagt dit een half uur extra inzet ..., bij 25-30
  deelnemers is dat een uur. Boven de 30 deelnemers is er een tweede sociaal werker nodig";
- the cost section: "Als de groep groter wordt dan 20 deelnemers, zijn er twee sociaal
  werkers nodig" (the seeds disagree: the threshold is an organisation setting, default 30);
- "anderhalf jaar vier uur per week"; an activity budget of "gemiddeld duizend euro" for the
  intervention period; rent without an own location; a replacement during illness or long
  holidays.

Our readings where the seeds are silent (documented in docs/planning.md): activity time above
2.5 hours counts hour for hour (rounded up to half hours); every extra weekly activity at
another moment adds its own length; a second worker adds the minimum of 4 hours a week.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

BASE_HOURS = Decimal("4")
BASE_ACTIVITY_HOURS = Decimal("2.5")
SECOND_WORKER_HOURS = Decimal("4")
DEFAULT_SECOND_WORKER_ABOVE = 30  # preconditions; the cost section says 20
COST_SECTION_SECOND_WORKER_ABOVE = 20
INTERVENTION_WEEKS = 78  # 1.5 years
DEFAULT_ACTIVITY_BUDGET = Decimal("1000")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
HALF = Decimal("0.5")


def _half_hours_up(value: Decimal) -> Decimal:
    """Round up to a whole half hour."""
    if value <= 0:
        return Decimal(0)
    return (value * 2).to_integral_value(rounding=ROUND_CEILING) / 2


def size_extra_hours(participants: int) -> Decimal:
    """Extra hours a week for the group size: 20-25 +0.5 h, 25-30 (and above) +1 h.

    The bands are read as "up to and including": 20 participants is still 15-20, 21-25 adds
    half an hour, 26 and more add an hour."""
    if participants > 25:
        return Decimal(1)
    if participants > 20:
        return HALF
    return Decimal(0)


@dataclass(frozen=True)
class Staffing:
    """What the rule asks for one network, per week."""

    participants: int
    activity_hours: Decimal
    activities: int
    base_hours: Decimal
    activity_extra_hours: Decimal  # for activities longer than 2.5 h and extra moments
    size_extra_hours: Decimal
    second_worker: bool
    second_worker_hours: Decimal
    second_worker_above: int

    @property
    def first_worker_hours(self) -> Decimal:
        return self.base_hours + self.activity_extra_hours + self.size_extra_hours

    @property
    def hours_per_week(self) -> Decimal:
        """All social-worker hours a week for the network (both workers together)."""
        return self.first_worker_hours + self.second_worker_hours

    @property
    def workers(self) -> int:
        return 2 if self.second_worker else 1


def required_staffing(
    *,
    participants: int,
    activity_hours: Decimal | float | int = BASE_ACTIVITY_HOURS,
    activities: int = 1,
    second_worker_above: int = DEFAULT_SECOND_WORKER_ABOVE,
) -> Staffing:
    """The social-worker hours a week the method asks for a network.

    `participants`: the expected number of participants (steady core plus newcomers);
    `activity_hours`: the length of one weekly activity in hours (two activities side by side
    count as one); `activities`: weekly activities at different moments (at least 1);
    `second_worker_above`: the organisation's threshold for a second social worker.
    Never raises for non-negative input; negative values count as zero.
    """
    participants = max(0, int(participants))
    activities = max(1, int(activities))
    length = max(Decimal(0), Decimal(str(activity_hours)))
    threshold = max(0, int(second_worker_above))
    longer = _half_hours_up(length - BASE_ACTIVITY_HOURS)
    # Each extra weekly moment: the worker is there for its whole length (rounded up).
    more_moments = (activities - 1) * _half_hours_up(length)
    second = participants > threshold
    return Staffing(
        participants=participants,
        activity_hours=length,
        activities=activities,
        base_hours=BASE_HOURS,
        activity_extra_hours=longer + more_moments,
        size_extra_hours=size_extra_hours(participants),
        second_worker=second,
        second_worker_hours=SECOND_WORKER_HOURS if second else Decimal(0),
        second_worker_above=threshold,
    )


@dataclass(frozen=True)
class Budget:
    """The plan for the intervention period, for a funding application."""

    staffing: Staffing
    weeks: int
    worker_hours: Decimal  # hours a week x weeks
    replacement_weeks: int
    replacement_hours: Decimal  # the cover: hours a week x weeks of cover
    hourly_rate: Decimal  # EUR per worker hour, 0 when not given
    activity_budget: Decimal
    rent_per_month: Decimal
    rent_total: Decimal

    @property
    def total_hours(self) -> Decimal:
        return self.worker_hours + self.replacement_hours

    @property
    def staff_cost(self) -> Decimal:
        return (self.total_hours * self.hourly_rate).quantize(Decimal("0.01"))

    @property
    def total_cost(self) -> Decimal:
        return self.staff_cost + self.activity_budget + self.rent_total


def plan_budget(
    *,
    staffing: Staffing,
    weeks: int = INTERVENTION_WEEKS,
    activity_budget: Decimal = DEFAULT_ACTIVITY_BUDGET,
    own_location: bool = True,
    rent_per_month: Decimal = Decimal(0),
    replacement_weeks: int = 0,
    hourly_rate: Decimal = Decimal(0),
) -> Budget:
    """Hours and costs over `weeks` (default 78 weeks = 1.5 years).

    Rent counts only without an own location, per month over the period (weeks / 52 x 12,
    rounded up to whole months). Replacement cover: the weekly hours for each week a
    replacement takes over during illness or long holidays (the regular worker's hours are
    still paid, so they come on top)."""
    weeks = max(0, int(weeks))
    replacement_weeks = max(0, int(replacement_weeks))
    per_week = staffing.hours_per_week
    months = math.ceil(Decimal(weeks) / WEEKS_PER_MONTH) if weeks else 0
    rent = Decimal(0) if own_location else max(Decimal(0), Decimal(rent_per_month))
    return Budget(
        staffing=staffing,
        weeks=weeks,
        worker_hours=per_week * weeks,
        replacement_weeks=replacement_weeks,
        replacement_hours=per_week * replacement_weeks,
        hourly_rate=max(Decimal(0), Decimal(hourly_rate)),
        activity_budget=max(Decimal(0), Decimal(activity_budget)),
        rent_per_month=rent,
        rent_total=rent * months,
    )
