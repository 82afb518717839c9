"""Reads of participant data. Every function is scoped through vangnet.core.permissions
or takes an object the caller already obtained through it.

Routes are derived by the pure function in participants/route.py; the functions here load
the facts for many participants at once in a fixed number of queries (never one query per
participant) and call it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Max, Q

from vangnet.core.permissions import visible_participants
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.participants.models import (
    FollowUpStatus,
    FollowUpTask,
    Participant,
    ReferralPartner,
    RouteEvent,
    RouteStage,
)
from vangnet.participants.route import (
    DROPPED_OUT,
    REFERRED_ON,
    RecordedEvent,
    Route,
    RouteRules,
    derive_route,
)
from vangnet.participants.route_cache import cache_seconds, cached_routes

FEW_PEOPLE = 20


def route_rules(organisation) -> RouteRules:
    """The organisation's method rules as the route function takes them."""
    return RouteRules.from_organisation(organisation)


def _attach_routes(
    people: list[Participant], *, rules: RouteRules, today: dt.date
) -> dict[int, Route]:
    """Derive the route of every participant in `people` in three queries (sessions,
    attendance, recorded events) and set it as `participant.route`."""
    if not people:
        return {}
    ids = {p.pk for p in people}
    network_ids = sorted({p.network_id for p in people})
    if len(ids) <= FEW_PEOPLE:  # a few people: their own rows by id
        who = Q(participant_id__in=sorted(ids))
    else:
        who = Q(participant__network_id__in=network_ids)

    sessions: dict[int, list[dt.date]] = defaultdict(list)
    for network_id, day in Session.objects.filter(
        network_id__in=network_ids, recorded=True, date__lte=today
    ).values_list("network_id", "date"):
        sessions[network_id].append(day)

    attended: dict[int, list[dt.date]] = defaultdict(list)
    for participant_id, day in Attendance.objects.filter(who, session__date__lte=today).values_list(
        "participant_id", "session__date"
    ):
        if participant_id in ids:
            attended[participant_id].append(day)

    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for row in RouteEvent.objects.filter(who, date__lte=today).values_list(
        "participant_id", "id", "stage", "date", "reason", "dropout_reason", "referred_to"
    ):
        participant_id, pk, stage, day, reason, dropout_reason, referred_to = row
        if participant_id in ids:
            events[participant_id].append(
                RecordedEvent(
                    stage=stage,
                    date=day,
                    reason=reason,
                    dropout_reason=dropout_reason,
                    referred_to=referred_to,
                    id=pk,
                )
            )

    routes = {}
    for person in people:
        route = derive_route(
            invited_on=person.invited_on,
            session_dates=sessions.get(person.network_id, ()),
            attended_dates=attended.get(person.pk, ()),
            events=events.get(person.pk, ()),
            rules=rules,
            today=today,
        )
        person.route = route
        routes[person.pk] = route
    return routes


def participant_route(*, participant: Participant, today: dt.date) -> Route:
    """The route of one participant (at most four queries)."""
    rules = route_rules(participant.organisation)
    return _attach_routes([participant], rules=rules, today=today)[participant.pk]


def network_route_map(*, network, today: dt.date) -> dict[int, Route]:
    """Per participant id, the route of every participant of the network, from the cache
    while the network's facts are unchanged (participants/route_cache.py: one query on a
    hit; no participant is loaded)."""
    rules = route_rules(network.organisation)

    def derive() -> dict[int, Route]:
        people = Participant.objects.filter(network=network).only("id", "network", "invited_on")
        return _attach_routes(list(people), rules=rules, today=today)

    return cached_routes(network=network, rules=rules, today=today, derive=derive)


def network_routes(*, network, today: dt.date, cached: bool = True) -> list[Participant]:
    """Every participant of the network, ordered by name, each with `.route` set.

    With `cached` the routes come from `network_route_map`. Bulk readers that visit every
    network once (exports) pass `cached=False`, so they do not push the pages' entries out
    of the cache."""
    people = list(Participant.objects.filter(network=network).order_by("display_name", "id"))
    if cached and cache_seconds() > 0:
        routes = network_route_map(network=network, today=today)
        if all(person.pk in routes for person in people):
            for person in people:
                person.route = routes[person.pk]
            return people
    _attach_routes(people, rules=route_rules(network.organisation), today=today)
    return people


def network_route_summary(
    *, network, today: dt.date, routes: dict[int, Route] | None = None
) -> dict[str, Any]:
    """Route figures of a network: how many participants are in each stage now.

    Returns {"counts": {stage: int for every RouteStage}, "steady": int,
    "routes": {participant_id: current stage}}. A fixed number of queries; none when the
    caller passes the network's `routes` (`network_route_map`).
    """
    if routes is None:
        routes = network_route_map(network=network, today=today)
    counts = {stage.value: 0 for stage in RouteStage}
    stages = {}
    for participant_id, route in routes.items():
        counts[route.current] += 1
        stages[participant_id] = route.current
    return {"counts": counts, "steady": counts[RouteStage.STEADY], "routes": stages}


ENDING_STAGES = frozenset({DROPPED_OUT, REFERRED_ON})


def followup_candidates(
    *, network, today: dt.date, missed_needed: int, settled: Callable[[int, dt.date | None], bool]
) -> list[Participant]:
    """The participants who may be due a follow-up task (steady, and absent from the last
    `missed_needed` recorded sessions), each with `.route` set as of `today`.

    Found in three queries without deriving any route: a steady route ends in a derived
    dropout `dropout_after_weeks` after the last visit or recorded event, so only people
    with a visit or event since then can be steady, unless their latest event (with no visit
    on or after its day) recorded a dropout or referral; and only people without a visit
    since the `missed_needed`-th latest recorded session have missed that many in a row. People
    for whom `settled(participant_id, last_visit)` is true (the caller's tasks already
    cover them; `last_visit` is None when only a recorded event made them a candidate) are
    left out; the routes of the rest are derived in full (tests/participants/
    test_followups.py compares the answer with deriving every route of the network)."""
    missed_needed = max(1, int(missed_needed))
    nth = list(
        Session.objects.filter(network=network, recorded=True, date__lte=today)
        .order_by("-date", "-id")
        .values_list("date", flat=True)[missed_needed - 1 : missed_needed]
    )
    if not nth:
        return []  # fewer recorded sessions than that: nobody missed them all
    rules = route_rules(network.organisation).normalised()
    since = nth[0]
    cutoff = today - dt.timedelta(weeks=rules.dropout_after_weeks)
    last_visit: dict[int, dt.date] = {}
    came = set()
    # Marks are read through the network's sessions: a mark's participant is always of the
    # session's network, and the session index makes this a small read.
    for participant_id, day in Attendance.objects.filter(
        session__network=network, session__date__range=(min(cutoff, since), today)
    ).values_list("participant_id", "session__date"):
        if day > cutoff:  # on the cutoff day itself the route has just dropped out
            last_visit[participant_id] = max(day, last_visit.get(participant_id, day))
        if day >= since:
            came.add(participant_id)
    # Per person with a recent recorded event: the day of the latest, and whether every
    # event of that day ends taking part (a recorded dropout or referral). Such a route
    # stays ended until the next visit (no timer runs outside the active stages).
    latest_event: dict[int, tuple[dt.date, bool]] = {}
    for participant_id, stage, day in RouteEvent.objects.filter(
        participant__network=network, date__gt=cutoff, date__lte=today
    ).values_list("participant_id", "stage", "date"):
        ends = stage in ENDING_STAGES
        known = latest_event.get(participant_id)
        if known is None or day > known[0]:
            latest_event[participant_id] = (day, ends)
        elif day == known[0]:
            latest_event[participant_id] = (day, known[1] and ends)

    def ended(pk: int) -> bool:
        day, ends = latest_event.get(pk, (None, False))
        visit = last_visit.get(pk)
        return ends and (visit is None or visit < day)

    recent = set(last_visit) | set(latest_event)
    candidates = {
        pk for pk in recent - came if not ended(pk) and not settled(pk, last_visit.get(pk))
    }
    if not candidates:
        return []
    people = list(Participant.objects.filter(network=network, pk__in=candidates).order_by("id"))
    _attach_routes(people, rules=rules, today=today)
    return people


def session_screen_hidden(route: Route, *, on: dt.date, rules: RouteRules) -> bool:
    """Has this route ended for the session screen? Referred on, or recorded (or confirmed)
    as dropped out more than dropout_after_weeks ago. Derived dropouts stay visible."""
    step = route.current_step
    if step.stage == RouteStage.REFERRED_ON:
        return True
    if step.stage != RouteStage.DROPPED_OUT:
        return False
    recorded_on = step.confirmed_on or (step.start if step.recorded else None)
    if recorded_on is None:
        return False
    weeks = max(1, rules.dropout_after_weeks)
    return (on - recorded_on).days > 7 * weeks


def participants_for_session_screen(*, network, on: dt.date) -> list[Participant]:
    """The participants to show on the session screen of `on`, ordered by name, each with
    `.route` (derived as of `on`). Hidden: referred on, and recorded dropouts of longer
    than dropout_after_weeks ago. Derived dropouts stay, so they can be marked present."""
    rules = route_rules(network.organisation).normalised()
    people = network_routes(network=network, today=on)
    return [p for p in people if not session_screen_hidden(p.route, on=on, rules=rules)]


def open_followups_for_network(*, network) -> list[FollowUpTask]:
    """Open follow-up tasks of a network, oldest first."""
    return list(
        FollowUpTask.objects.filter(network=network, status=FollowUpStatus.OPEN)
        .select_related("participant", "assigned_to")
        .order_by("created_on", "id")
    )


def open_followups_for_user(*, user) -> list[FollowUpTask]:
    """Open follow-up tasks for the participants this user may see, oldest first."""
    return list(
        FollowUpTask.objects.filter(
            status=FollowUpStatus.OPEN, participant__in=visible_participants(user)
        )
        .select_related("participant", "network")
        .order_by("created_on", "id")
    )


def _last_visits(participant_ids: Iterable[int]) -> dict[int, dt.date]:
    return dict(
        Attendance.objects.filter(participant_id__in=list(participant_ids))
        .values("participant_id")
        .annotate(last=Max("session__date"))
        .values_list("participant_id", "last")
    )


def followups_for_user(*, user, today: dt.date, closed_days: int = 30) -> dict[str, list]:
    """Open tasks (each with `.last_visit`: seen since the task was made?) and the tasks
    closed in the last `closed_days` days, for the participants this user may see."""
    tasks = FollowUpTask.objects.filter(participant__in=visible_participants(user))
    open_tasks = list(
        tasks.filter(status=FollowUpStatus.OPEN)
        .select_related("participant", "network", "assigned_to")
        .order_by("created_on", "id")
    )
    closed = list(
        tasks.filter(
            status=FollowUpStatus.DONE, closed_on__gte=today - dt.timedelta(days=closed_days)
        )
        .select_related("participant", "network", "closed_by")
        .order_by("-closed_on", "-id")
    )
    last = _last_visits(task.participant_id for task in open_tasks)
    for task in open_tasks:
        task.last_visit = last.get(task.participant_id)
        task.seen_since = bool(
            task.last_visit and (task.last_seen_on is None or task.last_visit > task.last_seen_on)
        )
    return {"open": open_tasks, "closed": closed}


def followup_for_user(*, user, task_id) -> FollowUpTask | None:
    """One follow-up task of a participant the user may see, or None."""
    try:
        task_id = int(task_id)
    except (TypeError, ValueError):
        return None
    return (
        FollowUpTask.objects.filter(pk=task_id, participant__in=visible_participants(user))
        .select_related("participant", "network", "assigned_to", "closed_by")
        .first()
    )


def participant_detail(*, participant: Participant, today: dt.date) -> dict[str, Any]:
    """Everything the participant page shows, in a fixed number of queries."""
    participant = (
        Participant.objects.select_related(
            "network", "organisation", "referral_partner", "invited_by"
        )
        .filter(pk=participant.pk)
        .first()
    )
    route = participant_route(participant=participant, today=today)
    contributions = list(
        Contribution.objects.filter(participant=participant)
        .select_related("session")
        .order_by("-session__date", "task")[:100]
    )
    contribution_counts = list(
        Contribution.objects.filter(participant=participant)
        .values("task")
        .annotate(n=Count("id"))
        .order_by("-n", "task")[:12]
    )
    return {
        "participant": participant,
        "route": route,
        "contributions": contributions,
        "contribution_counts": contribution_counts,
        "followups": list(
            participant.followup_tasks.filter(status=FollowUpStatus.OPEN).order_by("created_on")
        ),
        "invitees": list(participant.invitees.order_by("display_name").only("display_name")),
    }


def network_participants(*, network, today: dt.date) -> list[Participant]:
    """The participant list of a network, with routes, ordered by name."""
    people = list(
        Participant.objects.filter(network=network)
        .select_related("referral_partner")
        .order_by("display_name", "id")
    )
    _attach_routes(people, rules=route_rules(network.organisation), today=today)
    return people


def organisation_partners(*, organisation):
    return ReferralPartner.objects.filter(organisation=organisation).order_by("name")


def partner_for(*, organisation, partner_id) -> ReferralPartner | None:
    try:
        partner_id = int(partner_id)
    except (TypeError, ValueError):
        return None
    return organisation_partners(organisation=organisation).filter(pk=partner_id).first()


def partner_summary(*, organisation, today: dt.date) -> list[ReferralPartner]:
    """The organisation's partners, each with `.referred` (people who came in through this
    partner), `.became_steady` (of whom ever reached steady) and `.steady_now`.
    A fixed number of queries, whatever the number of participants."""
    partners = list(organisation_partners(organisation=organisation))
    people = list(
        Participant.objects.filter(organisation=organisation, referral_partner__isnull=False)
    )
    _attach_routes(people, rules=route_rules(organisation), today=today)
    by_partner: dict[int, list[Participant]] = defaultdict(list)
    for person in people:
        by_partner[person.referral_partner_id].append(person)
    for partner in partners:
        mine = by_partner.get(partner.pk, [])
        partner.referred = len(mine)
        partner.became_steady = sum(1 for p in mine if p.route.ever_steady)
        partner.steady_now = sum(1 for p in mine if p.route.current == RouteStage.STEADY)
    return partners


def network_participant_choices(*, network, exclude_id: int | None = None):
    """Participants of the same network (for 'invited by')."""
    people = Participant.objects.filter(network=network).order_by("display_name", "id")
    if exclude_id is not None:
        people = people.exclude(pk=exclude_id)
    return people
