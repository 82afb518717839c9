"""Reads for the network pages, each with a bounded number of queries.

Other apps may call: `network_rows_for_user`, `network_timeline`, `weekly_attendance`,
`network_activities`, `current_activities`, `network_page`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncWeek
from django.http import Http404

from vangnet.core.permissions import Cap, has_cap, network_for, visible_networks
from vangnet.networks.models import Activity, Network, PhaseTransition, Session
from vangnet.networks.phases import PhaseTimeline, network_phases
from vangnet.organisations.models import Location, Role, User
from vangnet.participants.followup_selectors import open_followups_for_network
from vangnet.participants.models import RouteStage
from vangnet.participants.selectors import network_route_map, network_route_summary

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation

ATTENDANCE_WEEKS = 26
# The method: with 15 steady participants about 10 are present in a typical week.
TYPICAL_PRESENT_SHARE = (10, 15)


def typical_present(target_core_size: int) -> int:
    """About two thirds of the steady core is present in a typical week (10 of 15)."""
    numerator, denominator = TYPICAL_PRESENT_SHARE
    return max(1, round(target_core_size * numerator / denominator))


def _ordered_transitions(network: Network) -> list[PhaseTransition]:
    return sorted(network.transitions.all(), key=lambda item: item.pk)


@dataclass(frozen=True)
class NetworkRow:
    network: Network
    timeline: PhaseTimeline


def network_rows_for_user(*, user: User, today: dt.date) -> list[NetworkRow]:
    """The networks the user may see, each with its phase timeline (two queries)."""
    networks = (
        visible_networks(user)
        .select_related("location", "lead_worker", "backup_worker")
        .prefetch_related("transitions")
    )
    return [
        NetworkRow(
            network=network,
            timeline=network_phases(
                network=network, on=today, transitions=_ordered_transitions(network)
            ),
        )
        for network in networks
    ]


def network_timeline(*, network: Network, today: dt.date) -> PhaseTimeline:
    transitions = list(PhaseTransition.objects.filter(network=network).order_by("id"))
    return network_phases(network=network, on=today, transitions=transitions)


def network_transitions(*, network: Network) -> list[PhaseTransition]:
    """Recorded transitions, newest first, with who recorded them."""
    return list(
        PhaseTransition.objects.filter(network=network)
        .select_related("recorded_by")
        .order_by("-date", "-id")
    )


# --------------------------------------------------------------------------- attendance


@dataclass(frozen=True)
class WeekAttendance:
    monday: dt.date
    sessions: int  # recorded sessions in the week
    present: int  # distinct participants present in the week

    @property
    def iso(self) -> tuple[int, int]:
        year, week, _ = self.monday.isocalendar()
        return year, week

    @property
    def label(self) -> str:
        return f"{self.iso[1]}"

    @property
    def has_session(self) -> bool:
        return self.sessions > 0


def weekly_attendance(
    *, network: Network, today: dt.date, weeks: int = ATTENDANCE_WEEKS
) -> list[WeekAttendance]:
    """Per ISO week of the last `weeks` weeks (up to today's week): the number of recorded
    sessions and of different participants present. One query, aggregated in SQL."""
    this_monday = today - dt.timedelta(days=today.weekday())
    first_monday = this_monday - dt.timedelta(weeks=weeks - 1)
    rows = (
        Session.objects.filter(
            network=network,
            recorded=True,
            date__gte=first_monday,
            date__lte=this_monday + dt.timedelta(days=6),
        )
        .annotate(week=TruncWeek("date"))
        .values("week")
        .annotate(
            sessions=Count("id", distinct=True),
            present=Count("attendances__participant", distinct=True),
        )
        .order_by("week")
    )
    by_week: dict[dt.date, tuple[int, int]] = {}
    for row in rows:
        week = row["week"]
        if isinstance(week, dt.datetime):
            week = week.date()
        by_week[week] = (row["sessions"], row["present"])
    result = []
    for index in range(weeks):
        monday = first_monday + dt.timedelta(weeks=index)
        sessions, present = by_week.get(monday, (0, 0))
        result.append(WeekAttendance(monday=monday, sessions=sessions, present=present))
    return result


# --------------------------------------------------------------------------- activities


def network_activities(*, network: Network) -> list[Activity]:
    """All activities of the network, current and past, with what they replaced."""
    return list(
        Activity.objects.filter(network=network)
        .select_related("replaces")
        .order_by("weekday", "start_time", "active_from", "id")
    )


def is_active(activity: Activity, day: dt.date) -> bool:
    return activity.active_from <= day and (
        activity.active_until is None or day <= activity.active_until
    )


def split_activities(activities: list[Activity], today: dt.date) -> dict[str, list[Activity]]:
    """current / coming / past, each in schedule order."""
    current, coming, past = [], [], []
    for activity in activities:
        if activity.active_from > today:
            coming.append(activity)
        elif is_active(activity, today):
            current.append(activity)
        else:
            past.append(activity)
    past.sort(key=lambda item: item.active_until or today, reverse=True)
    return {"current": current, "coming": coming, "past": past}


def current_activities(*, network: Network, today: dt.date) -> list[Activity]:
    return [
        activity for activity in network_activities(network=network) if is_active(activity, today)
    ]


def activity_get(*, network: Network, activity_id: int | str) -> Activity:
    """The activity of this network, or 404 (also for another network's activity)."""
    try:
        return Activity.objects.select_related("network", "replaces").get(
            network=network, pk=int(activity_id)
        )
    except (TypeError, ValueError, Activity.DoesNotExist) as exc:
        raise Http404 from exc


# --------------------------------------------------------------------------- form choices


def lead_worker_choices(*, organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(
        organisation=organisation, role=Role.SOCIAL_WORKER, is_active=True
    ).order_by("first_name", "last_name", "username")


def backup_worker_choices(*, organisation: Organisation) -> QuerySet[User]:
    return User.objects.filter(
        Q(role=Role.BACKUP_WORKER) | Q(role=Role.SOCIAL_WORKER),
        organisation=organisation,
        is_active=True,
    ).order_by("first_name", "last_name", "username")


def location_choices(*, organisation: Organisation) -> QuerySet[Location]:
    return Location.objects.filter(organisation=organisation).order_by("name")


# --------------------------------------------------------------------------- network page


def network_page(*, network: Network, user: User, today: dt.date) -> dict[str, Any]:
    """Everything the network page shows. The number of queries does not depend on the
    number of sessions or participants (tests/networks/test_network_views.py)."""
    transitions = network_transitions(network=network)
    timeline = network_phases(
        network=network, on=today, transitions=sorted(transitions, key=lambda item: item.pk)
    )
    routes = network_route_map(network=network, today=today)
    summary = network_route_summary(network=network, today=today, routes=routes)
    counts = summary.get("counts", {})
    route_counts = [
        {"stage": stage, "label": stage.label, "count": counts.get(stage.value, 0)}
        for stage in RouteStage
    ]
    can_followup = has_cap(user, Cap.MANAGE_FOLLOWUP)
    followups = open_followups_for_network(network=network) if can_followup else []
    activities = split_activities(network_activities(network=network), today)
    steady = int(summary.get("steady", 0))
    return {
        "timeline": timeline,
        "weeks": weekly_attendance(network=network, today=today),
        "route_counts": route_counts,
        "steady": steady,
        "target": network.target_core_size,
        "typical_present": typical_present(network.target_core_size),
        "followups": followups,
        "can_followup": can_followup,
        "activities": activities,
        "transitions": transitions,
        # Every participant's route, for the sections of other apps (the forecast's start).
        "participant_routes": routes,
    }


def network_with_people(
    *, user: User, network_id: int | str, cap: Cap = Cap.VIEW_NETWORK
) -> Network:
    """Like core.permissions.network_for, with the workers loaded in the same query."""
    return network_for(
        user,
        network_id,
        cap,
        related=("location", "lead_worker", "backup_worker", "organisation"),
    )
