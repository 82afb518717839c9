"""What the session screen shows that depends only on a network's versioned facts, cached.

The people the screen lists (with what their route says as of the session's date: its
stage, when that stage began, the first visit), the previous recorded session and who was
present there are derived from the network's sessions, attendance marks, participants and
route events: exactly the facts whose version `participants.fact_cache` keeps (a token per
network that database triggers renew in the same statement as every write). So they are
cached per network under that version, the session's date and the organisation's route
rules: a second opening of the screen reads one version row instead of the participants,
their routes, the previous session and its marks. Contributions, announced absences, the
activities' tasks and the absence reasons are not such facts; the screen reads them every
time (`selectors.session_marks`). Nothing here depends on who looks: the permission check
(`core.permissions.network_for`) comes first, and the entry holds no translated text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.core.cache import cache

from vangnet.networks.models import Attendance, Network, Session
from vangnet.networks.sessions.screen_carry import (
    Carried,
    KeptPerson,
    PersonRow,
    people_rows,
    previous_of,
    recorded_sessions,
    renewed_people,
)
from vangnet.participants import fact_cache
from vangnet.participants.models import Participant
from vangnet.participants.names import name_key
from vangnet.participants.route import Route
from vangnet.participants.route_cache import cache_seconds, session_facts
from vangnet.participants.selectors import (
    attach_routes,
    network_route_map,
    route_rules,
    session_screen_hidden,
)

CARRY_VERSION = 1  # raise it when what a kept base holds changes


@dataclass(frozen=True)
class ScreenPerson:
    """One person the screen lists, with what the screen needs of their route."""

    pk: int
    name: str
    key: str  # name_key(name): the search's form of the name
    initials: str  # first letters of the name's words ("jdv" finds Jan de Vries)
    stage: str | None  # the route's current stage (None: no route derived)
    stage_start: dt.date | None  # when that stage began
    first_visit: dt.date | None

    @property
    def display_name(self) -> str:  # read as a participant's by the rows and the outcome
        return self.name

    @property
    def id(self) -> int:
        return self.pk


@dataclass(frozen=True)
class ScreenBase:
    people: tuple[ScreenPerson, ...]  # ordered by name, as the database orders them
    previous: int | None  # the previous recorded session's id
    previous_date: dt.date | None
    last_week: frozenset[int]  # present at the previous recorded session


def initials(name: str) -> str:
    """The first letters of a name's words, for the search ("jdv" finds Jan de Vries)."""
    return "".join(word[0] for word in name_key(name).split() if word)


def screen_person(pk: int, name: str, route: Route | None) -> ScreenPerson:
    return ScreenPerson(
        pk=pk,
        name=name,
        key=name_key(name),
        initials=initials(name),
        stage=None if route is None else route.current,
        stage_start=None if route is None else route.current_step.start,
        first_visit=None if route is None else route.first_visit,
    )


def _routes(network: Network, on: dt.date, ids: list[int]) -> dict[int, Route]:
    """The routes as of `on` of the participants `ids` (the network's cached routes)."""
    rules = route_rules(network.organisation)
    routes = network_route_map(network=network, today=on) if cache_seconds() > 0 else {}
    if any(pk not in routes for pk in ids):  # no cache, or someone came in between
        people = list(
            Participant.objects.filter(network=network).only("id", "network_id", "invited_on")
        )
        routes = attach_routes(people, rules=rules, today=on)
    return routes


def derive_screen_base(*, network: Network, on: dt.date) -> ScreenBase:
    """The screen's base from the database (five queries when the routes are cached)."""
    named = list(
        Participant.objects.filter(network=network)
        .order_by("display_name", "id")
        .values_list("id", "display_name")
    )
    routes = _routes(network, on, [pk for pk, _name in named])
    rules = route_rules(network.organisation).normalised()
    people = tuple(
        screen_person(pk, name, routes[pk])
        for pk, name in named
        if not session_screen_hidden(routes[pk], on=on, rules=rules)
    )
    previous, previous_date = (
        Session.objects.filter(network=network, recorded=True, date__lt=on)
        .order_by("-date", "-id")
        .values_list("pk", "date")
        .first()
    ) or (None, None)
    last_week = (
        frozenset(
            Attendance.objects.filter(
                session_id=previous, participant__network=network
            ).values_list("participant_id", flat=True)
        )
        if previous
        else frozenset()
    )
    return ScreenBase(
        people=people, previous=previous, previous_date=previous_date, last_week=last_week
    )


def _whole(network: Network, on: dt.date, rows: list[PersonRow], fingerprint: str) -> Carried:
    """The base derived for everyone (the routes through the route cache), with what it
    was derived from; `rows` and `fingerprint` read before the facts."""
    rules = route_rules(network.organisation)
    normalised = rules.normalised()
    routes = _routes(network, on, [pk for pk, _token, _name, _invited in rows])
    recorded = recorded_sessions(network.pk, on)
    previous, previous_date = previous_of(recorded, on)
    ids = {pk for pk, _token, _name, _invited in rows}
    was_there = (
        set(Attendance.objects.filter(session_id=previous).values_list("participant_id", flat=True))
        if previous
        else set()
    )
    people = {
        pk: KeptPerson(
            token=token,
            name=name,
            invited_on=invited,
            shown=None
            if session_screen_hidden(routes[pk], on=on, rules=normalised)
            else screen_person(pk, name, routes[pk]),
        )
        for pk, token, name, invited in rows
    }
    base = ScreenBase(
        people=tuple(people[pk].shown for pk, *_rest in rows if people[pk].shown is not None),
        previous=previous,
        previous_date=previous_date,
        last_week=frozenset(was_there & ids),
    )
    days = tuple(sorted(day for _pk, day in recorded))
    return Carried(version=None, sessions=fingerprint, session_days=days, people=people, base=base)


def _carried(network: Network, on: dt.date, kept: Carried | None) -> Carried:
    """The base renewed from `kept` where the people's facts changed (whole without one,
    or when the sessions changed)."""
    rows = people_rows(network.pk)  # read before the facts: never newer than they are
    fingerprint, _later = session_facts(network.pk, on)
    if kept is None or kept.sessions != fingerprint:
        return _whole(network, on, rows, fingerprint)
    people, last_week = renewed_people(
        kept=kept,
        rows=rows,
        network_id=network.pk,
        on=on,
        rules=route_rules(network.organisation),
        make_person=screen_person,
    )
    base = ScreenBase(
        people=tuple(people[pk].shown for pk, *_rest in rows if people[pk].shown is not None),
        previous=kept.base.previous,
        previous_date=kept.base.previous_date,
        last_week=frozenset(last_week),
    )
    return replace(kept, people=people, base=base)


def screen_base(*, network: Network, on: dt.date) -> ScreenBase:
    """The screen's base for a session of `network` on `on`: from the cache while the
    network's facts are unchanged (no query: the version was read with the network), else
    carried forward from the kept base, renewed for the people whose facts changed
    (networks/sessions/screen_carry.py), and kept once the transaction commits."""
    seconds = cache_seconds()
    if seconds <= 0:
        return derive_screen_base(network=network, on=on)
    version = fact_cache.fact_version_of(network)  # read before any fact
    key = fact_cache.cache_key(
        "session-screen", CARRY_VERSION, network.pk, on, route_rules(network.organisation)
    )
    kept: Carried | None = cache.get(key)
    if kept is not None and kept.version == version:
        return kept.base
    renewed = replace(_carried(network, on, kept), version=version)
    fact_cache.store_after_commit({key: renewed}, seconds)
    return renewed.base
