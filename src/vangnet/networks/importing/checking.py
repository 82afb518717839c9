"""Import of sessions and attendance from CSV and XLSX (docs/import.md).

Three steps, each usable on its own:

1. `read_table` (reading.py) turns a file (bytes, an uploaded file or rows) into a header
   and numbered rows;
2. `attendance_import_check` (here) validates every row, and `import_plan` (comparing.py)
   compares the valid rows with what is stored, without writing;
3. `attendance_import` (writing.py) runs the check again inside one transaction and writes
   the plan. The rows, the check and the result are plain records (records.py).

A file with any invalid row is rejected whole: `ImportRejected` carries the per-row report.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.networks.importing.comparing import import_plan
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
from vangnet.networks.importing.records import ImportCheck, ImportRow

_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


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
        check.plan = import_plan(network, check)
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
