"""The routes of a few participants of one network in one query: what the route cache
derives again after a save (participants.route_cache: the one or two people whose marks
changed), where `selectors.attach_routes`'s four queries through the ORM (the people, the
network's sessions, the marks, the route events) cost more to build than to run.

The same facts `attach_routes` reads, with the same filters (the recorded sessions, marks
and events up to `today`), in one UNION of plain SQL that SQLite and PostgreSQL both read,
handed to the same `derive_routes` (which puts them in order).
Tests: tests/participants/test_few_routes.py (random histories, compared with
`attach_routes`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from django.db import connection

from vangnet.participants.fact_cache import database_date
from vangnet.participants.route import RecordedEvent, Route, RouteRules

PERSON, SESSION, MARK, EVENT = 0, 1, 2, 3
_NO_TEXT = "CAST(NULL AS TEXT)"

_SQL = (
    "SELECT {person}, p.id, CAST(NULL AS INTEGER), p.invited_on, {t}, {t}, {t}, {t} "
    "FROM participants_participant p WHERE p.network_id = %s AND p.id IN ({ids}) "
    "UNION ALL SELECT {session}, NULL, NULL, s.date, {t}, {t}, {t}, {t} "
    "FROM networks_session s WHERE s.network_id = %s AND s.recorded AND s.date <= %s "
    "UNION ALL SELECT {mark}, a.participant_id, NULL, s.date, {t}, {t}, {t}, {t} "
    "FROM networks_attendance a JOIN networks_session s ON s.id = a.session_id "
    "WHERE a.participant_id IN ({ids}) AND s.date <= %s "
    "UNION ALL SELECT {event}, e.participant_id, e.id, e.date, e.stage, e.reason, "
    "e.dropout_reason, e.referred_to FROM participants_routeevent e "
    "WHERE e.participant_id IN ({ids}) AND e.date <= %s"
)


def few_routes(
    *, network_id: int, ids: Collection[int], rules: RouteRules, today: dt.date
) -> dict[int, Route]:
    """Per participant id, the route as of `today` of each of `ids` that is a participant
    of the network (others are left out, as `attach_routes` of the network's people)."""
    from vangnet.participants.selectors import derive_routes

    wanted = sorted({int(pk) for pk in ids})
    if not wanted:
        return {}
    marks = ", ".join(["%s"] * len(wanted))
    sql = _SQL.format(person=PERSON, session=SESSION, mark=MARK, event=EVENT, t=_NO_TEXT, ids=marks)
    params: list[int | dt.date] = [network_id, *wanted, network_id, today, *wanted, today]
    params += [*wanted, today]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    people: list[tuple[int, int, dt.date | None]] = []
    sessions: list[dt.date] = []
    attended: dict[int, list[dt.date]] = defaultdict(list)
    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for kind, pk, event_id, day, stage, reason, dropout_reason, referred_to in rows:
        if kind == PERSON:
            people.append((pk, network_id, None if day is None else database_date(day)))
        elif kind == SESSION:
            sessions.append(database_date(day))
        elif kind == MARK:
            attended[pk].append(database_date(day))
        else:
            events[pk].append(
                RecordedEvent(
                    stage=stage,
                    date=database_date(day),
                    reason=reason,
                    dropout_reason=dropout_reason,
                    referred_to=referred_to,
                    id=event_id,
                )
            )
    return derive_routes(
        people,
        sessions={network_id: sessions},
        attended=attended,
        events=events,
        rules=rules,
        today=today,
    )
