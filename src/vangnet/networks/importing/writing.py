"""Writing a validated attendance import in one transaction (docs/import.md).

`attendance_import` re-runs the check of checking.py inside the transaction and writes its
plan; a file with any invalid row raises ImportRejected and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from vangnet.core.typing import signed_in
from vangnet.networks.importing.checking import attendance_import_check
from vangnet.networks.importing.comparing import ImportPlan
from vangnet.networks.importing.reading import ImportRejected, RowError
from vangnet.networks.importing.records import ImportCheck, ImportResult

# --------------------------------------------------------------------------- writing


def attendance_import(
    *,
    network,
    source: Any,
    filename: str = "",
    create_participants: bool = False,
    actor,
    request=None,
    today: dt.date | None = None,
    name_choices: Mapping[str, str] | None = None,
) -> ImportResult:
    """Validate and import a file in one transaction; raise ImportRejected (nothing written)
    if any row is invalid. Importing the same file again adds nothing.

    `actor` may be None (the command line without --user); the audit record then has no actor.
    """
    from django.db import transaction

    from vangnet.networks.models import Network

    today = today or timezone.localdate()
    with transaction.atomic():
        # One import per network at a time, so two imports cannot both create a session.
        Network.objects.select_for_update().filter(pk=network.pk).first()
        check = attendance_import_check(
            network=network,
            source=source,
            filename=filename,
            create_participants=create_participants,
            today=today,
            name_choices=name_choices,
        )
        if not check.is_valid:
            raise ImportRejected(check.errors)
        _write(network, check, actor, request)
        result = check.plan.result
        _after_import(network=network, result=result, actor=actor, request=request, today=today)
    return result


def _write(network, check: ImportCheck, actor, request) -> None:
    from django.db.models import F

    from vangnet.networks.models import (
        Activity,
        AnnouncedAbsence,
        Attendance,
        Contribution,
        Session,
    )
    from vangnet.participants.services import participant_create

    plan: ImportPlan = check.plan
    user = signed_in(actor)
    people = {row.key: row.participant.pk for row in check.rows if row.participant is not None}
    first_seen: dict[str, dt.date] = {}
    for row in check.rows:
        first_seen[row.key] = min(first_seen.get(row.key, row.date), row.date)
    for key, name in check.new_names.items():
        try:
            person = participant_create(
                network=network,
                display_name=name,
                actor=user,
                invited_on=first_seen[key],
                request=request,
            )
        except (ValidationError, ValueError) as exc:
            line = next(row.line for row in check.rows if row.key == key)
            raise ImportRejected([RowError(line, "deelnemer", "; ".join(_messages(exc)))]) from exc
        people[key] = person.pk

    new_dates = sorted(date for date, session in plan.sessions.items() if session is None)
    created = Session.objects.bulk_create(
        [
            Session(
                network=network,
                date=date,
                note=plan.notes.get(date, ""),
                recorded=True,
                updated_by=user,
            )
            for date in new_dates
        ]
    )
    sessions = {date: s.pk for date, s in plan.sessions.items() if s is not None}
    sessions.update({session.date: session.pk for session in created})
    schedule = list(Activity.objects.filter(network=network))
    for session in created:  # link the activity named in the file, else the weekly schedule
        if session.date not in plan.links:
            plan.links[session.date] = {
                a.pk
                for a in schedule
                if a.weekday == session.date.weekday()
                and a.active_from <= session.date
                and (a.active_until is None or session.date <= a.active_until)
            }
    for date in sorted(plan.touched - set(new_dates)):
        changes = {"recorded": True, "version": F("version") + 1, "updated_by": user}
        if date in plan.notes:
            changes["note"] = plan.notes[date]
        Session.objects.filter(pk=sessions[date]).update(updated_at=timezone.now(), **changes)
    Session.activities.through.objects.bulk_create(
        [
            Session.activities.through(session_id=sessions[date], activity_id=activity_id)
            for date, ids in plan.links.items()
            for activity_id in sorted(ids)
        ],
        ignore_conflicts=True,
    )
    Attendance.objects.bulk_create(
        [
            Attendance(session_id=sessions[date], participant_id=people[key])
            for date, key in plan.attendance
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    Contribution.objects.bulk_create(
        [
            Contribution(session_id=sessions[date], participant_id=people[key], task=task)
            for date, key, task in plan.contributions
        ],
        ignore_conflicts=True,
        batch_size=500,
    )
    AnnouncedAbsence.objects.bulk_create(
        [
            AnnouncedAbsence(
                session_id=sessions[date],
                participant_id=people[key],
                reason=reason,
                recorded_by=user,
            )
            for date, key, reason in plan.absences
        ],
        ignore_conflicts=True,
        batch_size=500,
    )


def _messages(exc: Exception) -> list[str]:
    return list(getattr(exc, "messages", None) or [str(exc)])


def _after_import(*, network, result: ImportResult, actor, request, today: dt.date) -> None:
    from vangnet.audit.services import audit_record
    from vangnet.participants.followup_services import followups_refresh

    audit_record(
        actor=actor,
        action="import",
        obj=network,
        detail=(
            f"rijen {result.rows}, bijeenkomsten +{result.sessions_created} "
            f"~{result.sessions_updated}, aanwezig +{result.attendance_added}, "
            f"bijdragen +{result.contributions_added}, afgemeld +{result.absences_added}, "
            f"deelnemers +{result.participants_created}"
        ),
        request=request,
        organisation=network.organisation,
    )
    followups_refresh(network=network, today=today)
