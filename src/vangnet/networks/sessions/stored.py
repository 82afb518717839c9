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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection
from django.db.models import Field

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
