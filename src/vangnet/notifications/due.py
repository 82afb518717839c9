"""Which reminders are due today: one function per kind, each returning `Due` items
(recipient, kind, a stable key for the due item, the page to link to).

The key names the item, not the day, so the same item is reminded of once: a week's
session, a follow-up task, a network's evaluation moment, an interview on its date, a
network behind plan per month, a checklist since its last assessment."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from vangnet.interviews.models import Interview, InterviewStatus
from vangnet.network_evaluation.models import ChecklistAssessment, NetworkEvaluation
from vangnet.network_evaluation.moments import next_moment
from vangnet.network_evaluation.selectors import network_moments
from vangnet.networks.models import PHASE_ORDER, Network, Phase, PhaseTransition, Session
from vangnet.networks.phases import PLANNED_PHASES, PhaseTimeline, network_phases
from vangnet.networks.selectors import is_active
from vangnet.notifications.kinds import ReminderKind
from vangnet.notifications.models import ReminderSettings
from vangnet.organisations.models import Organisation, Role, User
from vangnet.participants.models import FollowUpStatus, FollowUpTask
from vangnet.stakeholders.selectors import overdue_agreement_dates


@dataclass(frozen=True)
class Due:
    user_id: int
    kind: str
    key: str
    path: str


def rules_for(organisation: Organisation) -> ReminderSettings:
    found = ReminderSettings.objects.filter(organisation=organisation).first()
    return found or ReminderSettings(organisation=organisation)


def rules_for_id(organisation_id: int) -> ReminderSettings:
    """`rules_for` without reading the organisation itself (one query)."""
    found = ReminderSettings.objects.filter(organisation_id=organisation_id).first()
    return found or ReminderSettings(organisation_id=organisation_id)


def sessions_unrecorded(networks: list[Network], rules, today: dt.date) -> Iterator[Due]:
    """From the chosen weekday on: a network with an activity this week and no recorded
    session this week reminds its lead worker."""
    if today.weekday() < rules.session_weekday:
        return
    week_start = today - dt.timedelta(days=today.weekday())
    recorded = set(
        Session.objects.filter(
            network__in=networks, recorded=True, date__gte=week_start, date__lte=today
        ).values_list("network_id", flat=True)
    )
    for network in networks:
        if network.pk in recorded or network.start_date > today:
            continue
        if not any(is_active(activity, today) for activity in network.activities.all()):
            continue
        yield Due(
            network.lead_worker_id,
            ReminderKind.SESSION_UNRECORDED,
            f"week:{network.pk}:{week_start.isoformat()}",
            reverse("networks:session_current", args=[network.pk]),
        )


def followups_open(networks: list[Network], rules, today: dt.date) -> Iterator[Due]:
    tasks = FollowUpTask.objects.filter(
        network__in=networks,
        status=FollowUpStatus.OPEN,
        created_on__lte=today - dt.timedelta(days=rules.followup_days),
    ).values_list("pk", "assigned_to_id", "network__lead_worker_id")
    for pk, assigned_to_id, lead_id in tasks:
        yield Due(
            assigned_to_id or lead_id,
            ReminderKind.FOLLOWUP_OPEN,
            f"followup:{pk}",
            reverse("participants:followups"),
        )


def _planned_phase(timeline: PhaseTimeline, on: dt.date) -> Phase | None:
    planned = None
    for span in timeline.spans:
        if span.phase in (*PLANNED_PHASES, Phase.EVALUATION) and span.planned_start is not None:
            if span.planned_start <= on:
                planned = span.phase
    return planned


def network_checks(
    networks: list[Network], coordinators: list[int], rules, today: dt.date
) -> Iterator[Due]:
    """Per network: the evaluation moment (announced to the lead worker, due for the
    coordinators), being behind the phase plan, and a checklist that is due. Three queries
    however many networks (their transitions, held evaluations and checklists)."""
    transitions: dict[int, list[PhaseTransition]] = defaultdict(list)
    for transition in PhaseTransition.objects.filter(network__in=networks).order_by("id"):
        transitions[transition.network_id].append(transition)
    held_by_network: dict[int, set[str]] = defaultdict(set)
    for network_id, moment_key in (
        NetworkEvaluation.objects.filter(network__in=networks)
        .order_by()
        .values_list("network_id", "moment")
    ):
        held_by_network[network_id].add(moment_key)
    last_checklist: dict[int, tuple[int, dt.date]] = {}
    for pk, network_id, date in ChecklistAssessment.objects.filter(
        network__in=networks
    ).values_list("pk", "network_id", "date"):
        if network_id not in last_checklist or date >= last_checklist[network_id][1]:
            last_checklist[network_id] = (pk, date)
    for network in networks:
        if network.start_date > today:
            continue
        overview = reverse("network_evaluation:overview", args=[network.pk])
        # as networks.selectors.network_timeline and network_evaluation's held_keys
        timeline = network_phases(network=network, on=today, transitions=transitions[network.pk])
        held = held_by_network[network.pk]
        moment = next_moment(
            network_moments(network=network, today=today, timeline=timeline, held=held), held
        )
        if moment is not None:
            if today <= moment.due <= today + dt.timedelta(days=rules.moment_notice_days):
                yield Due(
                    network.lead_worker_id,
                    ReminderKind.MOMENT_ANNOUNCED,
                    f"moment:{network.pk}:{moment.key}",
                    overview,
                )
            if moment.due <= today:
                for user_id in coordinators:
                    yield Due(
                        user_id,
                        ReminderKind.MOMENT_DUE,
                        f"moment:{network.pk}:{moment.key}",
                        overview,
                    )
        planned = _planned_phase(timeline, today)
        actual = PHASE_ORDER.index(timeline.current) if timeline.current else -1
        if planned is not None and actual < PHASE_ORDER.index(planned):
            for user_id in coordinators:
                yield Due(
                    user_id,
                    ReminderKind.NETWORK_BEHIND,
                    f"behind:{network.pk}:{today:%Y-%m}",
                    reverse("networks:detail", args=[network.pk]),
                )
        last = last_checklist.get(network.pk)
        since = last[1] if last else network.start_date
        if since <= today - dt.timedelta(days=rules.checklist_days):
            for user_id in coordinators:
                yield Due(
                    user_id,
                    ReminderKind.CHECKLIST_DUE,
                    f"checklist:{network.pk}:{last[0] if last else 0}",
                    overview,
                )


def interviews_tomorrow(organisation: Organisation, today: dt.date) -> Iterator[Due]:
    tomorrow = today + dt.timedelta(days=1)
    for pk, interviewer_id, planned_at in Interview.objects.filter(
        organisation=organisation,
        status=InterviewStatus.PLANNED,
        planned_at__date__gte=today,
        planned_at__date__lte=tomorrow + dt.timedelta(days=1),
    ).values_list("pk", "interviewer_id", "planned_at"):
        if timezone.localtime(planned_at).date() == tomorrow:
            yield Due(
                interviewer_id,
                ReminderKind.INTERVIEW_TOMORROW,
                f"interview:{pk}:{tomorrow.isoformat()}",
                reverse("interviews:detail", args=[pk]),
            )


def agreements_overdue(
    organisation: Organisation, coordinators: list[int], today: dt.date
) -> Iterator[Due]:
    """An open agreement from a meeting with parties whose due date has passed: its
    coordinators, once per agreement and due date (a new date that passes again reminds
    again)."""
    path = reverse("stakeholders:agreements")
    for pk, due_date in overdue_agreement_dates(organisation_id=organisation.pk, today=today):
        for user_id in coordinators:
            yield Due(user_id, ReminderKind.AGREEMENT_OVERDUE, f"agreement:{pk}:{due_date}", path)


def due_items(*, today: dt.date) -> list[Due]:
    found: list[Due] = []
    for organisation in Organisation.objects.order_by("pk"):
        rules = rules_for(organisation)
        networks = list(
            Network.objects.filter(organisation=organisation).prefetch_related("activities")
        )
        coordinators = list(
            User.objects.filter(
                organisation=organisation, role=Role.COORDINATOR, is_active=True
            ).values_list("pk", flat=True)
        )
        parts: Iterable[Iterable[Due]] = (
            sessions_unrecorded(networks, rules, today),
            followups_open(networks, rules, today),
            network_checks(networks, coordinators, rules, today),
            interviews_tomorrow(organisation, today),
            agreements_overdue(organisation, coordinators, today),
        )
        for part in parts:
            found.extend(item for item in part if item.user_id is not None)
    return found
