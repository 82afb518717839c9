"""Reads for the dropout follow-up: who may be due a task after a save, and the open and
recently closed tasks a user or a network sees. Scoped through vangnet.core.permissions or
given an object the caller already obtained through it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import Max

from vangnet.core.permissions import visible_participants
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session
from vangnet.participants.followup_facts import FollowupFacts, followup_facts
from vangnet.participants.followup_rule import Absences, count_absences
from vangnet.participants.models import FollowUpStatus, FollowUpTask, Participant
from vangnet.participants.route import DROPPED_OUT, REFERRED_ON, Route
from vangnet.participants.route_cache import kept_routes
from vangnet.participants.selectors import attach_routes, network_route_deriver, route_rules

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.organisations.models import User

ENDING_STAGES = frozenset({DROPPED_OUT, REFERRED_ON})


def followup_candidates(
    *,
    network: Network,
    today: dt.date,
    missed_needed: int,
    settled: Callable[[int, dt.date | None], bool],
    facts: FollowupFacts | None = None,
) -> list[Participant]:
    """The participants who may be due a follow-up task (steady, and absent from the last
    `missed_needed` recorded sessions), each with `.route` set as of `today`.

    Found in one query (`candidate_facts`, or `facts` the caller read with it for the same
    network, day and `missed_needed`) without deriving any route: a steady route ends in a
    derived dropout `dropout_after_weeks` after the last visit or recorded event, so only people
    with a visit or event since then can be steady, unless their latest event (with no visit
    on or after its day) recorded a dropout or referral; and only people without a visit
    since the `missed_needed`-th latest recorded session have missed that many in a row. People
    for whom `settled(participant_id, last_visit)` is true (the caller's tasks already
    cover them; `last_visit` is None when only a recorded event made them a candidate) are
    left out; the routes of the rest are derived in full (tests/participants/
    test_followups.py compares the answer with deriving every route of the network)."""
    missed_needed = max(1, int(missed_needed))
    if facts is None:
        facts = candidate_facts(network=network, today=today, missed_needed=missed_needed)
    if facts.nth is None:
        return []  # fewer recorded sessions than that: nobody missed them all
    rules = route_rules(network.organisation).normalised()
    since, cutoff = facts.nth, facts.cutoff
    last_visit: dict[int, dt.date] = {}
    came = set()
    # Marks are read through the network's sessions (a mark's participant is always of the
    # session's network), from the earlier of the cutoff and `since` (followup_facts).
    for participant_id, day in facts.visits:
        if day > cutoff:  # on the cutoff day itself the route has just dropped out
            last_visit[participant_id] = max(day, last_visit.get(participant_id, day))
        if day >= since:
            came.add(participant_id)
    # Per person with a recent recorded event: the day of the latest, and whether every
    # event of that day ends taking part (a recorded dropout or referral). Such a route
    # stays ended until the next visit (no timer runs outside the active stages).
    latest_event: dict[int, tuple[dt.date, bool]] = {}
    for participant_id, stage, day in facts.events:
        ends = stage in ENDING_STAGES
        known = latest_event.get(participant_id)
        if known is None or day > known[0]:
            latest_event[participant_id] = (day, ends)
        elif day == known[0]:
            latest_event[participant_id] = (day, known[1] and ends)

    def ended(pk: int) -> bool:
        day, ends = latest_event.get(pk, (None, False))
        visit = last_visit.get(pk)
        return ends and (visit is None or (day is not None and visit < day))

    recent = set(last_visit) | set(latest_event)
    candidates = {
        pk for pk in recent - came if not ended(pk) and not settled(pk, last_visit.get(pk))
    }
    if not candidates:
        return []
    people = list(Participant.objects.filter(network=network, pk__in=candidates).order_by("id"))
    routes = _kept_network_routes(network=network, today=today)
    if routes is not None and all(person.pk in routes for person in people):
        for person in people:
            person.route = routes[person.pk]
    else:
        attach_routes(people, rules=rules, today=today)
    return people


def candidate_facts(*, network: Network, today: dt.date, missed_needed: int) -> FollowupFacts:
    """What `followup_candidates` reads (and the network's follow-up tasks), in one query."""
    rules = route_rules(network.organisation).normalised()
    return followup_facts(
        network_id=network.pk,
        today=today,
        missed_needed=missed_needed,
        cutoff=today - dt.timedelta(weeks=rules.dropout_after_weeks),
    )


def _kept_network_routes(*, network: Network, today: dt.date) -> dict[int, Route] | None:
    """The network's routes through its route cache entry when there is one (the page's:
    same key), renewed there where the save changed the facts, so the network's next
    opening finds them fresh; None when the cache holds none (then only the candidates'
    routes are derived)."""
    rules = route_rules(network.organisation)
    derive = network_route_deriver(network=network, rules=rules, today=today)
    return kept_routes(network=network, rules=rules, today=today, derive=derive)


def absences_since_last_visit(
    *, network: Network, people: Any, today: dt.date
) -> dict[int, Absences]:
    """Per participant (each with `.route` as of `today`): the recorded sessions of the
    network missed since their last visit, split into announced (afgemeld) and not. Two
    queries whatever the number of people."""
    if not people:
        return {}
    oldest = min((p.route.last_visit for p in people if p.route.last_visit), default=None)
    sessions = Session.objects.filter(network=network, recorded=True, date__lte=today)
    if oldest is not None:
        sessions = sessions.filter(date__gt=oldest)
    dated = list(sessions.order_by("date", "id").values_list("id", "date"))
    announced: dict[int, set[int]] = {}
    for participant_id, session_id in AnnouncedAbsence.objects.filter(
        participant_id__in=[p.pk for p in people], session_id__in=[pk for pk, _ in dated]
    ).values_list("participant_id", "session_id"):
        announced.setdefault(participant_id, set()).add(session_id)
    answer = {}
    for person in people:
        last = person.route.last_visit
        missed = [pk for pk, day in dated if last is None or day > last]
        answer[person.pk] = count_absences(
            missed_sessions=missed, announced=announced.get(person.pk, set())
        )
    return answer


def open_followups_for_network(*, network: Network) -> list[FollowUpTask]:
    """Open follow-up tasks of a network, oldest first."""
    return list(
        FollowUpTask.objects.filter(network=network, status=FollowUpStatus.OPEN)
        .select_related("participant", "assigned_to")
        .order_by("created_on", "id")
    )


def open_followups_for_user(*, user: User) -> list[FollowUpTask]:
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


def followups_for_user(
    *, user: User, today: dt.date, closed_days: int = 30
) -> dict[str, list[Any]]:
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


def followup_for_user(*, user: User, task_id: int | str) -> FollowUpTask | None:
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
