"""Comparing an import's valid rows with what is stored (reads only, a fixed number of
queries): which sessions exist or are made, and which marks, contributions, announced
absences, activity links and notes are new. `writing` carries the plan out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from vangnet.networks.importing.records import ImportCheck, ImportResult, ImportRow


@dataclass
class ImportPlan:
    result: ImportResult
    sessions: dict[dt.date, Any] = field(default_factory=dict)  # existing session, None = create
    attendance: list[tuple[dt.date, str]] = field(default_factory=list)  # (date, name key)
    contributions: list[tuple[dt.date, str, str]] = field(default_factory=list)
    absences: list[tuple[dt.date, str, str]] = field(default_factory=list)  # reason last
    links: dict[dt.date, set[int]] = field(default_factory=dict)  # activity ids per date
    notes: dict[dt.date, str] = field(default_factory=dict)  # new note text per date
    touched: set[dt.date] = field(default_factory=set)  # existing sessions that change


def import_plan(network: Any, check: ImportCheck) -> ImportPlan:
    """Compare the valid rows with what is stored: reads only, a fixed number of queries."""
    from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session

    rows = check.rows
    first, last = min(r.date for r in rows), max(r.date for r in rows)
    in_range = {"session__network": network, "session__date__gte": first}
    in_range["session__date__lte"] = last
    candidates: dict[dt.date, list[Any]] = {}
    for session in (
        Session.objects.filter(network=network, date__gte=first, date__lte=last)
        .prefetch_related("activities")
        .order_by("is_one_off", "id")
    ):
        candidates.setdefault(session.date, []).append(session)
    by_date: dict[dt.date, list[ImportRow]] = {}
    for row in rows:
        by_date.setdefault(row.date, []).append(row)

    plan = ImportPlan(
        result=ImportResult(rows=len(rows), participants_created=len(check.new_names))
    )
    for date, date_rows in by_date.items():
        wanted = {r.activity.pk for r in date_rows if r.activity is not None}
        options = candidates.get(date, [])
        linked = [s for s in options if wanted & {a.pk for a in s.activities.all()}]
        session = (linked or options or [None])[0]
        plan.sessions[date] = session
        have = set() if session is None else {a.pk for a in session.activities.all()}
        if wanted - have:
            plan.links[date] = wanted - have
        texts = list(dict.fromkeys(r.note for r in date_rows if r.note))
        stored = "" if session is None else session.note
        texts = [text for text in texts if text not in stored]
        if texts:
            plan.notes[date] = "\n".join(([stored] if stored else []) + texts)
        if session is not None and (wanted - have or texts or not session.recorded):
            plan.touched.add(date)

    present = set(Attendance.objects.filter(**in_range).values_list("session_id", "participant_id"))
    done = {
        (session_id, pid, task.casefold())
        for session_id, pid, task in Contribution.objects.filter(**in_range).values_list(
            "session_id", "participant_id", "task"
        )
    }
    announced = set(
        AnnouncedAbsence.objects.filter(**in_range).values_list("session_id", "participant_id")
    )
    result = plan.result
    for row in rows:
        session = plan.sessions[row.date]
        ids = (session.pk if session else None, row.participant.pk if row.participant else None)
        if row.absent is not None:
            # Added like the rest; what is stored stays (presence wins over an absence).
            if ids in announced or ids in present:
                result.absences_present += 1
            else:
                result.absences_added += 1
                plan.absences.append((row.date, row.key, row.absent))
                plan.touched.add(row.date)
            continue
        if not row.present:
            result.absent_rows += 1
            continue
        if ids in present:
            result.attendance_present += 1
        else:
            result.attendance_added += 1
            plan.attendance.append((row.date, row.key))
            plan.touched.add(row.date)
        for task in row.contributions:
            if (*ids, task.casefold()) in done:
                result.contributions_present += 1
            else:
                result.contributions_added += 1
                plan.contributions.append((row.date, row.key, task))
                plan.touched.add(row.date)
    existing = {date for date, session in plan.sessions.items() if session is not None}
    result.sessions_created = len(plan.sessions) - len(existing)
    result.sessions_updated = len(plan.touched & existing)
    result.sessions_unchanged = len(existing - plan.touched)
    return plan
