"""What a route reads of a few participants, in one query, and their routes from it.

The route cache renews the routes of the one or two people whose facts a save changed
(participants.route_cache), and the session screen's kept base renews its changed people
(networks.sessions.screen_carry). `selectors.attach_routes` reads the same facts in four
queries through the ORM (the people, the network's sessions, the marks, the route events),
which cost more to build than to run for a few people. `person_facts` reads them in one
UNION of plain SQL that SQLite and PostgreSQL both read, with `attach_routes`' filters (the
recorded sessions, marks and events up to the day); `few_routes` hands them to the same
`derive_routes` (which puts them in order).
Tests: tests/participants/test_few_routes.py (random histories, compared with
`attach_routes`), tests/networks/test_session_screen_carry.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import connection

from vangnet.participants.fact_cache import database_date
from vangnet.participants.route import RecordedEvent, Route, RouteRules

MARK, EVENT, PERSON, SESSION = 0, 1, 2, 3

# Text columns are '' where a part has none: PostgreSQL types a UNION from its first part.
_PEOPLE_SQL = (
    "SELECT {mark}, a.participant_id, s.id, s.date, '', '', '', '' "
    "FROM networks_attendance a JOIN networks_session s ON s.id = a.session_id "
    "WHERE a.participant_id IN ({ids}) AND s.date <= %s "
    "UNION ALL SELECT {event}, e.participant_id, e.id, e.date, e.stage, e.reason, "
    "e.dropout_reason, e.referred_to FROM participants_routeevent e "
    "WHERE e.participant_id IN ({ids}) AND e.date <= %s"
)
_NETWORK_SQL = (
    " UNION ALL SELECT {person}, p.id, NULL, p.invited_on, '', '', '', '' "
    "FROM participants_participant p WHERE p.network_id = %s AND p.id IN ({ids}) "
    "UNION ALL SELECT {session}, NULL, NULL, s.date, '', '', '', '' "
    "FROM networks_session s WHERE s.network_id = %s AND s.recorded AND s.date <= %s"
)


@dataclass
class PersonFacts:
    """What a route reads of a few people: the dates they were present (and at which
    sessions), their recorded events; with a network, also who of them are its participants
    (with their invitation date) and its recorded sessions' dates."""

    attended: dict[int, list[dt.date]] = field(default_factory=dict)
    sessions: dict[int, set[int]] = field(default_factory=dict)
    events: dict[int, list[RecordedEvent]] = field(default_factory=dict)
    invited: dict[int, dt.date | None] = field(default_factory=dict)
    session_dates: list[dt.date] = field(default_factory=list)


def person_facts(
    ids: Collection[int], on: dt.date, *, network_id: int | None = None
) -> PersonFacts:
    """The marks (of sessions up to `on`, any network's, as `attach_routes` reads them) and
    the route events up to `on` of the participants `ids`; with `network_id` also those of
    them who are the network's participants and the network's recorded sessions up to
    `on`. One query (none without ids)."""
    facts = PersonFacts()
    wanted = sorted({int(pk) for pk in ids})
    if not wanted:
        return facts
    marks = ", ".join(["%s"] * len(wanted))
    sql = _PEOPLE_SQL.format(mark=MARK, event=EVENT, ids=marks)
    params: list[int | dt.date] = [*wanted, on, *wanted, on]
    if network_id is not None:
        sql += _NETWORK_SQL.format(person=PERSON, session=SESSION, ids=marks)
        params += [network_id, *wanted, network_id, on]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for kind, pid, pk, day, stage, reason, dropout_reason, referred_to in rows:
        if kind == MARK:
            facts.attended.setdefault(pid, []).append(database_date(day))
            facts.sessions.setdefault(pid, set()).add(pk)
        elif kind == EVENT:
            facts.events.setdefault(pid, []).append(
                RecordedEvent(
                    stage=stage,
                    date=database_date(day),
                    reason=reason,
                    dropout_reason=dropout_reason,
                    referred_to=referred_to,
                    id=pk,
                )
            )
        elif kind == PERSON:
            facts.invited[pid] = None if day is None else database_date(day)
        else:
            facts.session_dates.append(database_date(day))
    return facts


def few_routes(
    *, network_id: int, ids: Collection[int], rules: RouteRules, today: dt.date
) -> dict[int, Route]:
    """Per participant id, the route as of `today` of each of `ids` that is a participant
    of the network (others are left out, as `attach_routes` of the network's people)."""
    from vangnet.participants.selectors import derive_routes

    facts = person_facts(ids, today, network_id=network_id)
    return derive_routes(
        [(pk, network_id, invited) for pk, invited in facts.invited.items()],
        sessions={network_id: facts.session_dates},
        attended=facts.attended,
        events=facts.events,
        rules=rules,
        today=today,
    )
