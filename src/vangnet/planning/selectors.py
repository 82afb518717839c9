"""Planning reads: settings, the rule's norm for a running network, hours against the norm."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from vangnet.networks.selectors import current_activities
from vangnet.participants.route import ACTIVE_STAGES, STEADY
from vangnet.participants.selectors import network_route_summary
from vangnet.planning.models import PlanningSettings, WorkerHours
from vangnet.planning.staffing import BASE_ACTIVITY_HOURS, Staffing, required_staffing

HOURS_WEEKS = 8


def planning_settings(organisation) -> PlanningSettings:
    """The organisation's planning settings; an unsaved default row when none exist yet."""
    row = PlanningSettings.objects.filter(organisation=organisation).first()
    return row or PlanningSettings(organisation=organisation)


@dataclass(frozen=True)
class NetworkFacts:
    """What the network looks like today, as input for the staffing rule."""

    taking_part: int  # acquainted, settling, steady or returned
    steady: int
    activity_hours: Decimal  # the longest current weekly activity
    activities: int  # weekly moments (activities side by side count once)


def network_facts(
    *,
    network,
    today: dt.date,
    stage_counts: dict[str, int] | None = None,
    activities: list | None = None,
) -> NetworkFacts:
    """Pass the network page's `stage_counts` (stage -> count) and current `activities` to
    save the queries; otherwise they are read."""
    if stage_counts is None:
        stage_counts = network_route_summary(network=network, today=today)["counts"]
    taking_part = sum(stage_counts.get(stage, 0) for stage in ACTIVE_STAGES)
    steady = stage_counts.get(STEADY, 0)
    if activities is None:
        activities = current_activities(network=network, today=today)
    moments = {(a.weekday, a.start_time) for a in activities}
    longest = max((a.duration_minutes for a in activities), default=150)
    return NetworkFacts(
        taking_part=taking_part,
        steady=steady,
        activity_hours=(Decimal(longest) / 60).quantize(Decimal("0.01")),
        activities=max(1, len(moments)),
    )


def network_norm(*, network, facts: NetworkFacts, threshold: int | None = None) -> Staffing:
    """The rule's hours a week for the network as it runs now."""
    if threshold is None:
        threshold = planning_settings(network.organisation).second_worker_above
    return required_staffing(
        participants=facts.taking_part,
        activity_hours=facts.activity_hours or BASE_ACTIVITY_HOURS,
        activities=facts.activities,
        second_worker_above=threshold,
    )


@dataclass(frozen=True)
class WeekHours:
    monday: dt.date
    hours: Decimal | None  # all workers together; None: nobody registered hours that week
    norm: Decimal

    @property
    def registered(self) -> bool:
        return self.hours is not None

    @property
    def below(self) -> bool:
        """Below the norm; a week without registered hours is unknown, never below."""
        return self.hours is not None and self.hours < self.norm

    @property
    def iso_week(self) -> int:
        return self.monday.isocalendar()[1]


def _mondays(today: dt.date, weeks: int) -> list[dt.date]:
    this_monday = today - dt.timedelta(days=today.weekday())
    return [this_monday - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def hours_against_norm(
    *, network, norm: Decimal, today: dt.date, weeks: int = HOURS_WEEKS
) -> list[WeekHours]:
    """Registered hours per ISO week (all workers) for the last `weeks` full weeks, oldest
    first, each with the norm. A week nobody registered has hours None (not 0: a registered
    0 is a week without work). The current week is left out (it is not over). One query."""
    mondays = _mondays(today, weeks + 1)[:-1]
    totals: dict[dt.date, Decimal] = {}
    for monday, hours in WorkerHours.objects.filter(
        network=network, week_start__gte=mondays[0], week_start__lte=mondays[-1]
    ).values_list("week_start", "hours"):
        totals[monday] = totals.get(monday, Decimal(0)) + hours
    return [WeekHours(monday=m, hours=totals.get(m), norm=norm) for m in mondays]


def worker_week_hours(*, network, worker, today: dt.date, weeks: int = HOURS_WEEKS):
    """The worker's own hours for the last `weeks` weeks including this one, newest first:
    a list of (monday, hours or None). One query."""
    mondays = _mondays(today, weeks)
    rows = dict(
        WorkerHours.objects.filter(
            network=network, worker=worker, week_start__gte=mondays[0]
        ).values_list("week_start", "hours")
    )
    return [(monday, rows.get(monday)) for monday in reversed(mondays)]
