"""The facts behind the research export's participants and attendance tables, read once.

The participants table needs every participant's route (`participants.route.derive_route`:
their network's recorded sessions, the days they were present, their recorded events) and
the attendance table needs every mark of a network's sessions. Both come from one read of
the attendance marks per network: the marks of the network's sessions or of its people
(`marks_of`), which give the routes of its people at once and are kept, as two arrays of
ids, for the attendance table that is written after the participants table (about 16 bytes
a mark). The sessions (date, network, recorded) and the route events of every network in
the export are read once, up front.

A mark of one network's person in another network's session (the application makes none,
the database allows it) counts for that person's route and in the other network's
attendance rows, as when each table read its own marks.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable

from django.db import connection
from django.db.models import Q

from vangnet.networks.models import Attendance, Network, Session
from vangnet.participants.route import Route, RouteRules
from vangnet.participants.route_cache import cached_routes
from vangnet.participants.selectors import derive_routes, recorded_events, route_rules

# A network's people as the export lists them: (participant id, how they came in, invited on).
Person = tuple[int, str, dt.date | None]


class ResearchFacts:
    """Sessions, route events and attendance marks of the export's networks, each read
    once; `routes(network)` for the participants table, then `marks(network)` for the
    attendance table."""

    def __init__(
        self,
        networks: list[Network],
        people: dict[int, list[Person]],
        *,
        excluded: Collection[int],
        today: dt.date,
    ) -> None:
        self.people = people
        self.excluded = excluded
        self.today = today
        network_ids = [network.pk for network in networks]
        # Per session id its date and network; per network its sessions (ids) and the
        # dates of its recorded sessions up to today (what a route counts).
        self.date_of: dict[int, dt.date] = {}
        self.network_of: dict[int, int] = {}
        self.sessions: dict[int, list[int]] = defaultdict(list)
        self.recorded: dict[int, list[dt.date]] = defaultdict(list)
        for pk, network_id, day, recorded in (
            Session.objects.filter(network__in=network_ids)
            .order_by()
            .values_list("pk", "network_id", "date", "recorded")
        ):
            self.date_of[pk] = day
            self.network_of[pk] = network_id
            self.sessions[network_id].append(pk)
            if recorded and day <= today:
                self.recorded[network_id].append(day)
        self.events = recorded_events(Q(participant__network_id__in=network_ids), today=today)
        # Per network: the (participant ids, session ids) of its sessions' marks, kept by
        # `routes` for `marks`.
        self.kept: dict[int, tuple[array[int], array[int]]] = {}
        # Per participant id: the days they were present up to today (`_read`).
        self.attended: dict[int, list[dt.date]] = {}

    def _read(self, network_id: int) -> None:
        """Read the marks of the network's sessions or of its people (one query): keep the
        first for the attendance table and the days the people were present."""
        people = {pk for pk, _via, _invited in self.people.get(network_id, ())}
        own = self.sessions.get(network_id, [])
        rows = marks_of(own, people)
        network_of, date_of, excluded = self.network_of, self.date_of, self.excluded
        table = [
            (participant_id, session_id)
            for participant_id, session_id in rows
            if network_of.get(session_id) == network_id and participant_id not in excluded
        ]
        self.kept[network_id] = (
            array("q", [participant_id for participant_id, _session in table]),
            array("q", [session_id for _participant, session_id in table]),
        )
        unknown = {session_id for _p, session_id in rows if session_id not in date_of}
        if unknown:  # sessions of a network outside the export (see the docstring)
            date_of.update(Session.objects.filter(pk__in=unknown).values_list("pk", "date"))
        today = self.today
        attended: dict[int, list[dt.date]] = defaultdict(list)
        for participant_id, session_id in rows:
            if participant_id in people:
                day = date_of[session_id]
                if day <= today:
                    attended[participant_id].append(day)
        self.attended = attended

    def routes(self, network: Network) -> dict[int, Route]:
        """Per participant id of the network's people, their route as of today: from the
        route cache when it holds the routes of the network's current facts and of all
        its people (read only, nothing is stored), else derived from the facts read here."""
        self._read(network.pk)
        rules = route_rules(network.organisation)
        people = self.people.get(network.pk, [])

        def derive(ids: Iterable[int] | None) -> dict[int, Route]:
            wanted = None if ids is None else set(ids)
            return self._derive(
                network.pk, [p for p in people if wanted is None or p[0] in wanted], rules
            )

        routes = cached_routes(
            network=network, rules=rules, today=self.today, derive=derive, read_only=True
        )
        if any(pk not in routes for pk, _via, _invited in people):
            routes = derive(None)  # an entry without someone: not used at all
        self.attended = {}
        return routes

    def _derive(self, network_id: int, people: list[Person], rules: RouteRules) -> dict[int, Route]:
        return derive_routes(
            [(pk, network_id, invited_on) for pk, _via, invited_on in people],
            sessions=self.recorded,
            attended=self.attended,
            events=self.events,
            rules=rules,
            today=self.today,
        )

    def marks(self, network_id: int) -> tuple[array[int], array[int]]:
        """The (participant ids, session ids) of the marks of the network's sessions,
        without the excluded people; read now if `routes` did not read them."""
        if network_id not in self.kept:
            self._read(network_id)
            self.attended = {}
        return self.kept.pop(network_id)


def marks_of(sessions: list[int], people: Collection[int]) -> list[tuple[int, int]]:
    """The (participant id, session id) of every attendance mark in one of `sessions` or of
    one of `people`, in one query. On PostgreSQL each list is one array parameter (a
    bitmap OR of the two indexes; Django's `IN (%s, ...)` made a parameter per id)."""
    if not sessions and not people:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT participant_id, session_id FROM {Attendance._meta.db_table} "  # noqa: S608 - a name
                "WHERE session_id = ANY(%s) OR participant_id = ANY(%s)",
                [list(sessions), list(people)],
            )
            rows: list[tuple[int, int]] = cursor.fetchall()
            return rows
    return list(
        Attendance.objects.filter(Q(session_id__in=sessions) | Q(participant_id__in=people))
        .order_by()
        .values_list("participant_id", "session_id")
    )


def weeks_of(facts: ResearchFacts, week: Callable[[dt.date], str]) -> dict[int, str]:
    """Per session id of the export's networks, its week."""
    return {pk: week(day) for pk, day in facts.date_of.items()}
