"""The stored state a save of the session screen merges into, read in one statement.

`session_record_attendance` (services.py) needs, under the session's lock, the session's
attendance marks, contributions and announced absences, and which of the participant ids the
save mentions belong to the session's network. Four queries before issue 21's second round;
one now (a UNION ALL of the four reads, every name a model's table, every value a
parameter), whatever the number of marks.

On PostgreSQL the same statement also writes the session's row (`SessionRow`: the merged
note, the next version, recorded, who saved it and when): the save computes that row from
the locked read alone, so it needs no round trip of its own. A data-modifying WITH runs
once and to completion; the database's triggers renew the versions as for any UPDATE, in
the same transaction, and a save that is refused afterwards leaves the transaction, so the
row is not kept. Elsewhere (SQLite) the caller writes the row with its own UPDATE.

What the save then changes (marks deleted and added, announced absences) and its audit
record are written by `write_marks`: on PostgreSQL one more statement (the changes as
data-modifying WITHs, the audit row its INSERT) instead of one per kind of change and one
for the audit row, with the ORM's work of building each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection
from django.db.models import Field, Model
from django.db.models.sql import InsertQuery

from vangnet.audit.models import AuditEvent
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session


@dataclass
class StoredMarks:
    present: set[int] = field(default_factory=set)
    contributions: set[tuple[int, str]] = field(default_factory=set)
    absent: dict[int, str] = field(default_factory=dict)  # participant id: reason
    known: set[int] = field(default_factory=set)  # the mentioned ids of the network's people
    row_written: bool = False  # the session's row was written by the same statement


@dataclass(frozen=True)
class SessionRow:
    """What a save writes to the session's own row."""

    note: str
    version: int
    updated_by_id: int | None
    updated_at: dt.datetime
    recorded: bool = True

    def values(self) -> dict[str, Any]:
        return {
            "note": self.note,
            "version": self.version,
            "recorded": self.recorded,
            "updated_by_id": self.updated_by_id,
            "updated_at": self.updated_at,
        }


def _column(field_name: str) -> str:
    return connection.ops.quote_name(cast(Field, Session._meta.get_field(field_name)).column)


def _row_update(session_id: int, row: SessionRow) -> tuple[str, list[Any]]:
    """`WITH saved AS (UPDATE <session> SET ... WHERE id = %s RETURNING id)`."""
    name = connection.ops.quote_name
    values = row.values()
    columns = ", ".join(f"{_column(key)} = %s" for key in values)
    sql = (
        f"WITH saved AS (UPDATE {name(Session._meta.db_table)} SET {columns} "  # noqa: S608
        f"WHERE {name(Session._meta.pk.column)} = %s RETURNING {name(Session._meta.pk.column)}) "
    )
    return sql, [*values.values(), session_id]


def stored_marks(
    *,
    session_id: int,
    network_id: int,
    mentioned: Collection[int],
    row: SessionRow | None = None,
) -> StoredMarks:
    """The session's stored marks and the ids of `mentioned` that are the network's
    participants, in one query; on PostgreSQL that query also writes `row` to the session
    (`row_written` says so)."""
    from vangnet.participants.models import Participant

    name = connection.ops.quote_name
    attendance, contribution, absence, participant = (
        name(model._meta.db_table)
        for model in (Attendance, Contribution, AnnouncedAbsence, Participant)
    )
    sql = (
        f"SELECT 0, participant_id, '' FROM {attendance} WHERE session_id = %s "  # noqa: S608
        f"UNION ALL SELECT 1, participant_id, task FROM {contribution} WHERE session_id = %s "
        f"UNION ALL SELECT 2, participant_id, reason FROM {absence} WHERE session_id = %s"
    )
    params: list[Any] = [session_id, session_id, session_id]
    ids = sorted({int(pid) for pid in mentioned})
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        sql += (
            f" UNION ALL SELECT 3, id, '' FROM {participant} "  # noqa: S608
            f"WHERE network_id = %s AND id IN ({marks})"
        )
        params += [network_id, *ids]
    if row is not None and connection.vendor == "postgresql":
        head, head_params = _row_update(session_id, row)
        sql = f"{head}{sql} UNION ALL SELECT 4, id, '' FROM saved"  # noqa: S608
        params = [*head_params, *params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    stored = StoredMarks()
    for kind, pid, text in rows:
        if kind == 0:
            stored.present.add(pid)
        elif kind == 1:
            stored.contributions.add((pid, text))
        elif kind == 2:
            stored.absent[pid] = text
        elif kind == 3:
            stored.known.add(pid)
        else:
            stored.row_written = True
    return stored


@dataclass
class MarkChanges:
    """What a save changes of the session's marks (services.session_record_attendance)."""

    gone: set[int] = field(default_factory=set)  # attendance marks taken away
    arrived: set[int] = field(default_factory=set)  # attendance marks added
    dropped: set[tuple[int, str]] = field(default_factory=set)  # contributions taken away
    added: set[tuple[int, str]] = field(default_factory=set)  # contributions added
    stale: set[int] = field(default_factory=set)  # announced absences taken away
    announced: list[AnnouncedAbsence] = field(default_factory=list)  # absences added


def _insert(model: type[Model], objects: list[Any]) -> tuple[str, list[Any]]:
    """The INSERT of `objects` (one statement, no RETURNING) as Django's bulk_create writes
    it: every concrete field but the automatic key, defaults and `auto_now_add` filled in."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    query = InsertQuery(model)
    query.insert_values(fields, objects)
    [(sql, params)] = query.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def _delete(model: type[Model], session_id: int, ids: set[int]) -> tuple[str, list[Any]]:
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)} "  # noqa: S608
        f"WHERE session_id = %s AND participant_id IN ({marks})"
    )
    return sql, [session_id, *sorted(ids)]


def write_marks(*, session_id: int, changes: MarkChanges, audit: AuditEvent) -> None:
    """Write the save's changes of the marks and its audit record (`audit`, not yet written:
    audit.services.audit_event). On PostgreSQL in one statement (each change a
    data-modifying WITH, run once and to completion, the audit row the statement's own
    INSERT); elsewhere one statement each. Within one statement the changes do not see
    each other, so a person whose absence is taken away and announced again (another
    reason) has the old one deleted first, apart."""
    statements: list[tuple[str, list[Any]]] = []
    if changes.gone:
        statements.append(_delete(Attendance, session_id, changes.gone))
    if changes.arrived:
        statements.append(
            _insert(
                Attendance,
                [
                    Attendance(session_id=session_id, participant_id=pid)
                    for pid in sorted(changes.arrived)
                ],
            )
        )
    if changes.dropped:
        pairs = sorted(changes.dropped)
        either = " OR ".join(["(participant_id = %s AND task = %s)"] * len(pairs))
        table = connection.ops.quote_name(Contribution._meta.db_table)
        statements.append(
            (
                f"DELETE FROM {table} WHERE session_id = %s AND ({either})",  # noqa: S608
                [session_id, *(value for pair in pairs for value in pair)],
            )
        )
    if changes.added:
        statements.append(
            _insert(
                Contribution,
                [
                    Contribution(session_id=session_id, participant_id=pid, task=task)
                    for pid, task in sorted(changes.added)
                ],
            )
        )
    separate: list[tuple[str, list[Any]]] = []
    if changes.stale:
        again = changes.stale & {absence.participant_id for absence in changes.announced}
        (separate if again else statements).append(
            _delete(AnnouncedAbsence, session_id, changes.stale)
        )
    if changes.announced:
        statements.append(_insert(AnnouncedAbsence, changes.announced))
    statements.append(_insert(AuditEvent, [audit]))
    if connection.vendor == "postgresql":
        *writes, (last, last_params) = statements
        head = ", ".join(f"w{index} AS ({sql})" for index, (sql, _p) in enumerate(writes))
        sql = f"WITH {head} {last}" if writes else last
        statements = [(sql, [value for _s, params in writes for value in params] + last_params)]
    with connection.cursor() as cursor:
        for sql, params in [*separate, *statements]:
            cursor.execute(sql, params)
