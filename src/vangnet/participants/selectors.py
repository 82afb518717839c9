"""Reads of participant data. Every function is scoped through vangnet.core.permissions
or takes an object the caller already obtained through it.

Routes are derived by the pure function in participants/route.py; the functions here load
the facts for many participants at once in a fixed number of queries (never one query per
participant) and call it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.participants.few_routes import few_routes
from vangnet.participants.models import (
    FollowUpStatus,
    Participant,
    ReferralPartner,
    RouteEvent,
    RouteStage,
)
from vangnet.participants.route import RecordedEvent, Route, RouteRules, derive_route
from vangnet.participants.route_cache import cache_seconds, cached_routes

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation

FEW_PEOPLE = 20


def route_rules(organisation: Organisation) -> RouteRules:
    """The organisation's method rules as the route function takes them."""
    return RouteRules.from_organisation(organisation)


def attach_routes(
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

    events = recorded_events(who, today=today, ids=ids)

    routes = derive_routes(
        [(p.pk, p.network_id, p.invited_on) for p in people],
        sessions=sessions,
        attended=attended,
        events=events,
        rules=rules,
        today=today,
    )
    for person in people:
        person.route = routes[person.pk]
    return routes


def derive_routes(
    people: Iterable[tuple[int, int, dt.date | None]],
    *,
    sessions: Mapping[int, list[dt.date]],
    attended: Mapping[int, list[dt.date]],
    events: Mapping[int, list[RecordedEvent]],
    rules: RouteRules,
    today: dt.date,
) -> dict[int, Route]:
    """Per participant id, the route of each of `people` ((id, network id, invited on))
    from facts read by the caller: per network id its recorded sessions' dates, per
    participant id the dates they were present and their recorded events (any order;
    facts after `today` are left out by `derive_route`). No query."""
    return {
        pk: derive_route(
            invited_on=invited_on,
            session_dates=sessions.get(network_id, ()),
            attended_dates=attended.get(pk, ()),
            events=events.get(pk, ()),
            rules=rules,
            today=today,
        )
        for pk, network_id, invited_on in people
    }


def recorded_events(
    who: Q, *, today: dt.date, ids: set[int] | None = None
) -> dict[int, list[RecordedEvent]]:
    """Per participant id, their recorded route events up to `today` (one query), for the
    participants `who` selects (a condition on `participant`), only `ids` when given."""
    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for row in RouteEvent.objects.filter(who, date__lte=today).values_list(
        "participant_id", "id", "stage", "date", "reason", "dropout_reason", "referred_to"
    ):
        participant_id, pk, stage, day, reason, dropout_reason, referred_to = row
        if ids is None or participant_id in ids:
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
    return events


def participant_route(*, participant: Participant, today: dt.date) -> Route:
    """The route of one participant (at most four queries)."""
    rules = route_rules(participant.organisation)
    return attach_routes([participant], rules=rules, today=today)[participant.pk]


def network_route_map(
    *, network: Network, today: dt.date, read_only: bool = False
) -> dict[int, Route]:
    """Per participant id, the route of every participant of the network, from the cache
    while the network's facts are unchanged (participants/route_cache.py: one query on a
    hit; no participant is loaded), derived again only for the people whose facts changed.
    With `read_only` nothing is stored (bulk readers that visit every network once)."""
    rules = route_rules(network.organisation)
    return cached_routes(
        network=network,
        rules=rules,
        today=today,
        derive=network_route_deriver(network=network, rules=rules, today=today),
        read_only=read_only,
    )


def network_route_deriver(
    *, network: Network, rules: RouteRules, today: dt.date
) -> Callable[[list[int] | None], dict[int, Route]]:
    """What the route cache calls to derive the routes of the network's participants with
    the given ids (all of them for None), as `derive`."""

    def derive(ids: list[int] | None) -> dict[int, Route]:
        if ids is not None and len(ids) <= FEW_PEOPLE:  # a renewal after a save: one query
            return few_routes(network_id=network.pk, ids=ids, rules=rules, today=today)
        people = Participant.objects.filter(network=network).only("id", "network", "invited_on")
        if ids is not None:
            people = people.filter(pk__in=ids)
        return attach_routes(list(people), rules=rules, today=today)

    return derive


def network_routes(*, network: Network, today: dt.date, cached: bool = True) -> list[Participant]:
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
    attach_routes(people, rules=route_rules(network.organisation), today=today)
    return people


def network_route_summary(
    *, network: Network, today: dt.date, routes: dict[int, Route] | None = None
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


def participants_for_session_screen(*, network: Network, on: dt.date) -> list[Participant]:
    """The participants to show on the session screen of `on`, ordered by name, each with
    `.route` (derived as of `on`). Hidden: referred on, and recorded dropouts of longer
    than dropout_after_weeks ago. Derived dropouts stay, so they can be marked present."""
    rules = route_rules(network.organisation).normalised()
    people = network_routes(network=network, today=on)
    return [p for p in people if not session_screen_hidden(p.route, on=on, rules=rules)]


def _cached_route(*, participant: Participant, today: dt.date) -> Route:
    """The participant's route from the network's cached routes (`network_route_map`: one
    query when the network's facts are unchanged, e.g. after the network page or the
    session screen), else derived for this participant alone (three queries)."""
    if cache_seconds() > 0:
        network = participant.network
        if network.organisation_id == participant.organisation_id:
            network.organisation = participant.organisation  # loaded: no query for the rules
        route = network_route_map(network=network, today=today).get(participant.pk)
        if route is not None:
            return route
    return participant_route(participant=participant, today=today)


@dataclass(frozen=True)
class ShownContribution:
    """One row of the participant page's contributions: `session.date` and `task`."""

    session: Any
    task: str


def _contributions(
    participant: Participant, *, shown: int = 100, tags: int = 12
) -> tuple[list[ShownContribution], list[dict[str, Any]]]:
    """The participant's newest `shown` contributions (by session date, then task) and the
    `tags` most frequent tasks with their number, from one query of every contribution's
    task and date (a handful of short rows per session attended)."""
    rows = sorted(
        Contribution.objects.filter(participant=participant)
        .order_by()
        .values_list("session__date", "task"),
        key=lambda row: (-row[0].toordinal(), row[1]),
    )
    newest = [ShownContribution(SimpleNamespace(date=day), task) for day, task in rows[:shown]]
    counts = Counter(task for _day, task in rows)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:tags]
    return newest, [{"task": task, "n": n} for task, n in ranked]


# The relations the participant page shows, loaded with the participant.
DETAIL_RELATED = ("network", "organisation", "referral_partner", "invited_by")


def participant_detail(*, participant: Participant, today: dt.date) -> dict[str, Any]:
    """Everything the participant page shows, in a fixed number of queries. The participant
    is read again unless it came with `DETAIL_RELATED` loaded (`participant_for(...,
    related=DETAIL_RELATED)`)."""
    if not all(getattr(Participant, name).is_cached(participant) for name in DETAIL_RELATED):
        participant = Participant.objects.select_related(*DETAIL_RELATED).get(pk=participant.pk)
    route = _cached_route(participant=participant, today=today)
    contributions, contribution_counts = _contributions(participant)
    return {
        "participant": participant,
        "route": route,
        "contributions": contributions,
        "contribution_counts": contribution_counts,
        "followups": list(
            participant.followup_tasks.filter(status=FollowUpStatus.OPEN).order_by("created_on")
        ),
        "invitees": list(participant.invitees.order_by("display_name").only("display_name")),
        "absences": list(
            participant.announced_absences.select_related("session").order_by(
                "-session__date", "-id"
            )[:20]
        ),
    }


def network_participants(*, network: Network, today: dt.date) -> list[Participant]:
    """The participant list of a network, with routes, ordered by name."""
    people = list(
        Participant.objects.filter(network=network)
        .select_related("referral_partner")
        .order_by("display_name", "id")
    )
    attach_routes(people, rules=route_rules(network.organisation), today=today)
    return people


def organisation_partners(*, organisation: Organisation) -> QuerySet[ReferralPartner]:
    return ReferralPartner.objects.filter(organisation=organisation).order_by("name")


def partner_for(*, organisation: Organisation, partner_id: int | str) -> ReferralPartner | None:
    try:
        partner_id = int(partner_id)
    except (TypeError, ValueError):
        return None
    return organisation_partners(organisation=organisation).filter(pk=partner_id).first()


def partner_summary(*, organisation: Organisation, today: dt.date) -> list[ReferralPartner]:
    """The organisation's partners, each with `.referred` (people who came in through this
    partner), `.became_steady` (of whom ever reached steady) and `.steady_now`.
    A fixed number of queries, whatever the number of participants."""
    partners = list(organisation_partners(organisation=organisation))
    people = list(
        Participant.objects.filter(organisation=organisation, referral_partner__isnull=False)
    )
    attach_routes(people, rules=route_rules(organisation), today=today)
    by_partner: dict[int, list[Participant]] = defaultdict(list)
    for person in people:
        if person.referral_partner_id is not None:  # always: filtered above
            by_partner[person.referral_partner_id].append(person)
    for partner in partners:
        mine = by_partner.get(partner.pk, [])
        partner.referred = len(mine)
        partner.became_steady = sum(1 for p in mine if p.route.ever_steady)
        partner.steady_now = sum(1 for p in mine if p.route.current == RouteStage.STEADY)
    return partners


def network_participant_choices(
    *, network: Network, exclude_id: int | None = None
) -> QuerySet[Participant]:
    """Participants of the same network (for 'invited by')."""
    people = Participant.objects.filter(network=network).order_by("display_name", "id")
    if exclude_id is not None:
        people = people.exclude(pk=exclude_id)
    return people
