"""Sending a session save that waited on the phone (offline) through the merge-safe save.

The phone sends what the worker saved offline together with the state the stored screen
was made from (its version, marks and note), exactly as the screen's own form does.
`session_record_attendance` applies only the worker's differences, so anything saved online
in between stays. Before that, marks about people who can no longer be recorded (erased, or
no longer in this network) are taken out: the rest is saved and each left-out person is
reported with the reason. A newcomer name that resembles a known person is not created
blindly: it is reported so the worker can choose on the screen (`newcomers.resolve_newcomers`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction

from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session
from vangnet.networks.sessions.services import (
    AttendanceMarks,
    AttendanceResult,
    session_record_attendance,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

# Why a person's marks could not be saved (the phone words them with the name it knows).
ERASED = "erased"
NOT_IN_NETWORK = "not_in_network"


@dataclass
class OfflineSyncResult:
    result: AttendanceResult
    left_out: dict[int, str] = field(default_factory=dict)  # participant id -> reason code
    # People whose marks this worker and someone else (online, in between) both changed,
    # where the stored result differs from what this worker chose.
    overlap: list[int] = field(default_factory=list)


def _people(marks: AttendanceMarks) -> set[int]:
    return (
        set(marks.present)
        | {pid for pid, _ in marks.contributions}
        | {pid for pid, _ in marks.absent}
    )


def _state_of(marks: AttendanceMarks, pid: int) -> tuple[bool, frozenset[str], str | None]:
    absent = dict(marks.absent)
    return (
        pid in marks.present,
        frozenset(task for person, task in marks.contributions if person == pid),
        absent.get(pid),
    )


def _without(marks: AttendanceMarks, people: set[int]) -> AttendanceMarks:
    return AttendanceMarks.build(
        (pid for pid in marks.present if pid not in people),
        ((pid, task) for pid, task in marks.contributions if pid not in people),
        ((pid, reason) for pid, reason in marks.absent if pid not in people),
    )


def _stored_marks(session: Session) -> AttendanceMarks:
    return AttendanceMarks.build(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True),
        Contribution.objects.filter(session=session).values_list("participant_id", "task"),
        AnnouncedAbsence.objects.filter(session=session).values_list("participant_id", "reason"),
    )


@transaction.atomic
def session_sync_offline(
    *,
    session: Session,
    marks: AttendanceMarks,
    note: str,
    base_marks: AttendanceMarks,
    base_note: str,
    base_version: int,
    recorded_by: Any,
    newcomers: Sequence[str] = (),
    request: HttpRequest | None = None,
) -> OfflineSyncResult:
    """Save an offline-queued session screen: everything that can still be saved is saved
    (merged with saves made in between); what cannot is returned in `left_out`."""
    from vangnet.participants.models import Participant
    from vangnet.privacy.models import ErasureRecord

    marks = marks.normalised()
    base_marks = base_marks.normalised()
    # Lock first, so the state compared below is the one the save merges into.
    locked = Session.objects.select_for_update().get(pk=session.pk)
    mentioned = _people(marks) | _people(base_marks)
    in_network = set(
        Participant.objects.filter(network_id=locked.network_id, pk__in=mentioned).values_list(
            "pk", flat=True
        )
    )
    erased = set(
        ErasureRecord.objects.filter(participant_id__in=in_network).values_list(
            "participant_id", flat=True
        )
    )
    left_out = {pid: NOT_IN_NETWORK for pid in mentioned - in_network}
    left_out |= {pid: ERASED for pid in erased}
    # Only people the worker actually changed are worth reporting.
    changed = {pid for pid in mentioned if _state_of(marks, pid) != _state_of(base_marks, pid)}
    left_out = {pid: why for pid, why in left_out.items() if pid in changed}
    gone = set(mentioned - in_network) | erased
    marks, base_marks = _without(marks, gone), _without(base_marks, gone)

    overlap: list[int] = []
    if locked.version != base_version:
        stored = _stored_marks(locked)
        for pid in sorted(changed - gone):
            others = _state_of(stored, pid) != _state_of(base_marks, pid)
            if others and _state_of(stored, pid) != _state_of(marks, pid):
                overlap.append(pid)

    result = session_record_attendance(
        session=locked,
        marks=marks,
        note=note,
        base_marks=base_marks,
        base_note=base_note,
        base_version=base_version,
        recorded_by=recorded_by,
        newcomers=newcomers,
        request=request,
    )
    session.version, session.note, session.recorded = locked.version, locked.note, True
    return OfflineSyncResult(result=result, left_out=left_out, overlap=overlap)
