"""Writes for sessions (bijeenkomsten): the concurrency-safe recording of attendance and
contributions (making sessions from the schedule: `networks.sessions.schedule_services`).

The merge rule of `session_record_attendance` (docs/session-screen.md): a save carries the
state the screen was rendered with. Only the differences between that state and what the
worker submits are applied to the (locked) stored state, so two workers who save the same
session at the same time keep each other's marks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_event
from vangnet.core.after_response import after_response
from vangnet.networks.models import (
    AnnouncedAbsence,
    Session,
)
from vangnet.networks.sessions.absences import (
    absences_check_reasons,
    clean_absence_reason,
    merge_absences,
)
from vangnet.networks.sessions.stored import MarkChanges, SessionRow, stored_marks, write_marks

if TYPE_CHECKING:
    from django.http import HttpRequest


CONTRIBUTION_MAX_LENGTH = 120
NEWCOMER_MAX_LENGTH = 80
NOTE_MAX_LENGTH = 5000
NOTE_SEPARATOR = "\n\n---\n"


# --------------------------------------------------------------------------- recording


@dataclass(frozen=True)
class AttendanceMarks:
    """Who is present, who contributed what and who announced their absence (afgemeld, with
    a reason that may be empty), as participant ids, (id, task) and (id, reason) pairs."""

    present: frozenset[int] = frozenset()
    contributions: frozenset[tuple[int, str]] = frozenset()
    absent: frozenset[tuple[int, str]] = frozenset()

    @classmethod
    def build(
        cls,
        present: Iterable[int] = (),
        contributions: Iterable[tuple[int, str]] = (),
        absent: Iterable[tuple[int, str]] = (),
    ) -> AttendanceMarks:
        return cls(frozenset(present), frozenset(contributions), frozenset(absent))

    def normalised(self) -> AttendanceMarks:
        """Trim texts, drop empty ones and duplicates; a contribution implies presence, and
        presence wins over an announced absence of the same person."""
        contributions = set()
        for participant_id, task in self.contributions:
            text = " ".join(str(task).split())
            if not text:
                continue
            if len(text) > CONTRIBUTION_MAX_LENGTH:
                raise ValidationError(
                    _("Een bijdrage mag hoogstens %(max)d tekens hebben.")
                    % {"max": CONTRIBUTION_MAX_LENGTH},
                    code="contribution_too_long",
                )
            contributions.add((int(participant_id), text))
        present = {int(pid) for pid in self.present} | {pid for pid, _ in contributions}
        absent = {}
        for participant_id, reason in sorted(self.absent):
            if int(participant_id) not in present:
                absent[int(participant_id)] = clean_absence_reason(reason)
        return AttendanceMarks(
            frozenset(present), frozenset(contributions), frozenset(absent.items())
        )


@dataclass
class AttendanceResult:
    session: Session
    present_count: int
    contribution_count: int
    absent_count: int = 0
    added: int = 0
    removed: int = 0
    contributions_added: int = 0
    contributions_removed: int = 0
    newcomers: list[Any] = field(default_factory=list)
    merged: bool = False  # someone else saved this session after the screen was loaded
    note_conflict: bool = False  # both changed the note: both texts were kept


def _normalise_note(text: str) -> str:
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _merge_note(*, stored: str, submitted: str, base: str) -> tuple[str, bool]:
    """Return (new note, conflict). The worker's change wins unless the stored note also
    changed since the screen was loaded: then both are kept, separated by a line."""
    stored, submitted, base = (_normalise_note(t) for t in (stored, submitted, base))
    if submitted == base or submitted == stored:
        return stored, False
    if stored == base:
        return submitted, False
    added = submitted[len(base) :].strip() if base and submitted.startswith(base) else submitted
    if not added or added in stored:
        return stored, False
    return (f"{stored}{NOTE_SEPARATOR}{added}" if stored else added), True


def _clean_newcomers(names: Sequence[str]) -> list[str]:
    cleaned: list[str] = []
    for name in names:
        name = " ".join((name or "").split())
        if not name:
            continue
        if len(name) > NEWCOMER_MAX_LENGTH:
            raise ValidationError(
                {
                    "newcomer": _("Een naam mag hoogstens %(max)d tekens hebben.")
                    % {"max": NEWCOMER_MAX_LENGTH}
                }
            )
        if name.casefold() not in {n.casefold() for n in cleaned}:
            cleaned.append(name)
    return cleaned


def session_record_attendance(
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
    and_then: Callable[[], object] | None = None,
    locked: bool = False,
) -> AttendanceResult:
    """Save the session screen: merge the worker's changes into the stored state.

    `marks` is what the worker submitted, `base_marks`/`base_note`/`base_version` what the
    screen showed when it was loaded. Presence and contributions the worker added or
    removed relative to the base are applied to the locked, current state; anything another
    worker saved in between is kept. Participant ids must belong to the session's network.
    `newcomers` are first names of people who came for the first time: each becomes a
    participant of the network, marked present. `and_then` is saved in the same transaction
    after the marks (the screen's "voor de buurt" section), so the screen's save is one
    transaction without a savepoint.

    The save runs in its own transaction and first locks the session and its network,
    unless `locked`: then the caller has opened the transaction and read `session` in it
    with `select_for_update(of=("self", "network"))` and the network's organisation (the
    screen's view, `session_for_save(lock=True)`), and a ValidationError must leave that
    transaction (nothing is kept).
    """
    from vangnet.participants.followup_services import followups_refresh
    from vangnet.participants.models import Participant
    from vangnet.participants.services import participant_create

    if locked and not transaction.get_connection().in_atomic_block:
        raise transaction.TransactionManagementError("A locked session needs its transaction.")
    caller = session
    with contextlib.nullcontext() if locked else transaction.atomic():
        marks = marks.normalised()
        base_marks = base_marks.normalised()
        names = _clean_newcomers(newcomers)
        note = _normalise_note(note)
        if len(note) > NOTE_MAX_LENGTH:
            raise ValidationError(
                {
                    "note": _("De notitie mag hoogstens %(max)d tekens hebben.")
                    % {"max": NOTE_MAX_LENGTH}
                }
            )

        # The session and its network are locked (saves of one network take turns); the
        # organisation (its follow-up rule) is read in the same query but not locked.
        if not locked:
            session = (
                Session.objects.select_for_update(of=("self", "network"))
                .select_related("network__organisation")
                .get(pk=session.pk)
            )
        network = session.network
        mentioned = (
            marks.present
            | base_marks.present
            | {pid for pid, _ in marks.contributions | base_marks.contributions}
            | {pid for pid, _ in marks.absent | base_marks.absent}
        )
        # The session's own row follows from the locked read alone: the merged note, the
        # next version. Written in the statement that reads the stored state and which
        # mentioned people are the network's (on PostgreSQL; stored.py), else below.
        merged_note, note_conflict = _merge_note(
            stored=session.note, submitted=note, base=base_note
        )
        merged = base_version != session.version
        was_recorded = session.recorded
        row = SessionRow(
            note=merged_note,
            version=session.version + 1,
            updated_by_id=getattr(recorded_by, "pk", None),
            updated_at=timezone.now(),
        )
        stored = stored_marks(
            session_id=session.pk, network_id=network.pk, mentioned=mentioned, row=row
        )
        if mentioned - stored.known:
            raise ValidationError(
                _("Niet alle deelnemers horen bij dit vangnetwerk. Er is niets opgeslagen."),
                code="foreign_participant",
            )
        current_present, current_contrib = stored.present, stored.contributions
        new_contrib = (current_contrib | (marks.contributions - base_marks.contributions)) - (
            base_marks.contributions - marks.contributions
        )
        new_present = (current_present | (marks.present - base_marks.present)) - (
            base_marks.present - marks.present
        )
        new_present |= {pid for pid, _ in new_contrib}
        current_absent = stored.absent
        absences_check_reasons(
            organisation=network.organisation,
            submitted=dict(marks.absent),
            known={**dict(base_marks.absent), **current_absent},
        )
        # An absence this worker announced takes the person off the list (with what they did).
        new_absent, announced_now = merge_absences(
            current=current_absent, submitted=dict(marks.absent), base=dict(base_marks.absent)
        )
        new_present -= announced_now
        new_contrib = {(pid, task) for pid, task in new_contrib if pid not in announced_now}

        created_people = []
        for name in names:
            existing = (
                Participant.objects.filter(
                    network=network, display_name__iexact=name, pk__in=new_present
                )
                .order_by("pk")
                .first()
            )
            if existing is not None:  # already here (for example a double tap on save)
                continue
            try:
                person = participant_create(
                    network=network, display_name=name, actor=recorded_by, request=request
                )
            except ValidationError as exc:
                raise ValidationError({"newcomer": exc.messages}) from exc
            created_people.append(person)
            new_present.add(person.pk)

        gone = current_present - new_present
        arrived = new_present - current_present
        dropped = current_contrib - new_contrib
        added = new_contrib - current_contrib
        # Presence wins over an absence announced earlier (they came after all).
        new_absent = {pid: reason for pid, reason in new_absent.items() if pid not in new_present}
        stale = {pid for pid, reason in current_absent.items() if new_absent.get(pid) != reason}
        announced = [
            AnnouncedAbsence(
                session=session, participant_id=pid, reason=reason, recorded_by=recorded_by
            )
            for pid, reason in sorted(new_absent.items())
            if current_absent.get(pid) != reason
        ]

        # What the follow-up rule reads of this session: whether it is recorded, who came, who
        # announced their absence (participants.followup_rule). A save that changed none of it
        # (a task, the note) cannot make anyone due.
        followup_inputs_changed = bool(
            not was_recorded or gone or arrived or stale or announced or created_people
        )
        if not stored.row_written:
            Session.objects.filter(pk=session.pk).update(**row.values())
        session.note, session.version, session.recorded = row.note, row.version, row.recorded
        session.updated_by, session.updated_at = recorded_by, row.updated_at

        # Who is now due a follow-up call: checked after the worker has their answer (at once
        # outside a request); the check is idempotent and the follow-up list runs it again.
        today = timezone.localdate()
        if followup_inputs_changed:
            after_response(lambda: followups_refresh(network=network, today=today))
        # The marks' changes and the save's audit record: one statement on PostgreSQL.
        write_marks(
            session_id=session.pk,
            changes=MarkChanges(gone, arrived, dropped, added, stale, announced),
            audit=audit_event(
                actor=recorded_by,
                action="update",
                obj=session,
                detail=(
                    f"aanwezig {len(new_present)} (+{len(arrived)} -{len(gone)}), "
                    f"bijdragen {len(new_contrib)} (+{len(added)} -{len(dropped)}), "
                    f"afgemeld {len(new_absent)}, nieuw {len(created_people)}, "
                    f"versie {session.version}"
                ),
                request=request,
            ),
        )
        caller.version, caller.note, caller.recorded = session.version, session.note, True
        if and_then is not None:
            and_then()
        return AttendanceResult(
            session=session,
            present_count=len(new_present),
            contribution_count=len(new_contrib),
            absent_count=len(new_absent),
            added=len(arrived),
            removed=len(gone),
            contributions_added=len(added),
            contributions_removed=len(dropped),
            newcomers=created_people,
            merged=merged,
            note_conflict=note_conflict,
        )
