"""A network's annual report (jaarverslag): the year in figures, for the group itself.

Public: `network_annual_report(*, network, year, today) -> AnnualReport` and
`report_years(*, network, today) -> list[int]`. A fixed number of queries. No names of
individuals: every figure is a count, an average or a list of activity and task names.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.networks.selectors import network_activities, network_timeline
from vangnet.participants.selectors import network_route_summary
from vangnet.support.measures import network_measures
from vangnet.support.models import SupportType


@dataclass
class Milestone:
    date: dt.date | None
    text: str


@dataclass
class AnnualReport:
    network_name: str
    year: int
    start: dt.date
    end: dt.date  # the last day counted (31 December, or today in the current year)
    sessions: int
    visits: int
    average_present: float | None
    best_attendance: int
    people: int  # different people who came at least once
    newcomers: int  # first visit ever in this year
    steady_end: int
    target_core_size: int
    activities: list[str]
    contributions: int
    contribution_tasks: list[tuple[str, int]]
    phase_end: str | None
    phases_started: list[tuple[str, dt.date]]
    ties: int
    ties_per_type: list[tuple[str, int]]
    reciprocity: float | None  # percentage of support relations that go both ways
    months: list[tuple[str, int, float | None]]  # (month, sessions, average present)
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """Is the year not over yet (figures up to today)?"""
        return self.end < dt.date(self.year, 12, 31)


def report_years(*, network, today: dt.date) -> list[int]:
    """The years the network existed, newest first."""
    first = min(network.start_date.year, today.year)
    return list(range(today.year, first - 1, -1))


def network_annual_report(*, network, year: int, today: dt.date) -> AnnualReport:
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), today)
    sessions = list(
        Session.objects.filter(network=network, recorded=True, date__gte=start, date__lte=end)
        .annotate(present=Count("attendances"))
        .order_by("date")
        .values_list("date", "present")
    )
    visits = sum(present for _day, present in sessions)
    in_year = Q(session__date__gte=start, session__date__lte=end)
    firsts = (
        Attendance.objects.filter(session__network=network, session__date__lte=end)
        .values("participant_id")
        .annotate(first=Min("session__date"), here=Count("id", filter=in_year))
        .values_list("first", "here")
    )
    people = newcomers = 0
    for first, here in firsts:
        if here:
            people += 1
            if first >= start:
                newcomers += 1
    contributions = Counter(
        dict(
            Contribution.objects.filter(
                session__network=network, session__date__gte=start, session__date__lte=end
            )
            .values("task")
            .annotate(n=Count("id"))
            .values_list("task", "n")
        )
    )
    activities = [
        activity.name
        for activity in network_activities(network=network)
        if activity.active_from <= end
        and (activity.active_until is None or activity.active_until >= start)
    ]
    timeline = network_timeline(network=network, today=end) if end >= start else None
    phase_end = None
    phases_started: list[tuple[str, dt.date]] = []
    if timeline is not None:
        current = timeline.current_span
        phase_end = current.label if current else None
        for span in timeline.spans:
            if span.started and span.actual_start and start <= span.actual_start <= end:
                phases_started.append((span.label, span.actual_start))
    summary = network_route_summary(network=network, today=end)
    measures = network_measures(network=network, start=start, end=end)
    labels = dict(SupportType.choices)
    per_type = [(str(labels[t]), measures.ties_per_type.get(t, 0)) for t in labels]

    months = []
    for month in range(1, 13):
        mine = [present for day, present in sessions if day.month == month]
        average = round(sum(mine) / len(mine), 1) if mine else None
        months.append((date_format(dt.date(year, month, 1), "M"), len(mine), average))

    report = AnnualReport(
        network_name=network.name,
        year=year,
        start=start,
        end=end,
        sessions=len(sessions),
        visits=visits,
        average_present=round(visits / len(sessions), 1) if sessions else None,
        best_attendance=max((present for _d, present in sessions), default=0),
        people=people,
        newcomers=newcomers,
        steady_end=summary["steady"],
        target_core_size=network.target_core_size,
        activities=activities,
        contributions=sum(contributions.values()),
        contribution_tasks=contributions.most_common(8),
        phase_end=phase_end,
        phases_started=phases_started,
        ties=measures.tie_count,
        ties_per_type=per_type,
        reciprocity=(
            round(100 * measures.reciprocity) if measures.reciprocity is not None else None
        ),
        months=months,
    )
    report.milestones = _milestones(report, network, sessions)
    return report


def _milestones(report: AnnualReport, network, sessions) -> list[Milestone]:
    found: list[Milestone] = []
    if report.start <= network.start_date <= report.end:
        found.append(Milestone(network.start_date, _("Het vangnetwerk is begonnen.")))
    if sessions:
        found.append(Milestone(sessions[0][0], _("De eerste bijeenkomst van het jaar.")))
        best_day = next(day for day, present in sessions if present == report.best_attendance)
        found.append(
            Milestone(
                best_day,
                _("De drukste bijeenkomst: %(n)s mensen waren er.") % {"n": report.best_attendance},
            )
        )
    for label, day in report.phases_started:
        found.append(Milestone(day, _("Een nieuwe fase begon: %(phase)s.") % {"phase": label}))
    if report.steady_end >= report.target_core_size:
        found.append(
            Milestone(
                None,
                _("Aan het eind van het jaar was de vaste kern %(n)s mensen: het doel is gehaald.")
                % {"n": report.steady_end},
            )
        )
    if report.reciprocity:
        found.append(Milestone(None, _("Mensen steunen elkaar over en weer.")))
    return sorted(found, key=lambda m: (m.date is None, m.date or report.end))
