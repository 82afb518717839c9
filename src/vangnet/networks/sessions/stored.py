"""The stored state a save of the session screen merges into, read in one statement.

`session_record_attendance` (services.py) needs, under the session's lock, the session's
attendance marks, contributions and announced absences, and which of the participant ids the
save mentions belong to the session's network. Four queries before issue 21's second round;
one now (a UNION ALL of the four reads, every name a model's table, every value a
parameter), whatever the number of marks.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from django.db import connection

from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution


@dataclass
class StoredMarks:
    present: set[int] = field(default_factory=set)
    contributions: set[tuple[int, str]] = field(default_factory=set)
    absent: dict[int, str] = field(default_factory=dict)  # participant id: reason
    known: set[int] = field(default_factory=set)  # the mentioned ids of the network's people


def stored_marks(*, session_id: int, network_id: int, mentioned: Collection[int]) -> StoredMarks:
    """The session's stored marks and the ids of `mentioned` that are the network's
    participants, in one query."""
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
    params: list[int] = [session_id, session_id, session_id]
    ids = sorted({int(pid) for pid in mentioned})
    if ids:
        marks = ", ".join(["%s"] * len(ids))
        sql += (
            f" UNION ALL SELECT 3, id, '' FROM {participant} "  # noqa: S608
            f"WHERE network_id = %s AND id IN ({marks})"
        )
        params += [network_id, *ids]
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
        else:
            stored.known.add(pid)
    return stored
