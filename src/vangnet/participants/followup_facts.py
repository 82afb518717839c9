"""What the follow-up check reads of a network before it derives any route, in one query.

`followups_refresh` (after every save that changed who came or who announced their absence)
needs the network's follow-up tasks, the date of its `missed_needed`-th latest recorded
session, the visits since that date or the dropout cutoff (whichever is earlier) and the
recent route events. Four ORM queries before issue 21's second round (about 3 ms of the
save's slowest twentieth in the bench, most of it building and compiling them); one now: a
UNION ALL of the four reads, every name a model's table, every value a parameter. The
visits' lower bound is computed in the statement from the session it reads first, so the
answer is the same as reading them one after the other (tests/participants/
test_followup_facts.py compares it with the ORM reads after random histories).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from vangnet.networks.models import Attendance, Session
from vangnet.participants.fact_cache import database_date
from vangnet.participants.models import FollowUpTask, Participant, RouteEvent


@dataclass
class FollowupFacts:
    """`cutoff`: the day on which a route without a later visit or event has dropped out.
    `nth`: the date of the `missed_needed`-th latest recorded session on or before the day
    (None: fewer recorded sessions, and then no visits are read). `visits`: (participant
    id, session date) of the marks from min(cutoff, nth) to the day. `events`:
    (participant id, stage, date) of the route events after the cutoff up to the day.
    `tasks`: per participant, (status, last seen on) of their follow-up tasks."""

    cutoff: dt.date
    nth: dt.date | None = None
    visits: list[tuple[int, dt.date]] = field(default_factory=list)
    events: list[tuple[int, str, dt.date]] = field(default_factory=list)
    tasks: dict[int, list[tuple[str, dt.date | None]]] = field(default_factory=dict)


def followup_facts(
    *, network_id: int, today: dt.date, missed_needed: int, cutoff: dt.date
) -> FollowupFacts:
    """The reads of `followup_candidates` and `followups_refresh` for one network, in one
    query: the same rows as `Session`/`Attendance`/`RouteEvent`/`FollowUpTask` filtered as
    there (participants.followup_selectors)."""
    name = connection.ops.quote_name
    session, attendance, event, task, participant = (
        name(model._meta.db_table)
        for model in (Session, Attendance, RouteEvent, FollowUpTask, Participant)
    )
    offset = max(1, int(missed_needed)) - 1
    # The visits from the earlier of the cutoff and the nth session's date (a CASE, not
    # LEAST/MIN, which differ between the databases); none when there is no nth session.
    sql = (
        f"WITH nth AS (SELECT s.date AS day FROM {session} s "  # noqa: S608
        "WHERE s.network_id = %s AND s.recorded AND s.date <= %s "
        "ORDER BY s.date DESC, s.id DESC LIMIT 1 OFFSET %s) "
        "SELECT 0, NULL, day, '' FROM nth "
        f"UNION ALL SELECT 1, a.participant_id, s.date, '' FROM {attendance} a "
        f"JOIN {session} s ON s.id = a.session_id "
        "WHERE s.network_id = %s AND s.date <= %s AND EXISTS (SELECT 1 FROM nth) "
        "AND s.date >= CASE WHEN (SELECT day FROM nth) < %s THEN (SELECT day FROM nth) "
        "ELSE %s END "
        f"UNION ALL SELECT 2, e.participant_id, e.date, e.stage FROM {event} e "
        f"JOIN {participant} p ON p.id = e.participant_id "
        "WHERE p.network_id = %s AND e.date > %s AND e.date <= %s "
        f"UNION ALL SELECT 3, t.participant_id, t.last_seen_on, t.status FROM {task} t "
        f"JOIN {participant} p ON p.id = t.participant_id WHERE p.network_id = %s"
    )
    params: list[Any] = [
        network_id,
        today,
        offset,
        network_id,
        today,
        cutoff,
        cutoff,
        network_id,
        cutoff,
        today,
        network_id,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    facts = FollowupFacts(cutoff=cutoff)
    for kind, participant_id, day, text in rows:
        if kind == 0:
            facts.nth = database_date(day)
        elif kind == 1:
            facts.visits.append((participant_id, database_date(day)))
        elif kind == 2:
            facts.events.append((participant_id, str(text), database_date(day)))
        else:
            seen = None if day is None else database_date(day)
            facts.tasks.setdefault(participant_id, []).append((str(text), seen))
    return facts
