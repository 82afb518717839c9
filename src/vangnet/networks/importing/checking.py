"""Import of sessions and attendance from CSV and XLSX (docs/import.md).

Three steps, each usable on its own:

1. `read_table` (in import_reading.py) turns a file (bytes, an uploaded file or rows) into a
   header and numbered rows;
2. `attendance_import_check` validates every row and plans the import without writing;
3. `attendance_import` (in import_writing.py) runs the check again inside one transaction
   and writes the plan.

A file with any invalid row is rejected whole: `ImportRejected` carries the per-row report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.networks.importing.names import NEW, NameQuestion, lookalikes, resolve
from vangnet.networks.importing.reading import (
    ANNOUNCED,
    COLUMNS,
    MAX_ACTIVITY,
    MAX_CONTRIBUTION,
    MAX_NAME,
    MAX_NOTE,
    MAX_SESSION_NOTE,
    NO,
    REQUIRED_COLUMNS,
    YES,
    ImportRejected,
    RowError,
    cell_text,
    is_empty,
    name_key,
    read_table,
    shorten,
)

if TYPE_CHECKING:
    pass

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


@dataclass
class ImportRow:
    line: int
    date: dt.date
    name: str
    key: str
    present: bool
    contributions: list[str]
    activity: Any  # Activity | None
    note: str
    participant: Any = None  # Participant, or None when it will be created
    absent: str | None = None  # an announced absence (afgemeld): its reason, "" without one


@dataclass
class ImportResult:
    """What an import did (or, for a check, would do)."""

    rows: int = 0
    sessions_created: int = 0
    sessions_updated: int = 0
    sessions_unchanged: int = 0
    attendance_added: int = 0
    attendance_present: int = 0
    contributions_added: int = 0
    contributions_present: int = 0
    participants_created: int = 0
    absent_rows: int = 0
    absences_added: int = 0
    absences_present: int = 0  # already announced, or the person is present: kept as it is
    dry_run: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return dict(self.__dict__)


@dataclass
class ImportCheck:
    errors: list[RowError] = field(default_factory=list)
    rows: list[ImportRow] = field(default_factory=list)
    new_names: dict[str, str] = field(default_factory=dict)  # key -> display name
    questions: dict[str, NameQuestion] = field(default_factory=dict)  # key -> lookalikes
    summary: ImportResult | None = None
    plan: Any = None

    @property
    def is_valid(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------- validating


def map_header(header: list[str]) -> tuple[dict[str, int], list[RowError]]:
    aliases = {alias: canonical for canonical, names in COLUMNS.items() for alias in names}
    mapping: dict[str, int] = {}
    errors: list[RowError] = []
    for index, title in enumerate(header):
        normal = " ".join(title.lstrip("\ufeff").split()).casefold()
        if not normal:
            continue
        canonical = aliases.get(normal)
        if canonical is None:
            errors.append(
                RowError(
                    1,
                    shorten(title),
                    _("Deze kolom ken ik niet. Bekende kolommen: %(names)s.")
                    % {"names": ", ".join(COLUMNS)},
                )
            )
        elif canonical in mapping:
            errors.append(RowError(1, canonical, _("Deze kolom staat twee keer in de kopregel.")))
        else:
            mapping[canonical] = index
    for canonical in REQUIRED_COLUMNS:
        if canonical not in mapping:
            errors.append(RowError(1, canonical, _("Deze kolom ontbreekt in de kopregel.")))
    return mapping, errors


def parse_date(value: Any) -> dt.date:
    """A date from a cell: a date/datetime (XLSX), dd-mm-jjjj or jjjj-mm-dd. ValueError if not."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value)
    match = _DMY.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _YMD.match(text)
        if not match:
            raise ValueError(text)
        year, month, day = (int(part) for part in match.groups())
    return dt.date(year, month, day)


# What the `aanwezig` column says: present, not there, or announced absent (afgemeld).
PRESENT, NOT_THERE, ANNOUNCED_ABSENT = "present", "not_there", "announced"


def _parse_present(value: Any) -> str | None:
    text = cell_text(value).casefold()
    if not text or text in YES:
        return PRESENT
    if text in NO:
        return NOT_THERE
    return ANNOUNCED_ABSENT if text in ANNOUNCED else None


def attendance_import_check(
    *,
    network,
    source: Any,
    filename: str = "",
    create_participants: bool = False,
    today: dt.date | None = None,
    name_choices: Mapping[str, str] | None = None,
) -> ImportCheck:
    """Read and validate every row and plan the import, without writing anything.

    Returns an ImportCheck with either `errors` (per row, in Dutch) or `summary`: the counts
    the import would produce. Never raises for a bad file. A name that resembles a known
    participant is an error with a question (`questions`) until `name_choices` answers it
    (importing/names.py).
    """
    try:
        header, rows = read_table(source, filename)
    except ImportRejected as exc:
        return ImportCheck(errors=exc.row_errors)
    mapping, errors = map_header(header)
    if errors:
        return ImportCheck(errors=errors)
    check = _validate_rows(network, mapping, rows, create_participants, today, name_choices or {})
    if check.is_valid:
        check.plan = _plan(network, check)
        check.summary = check.plan.result
    return check


def _validate_rows(network, mapping, rows, create_participants, today, choices) -> ImportCheck:
    from vangnet.networks.models import Activity
    from vangnet.networks.sessions.absences import absence_reasons
    from vangnet.participants.models import Participant

    today = today or timezone.localdate()
    reasons = {reason.casefold(): reason for reason in absence_reasons(network.organisation)}
    people: dict[str, list[Any]] = {}
    for known in Participant.objects.filter(network=network).only("id", "display_name"):
        people.setdefault(name_key(known.display_name), []).append(known)
    activities: dict[str, list[Any]] = {}
    for planned in Activity.objects.filter(network=network):
        activities.setdefault(name_key(planned.name), []).append(planned)

    check = ImportCheck()
    errors = check.errors
    seen: dict[tuple[dt.date, str], int] = {}
    notes: dict[dt.date, int] = {}
    width = max(mapping.values()) + 1

    def cell(cells: list[Any], column: str) -> Any:
        index = mapping.get(column)
        return cells[index] if index is not None and index < len(cells) else None

    unknown: dict[str, str] = {}
    for _line, cells in rows:
        typed = " ".join(cell_text(cell(cells, "deelnemer")).split())
        if typed and len(typed) <= MAX_NAME and name_key(typed) not in people:
            unknown.setdefault(name_key(typed), typed)
    alike = lookalikes(network=network, names=unknown)

    for line, cells in rows:
        before = len(errors)

        def error(column: str, message: str, line: int = line) -> None:
            errors.append(RowError(line, column, message))

        if any(not is_empty(value) for value in cells[width:]):
            error("", _("Deze rij heeft meer waarden dan er kolommen in de kopregel staan."))
        raw_date, date = cell(cells, "datum"), None
        if is_empty(raw_date):
            error("datum", _("De datum ontbreekt."))
        else:
            try:
                date = parse_date(raw_date)
            except (ValueError, OverflowError):
                error(
                    "datum",
                    _("'%(value)s' is geen geldige datum. Schrijf bijvoorbeeld 05-02-2025.")
                    % {"value": shorten(raw_date)},
                )
            else:
                if date < network.start_date:
                    error(
                        "datum",
                        _("Deze datum ligt voor de start van het vangnetwerk (%(start)s).")
                        % {"start": network.start_date.strftime("%d-%m-%Y")},
                    )
                elif date > today:
                    error("datum", _("Deze datum ligt in de toekomst."))

        name = " ".join(cell_text(cell(cells, "deelnemer")).split())
        key, person = name_key(name), None
        if not name:
            error("deelnemer", _("De naam van de deelnemer ontbreekt."))
        elif len(name) > MAX_NAME:
            error("deelnemer", _("Een naam mag hoogstens %(max)d tekens hebben.") % {"max": 80})
        elif len(people.get(key, [])) > 1:
            error(
                "deelnemer",
                _(
                    "Er zijn meer deelnemers met de naam '%(name)s'. Geef ze eerst in Vangnet "
                    "verschillende namen."
                )
                % {"name": name},
            )
        elif key in people:
            person = people[key][0]
        elif key in alike:
            answer, chosen = resolve(
                alike[key], choices.get(key, ""), create_participants=create_participants
            )
            if answer == "person":
                person = chosen
            elif answer == NEW:
                check.new_names.setdefault(key, name)
            else:
                question = check.questions.setdefault(
                    key, NameQuestion(key=key, name=unknown[key], matches=alike[key])
                )
                question.lines.append(line)
                error(
                    "deelnemer",
                    _("'%(name)s' lijkt op %(known)s: kies wie het is.")
                    % {
                        "name": name,
                        "known": ", ".join(m.participant.display_name for m in alike[key]),
                    },
                )
        elif create_participants:
            check.new_names.setdefault(key, name)
        else:
            error(
                "deelnemer",
                _(
                    "'%(name)s' is geen deelnemer van dit vangnetwerk. Voeg de deelnemer eerst "
                    "toe, of kies 'maak nieuwe deelnemers aan'."
                )
                % {"name": name},
            )

        state = _parse_present(cell(cells, "aanwezig"))
        present = None if state is None else state == PRESENT
        if state is None:
            error("aanwezig", _("Vul 'ja', 'nee' of 'afgemeld' in (leeg telt als ja)."))
        reason = " ".join(cell_text(cell(cells, "reden")).split())
        absent = None
        if reason and state != ANNOUNCED_ABSENT:
            error("reden", _("Een reden hoort bij een afmelding: zet 'afgemeld' in 'aanwezig'."))
        elif reason and reason.casefold() not in reasons:
            error(
                "reden",
                _(
                    "'%(value)s' staat niet in de lijst met redenen (%(list)s). Laat de reden leeg "
                    "of kies een reden uit de lijst."
                )
                % {"value": shorten(reason), "list": ", ".join(reasons.values()) or "-"},
            )
        elif state == ANNOUNCED_ABSENT:
            absent = reasons.get(reason.casefold(), "")
        contributions: list[str] = []
        for part in cell_text(cell(cells, "bijdrage")).split("|"):
            task = " ".join(part.split())
            if len(task) > MAX_CONTRIBUTION:
                error(
                    "bijdrage",
                    _("Een bijdrage mag hoogstens %(max)d tekens hebben.")
                    % {"max": MAX_CONTRIBUTION},
                )
            elif task and task.casefold() not in {c.casefold() for c in contributions}:
                contributions.append(task)
        if contributions and state in {NOT_THERE, ANNOUNCED_ABSENT}:
            error("bijdrage", _("Iemand die er niet was, kan geen bijdrage hebben."))

        activity = None
        activity_name = " ".join(cell_text(cell(cells, "activiteit")).split())
        if len(activity_name) > MAX_ACTIVITY:
            error("activiteit", _("De naam van de activiteit is te lang."))
        elif activity_name:
            matches = activities.get(name_key(activity_name), [])
            if not matches:
                error(
                    "activiteit",
                    _("'%(value)s' is geen activiteit van dit vangnetwerk.")
                    % {"value": shorten(activity_name)},
                )
            else:
                current = [
                    a
                    for a in matches
                    if date
                    and a.active_from <= date
                    and (a.active_until is None or date <= a.active_until)
                ]
                activity = (current or sorted(matches, key=lambda a: a.active_from))[-1]

        note = cell_text(cell(cells, "notitie"))
        if len(note) > MAX_NOTE:
            error("notitie", _("Een notitie mag hoogstens %(max)d tekens hebben.") % {"max": 1000})
        elif note and date:
            notes[date] = notes.get(date, 0) + len(note) + 1
            if notes[date] > MAX_SESSION_NOTE:
                error("notitie", _("De notities bij deze datum zijn samen te lang."))

        if date and name:
            first = seen.setdefault((date, key), line)
            if first != line:
                error(
                    "deelnemer",
                    _("Deze deelnemer staat op deze datum al op rij %(row)d.") % {"row": first},
                )
        if len(errors) == before and date is not None:  # no error: the date was read
            check.rows.append(
                ImportRow(line, date, name, key, bool(present), contributions, activity, note)
            )
            check.rows[-1].participant = person
            check.rows[-1].absent = absent
    if errors:
        check.rows = []
        check.new_names = {}
    return check


# --------------------------------------------------------------------------- planning


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


def _plan(network, check: ImportCheck) -> ImportPlan:
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
