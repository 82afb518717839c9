"""The session screen's base carried forward from one version of the network's facts to
the next, renewed person by person (networks/sessions/screen_cache.py keeps it).

After a save the network's fact version is new (the save writes the session's row and its
marks), so the screen's base (the people listed with what their routes say as of the
session's date, the previous recorded session and who was there) would be derived again
for everyone, while the save changed the facts of one or two people. A kept base
remembers what each person's part was derived from:

- the person's own version (`ParticipantFactVersion`, renewed by the triggers of
  participants.route_triggers for every write of the participant's row, their attendance
  marks and their route events), their name and their invitation date;
- the network's sessions that a route or the previous session can see: the fingerprint of
  the recorded or marked sessions (`participants.route_cache.session_facts`), with the
  recorded sessions' dates up to the session's date.

The people are read with their versions, names and invitation dates in one query, in the
order the screen lists them (by name, as the database orders names). While the sessions'
fingerprint is unchanged, a person whose version, name and invitation date are the kept
ones keeps their part; the others' routes are derived again as of the session's date from
their own marks and events (one query) with the kept session dates, exactly as
`participants.selectors.attach_routes` derives them; and whether they were at the previous
session is read from the same marks. A changed fingerprint (a session recorded, moved or
deleted) derives the base whole. The day is fixed (the session's date), so nothing
changes by time alone. Tests: tests/networks/test_session_screen_carry.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection

from vangnet.participants.fact_cache import database_date
from vangnet.participants.few_routes import person_facts
from vangnet.participants.route import Route, RouteRules
from vangnet.participants.route_cache import PERSON_VERSION
from vangnet.participants.selectors import derive_routes, session_screen_hidden

# A person as the screen's base reads them: id, version (None: none kept), name, invited on.
PersonRow = tuple[int, int | None, str, dt.date | None]


def people_rows(network_id: int) -> list[PersonRow]:
    """The network's participants with their versions, names and invitation dates, in the
    screen's order (by name, then id, as the database orders them). One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT p.id, {PERSON_VERSION}, p.display_name, p.invited_on "  # noqa: S608 - constant SQL
            "FROM participants_participant p "
            "WHERE p.network_id = %s ORDER BY p.display_name, p.id",
            [network_id],
        )
        return [
            (pk, token, name, None if invited is None else database_date(invited))
            for pk, token, name, invited in cursor.fetchall()
        ]


def recorded_sessions(network_id: int, on: dt.date) -> list[tuple[int, dt.date]]:
    """The network's recorded sessions up to `on` (id, date). One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, date FROM networks_session WHERE network_id = %s AND recorded "
            "AND date <= %s",
            [network_id, on],
        )
        return [(pk, database_date(day)) for pk, day in cursor.fetchall()]


def previous_of(
    sessions: list[tuple[int, dt.date]], on: dt.date
) -> tuple[int | None, dt.date | None]:
    """The previous recorded session before `on` (the latest by date, then id)."""
    before = [(day, pk) for pk, day in sessions if day < on]
    if not before:
        return None, None
    day, pk = max(before)
    return pk, day


@dataclass(frozen=True)
class KeptPerson:
    token: int | None
    name: str
    invited_on: dt.date | None
    shown: Any  # the screen's ScreenPerson, or None when the screen hides them


@dataclass(frozen=True)
class Carried:
    """A kept base with what it was derived from."""

    version: Any  # the network's fact version it was read under
    sessions: str  # the sessions' fingerprint (route_cache.session_facts)
    session_days: tuple[dt.date, ...]  # the recorded sessions' dates up to the day
    people: dict[int, KeptPerson]
    base: Any  # the screen's ScreenBase


def renewed_people(
    *,
    kept: Carried,
    rows: list[PersonRow],
    network_id: int,
    on: dt.date,
    rules: RouteRules,
    make_person: Callable[[int, str, Route], Any],
) -> tuple[dict[int, KeptPerson], set[int]]:
    """The people's parts, renewed for those whose version, name or invitation date is not
    the kept one; and who of the network was at the previous session. One query when
    anyone changed, none otherwise."""
    changed = [
        pk
        for pk, token, name, invited in rows
        if (old := kept.people.get(pk)) is None
        or token is None
        or old.token != token
        or old.name != name
        or old.invited_on != invited
    ]
    routes: dict[int, Route] = {}
    facts = person_facts(changed, on)
    if changed:
        invited_of = {pk: invited for pk, _t, _n, invited in rows}
        routes = derive_routes(
            [(pk, network_id, invited_of[pk]) for pk in changed],
            sessions={network_id: list(kept.session_days)},
            attended=facts.attended,
            events=facts.events,
            rules=rules,
            today=on,
        )
    normalised = rules.normalised()
    previous = kept.base.previous
    was_there = set(kept.base.last_week)
    people: dict[int, KeptPerson] = {}
    last_week: set[int] = set()
    for pk, token, name, invited in rows:
        if pk in routes:
            route = routes[pk]
            hidden = session_screen_hidden(route, on=on, rules=normalised)
            shown = None if hidden else make_person(pk, name, route)
            if previous is not None and previous in facts.sessions.get(pk, ()):
                last_week.add(pk)
        else:
            shown = kept.people[pk].shown
            if pk in was_there:
                last_week.add(pk)
        people[pk] = KeptPerson(token=token, name=name, invited_on=invited, shown=shown)
    return people, last_week
