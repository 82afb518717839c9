"""The export files read back equal the from-scratch expectation on random histories.

The expectation is computed here, row by row with plain ORM reads, independently of the
export code (the route and timeline derivations are the domain's own from-scratch functions).
Pseudonyms are made deterministic ("Deelnemer-<id>") so rows can be compared; their
randomness is tested in test_data_exports and test_research. Several networks, activities
with tasks, one-off sessions with a title, contributions typed or from a task, announced
absences with listed and own reasons, route events, support ties, questionnaires, erased
participants, a withdrawn research consent, and names that look like formulas.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from django.utils import timezone

from tests.exports.helpers import csv_rows, xlsx_sheets, zip_files
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)
from vangnet.exports import research
from vangnet.exports.scope import Pseudonyms, data_scope, research_scope
from vangnet.exports.services import export_build
from vangnet.exports.tables import CAME_IN_VIA_LABELS, STAGE_LABELS, route_headers
from vangnet.exports.writers import iso_week, safe_cell
from vangnet.networks.models import PHASE_ORDER, AnnouncedAbsence, Attendance, Contribution
from vangnet.networks.selectors import network_timeline
from vangnet.participants.models import CameInVia, RouteEvent, RouteStage
from vangnet.participants.selectors import network_routes
from vangnet.privacy.models import ConsentKind, ConsentRecord
from vangnet.privacy.services import person_erase
from vangnet.questionnaires.models import (
    Answer,
    Item,
    ItemKind,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    Response,
    Section,
)
from vangnet.support.models import SupportTie

TODAY = dt.date(2025, 9, 1)
NAMES = ["Anna", "=1+1", "+31 6 1234", " @SUM(A1)", "Bo\x07b", "Ｚus", "Kees", "Els", "-5"]
REASONS = ["Ziek", "Op vakantie", "=cmd|' /C calc'!A0", "Bij Kees op bezoek"]


@pytest.fixture
def plain_codes(monkeypatch):
    monkeypatch.setattr(
        Pseudonyms, "__call__", lambda self, key: "" if key is None else f"{self.prefix}{key}"
    )


def make_history(seed: int) -> dict:
    rng = random.Random(seed)
    organisation = OrganisationFactory(absence_reasons=["Ziek", "Op vakantie"])
    networks = [
        NetworkFactory(organisation=organisation, name=name, start_date=dt.date(2025, 1, 6))
        for name in ("Vangnet Oost", "=Vangnet West", "Buurt Noord")
    ]
    for network in networks:
        activity = ActivityFactory(network=network, name=f"Lunch {network.pk}")
        people = [
            ParticipantFactory(
                network=network,
                display_name=rng.choice(NAMES) + f" {i}" * rng.randint(0, 1),
                came_in_via=rng.choice([*CameInVia.values, ""]),
            )
            for i in range(rng.randint(3, 7))
        ]
        for week in range(rng.randint(8, 20)):
            day = dt.date(2025, 1, 8) + dt.timedelta(weeks=week)
            sessions = [SessionFactory(network=network, date=day)]
            sessions[0].activities.add(activity)
            if rng.random() < 0.3:  # a one-off session the same day
                sessions.append(SessionFactory(network=network, date=day, title="Uitje met Kees"))
            for session in sessions:
                for person in people:
                    draw = rng.random()
                    if draw < 0.55:
                        Attendance.objects.create(session=session, participant=person)
                        for task in rng.sample(["koken", "afwassen", "=typed", "Kees helpen"], 2):
                            if rng.random() < 0.4:
                                Contribution.objects.create(
                                    session=session, participant=person, task=task
                                )
                    elif draw < 0.7:
                        AnnouncedAbsence.objects.create(
                            session=session, participant=person, reason=rng.choice(REASONS)
                        )
        for person in people:
            if rng.random() < 0.3:
                RouteEvent.objects.create(
                    participant=person,
                    stage=rng.choice(RouteStage.values),
                    date=dt.date(2025, 3, 1) + dt.timedelta(days=rng.randint(0, 60)),
                )
        for _ in range(rng.randint(0, 6)):
            giver, receiver = rng.sample(people, 2)
            SupportTie.objects.create(
                network=network,
                giver=giver,
                receiver=receiver,
                support_type=rng.choice(["practical", "emotional"]),
                date=dt.date(2025, 2, 1) + dt.timedelta(days=rng.randint(0, 90)),
                outside_hours=rng.random() < 0.5,
                note=rng.choice(["", "=HYPERLINK(1)", "Bracht Anna thuis"]),
            )
        template, _ = QuestionnaireTemplate.objects.get_or_create(
            organisation=organisation, key="evaluatie", defaults={"name": "Evaluatie"}
        )
        version, _ = QuestionnaireVersion.objects.get_or_create(template=template, number=1)
        section, _ = Section.objects.get_or_create(
            version=version, position=1, defaults={"title_nl": "Meedoen"}
        )
        items = [
            Item.objects.get_or_create(
                section=section, position=p, key=k, defaults={"kind": kind, "text_nl": k}
            )[0]
            for p, k, kind in ((1, "cijfer", ItemKind.POST_THEN_PRE), (2, "open", ItemKind.OPEN))
        ]
        for person in rng.sample(people, 2):
            response = Response.objects.create(
                version=version,
                organisation=organisation,
                network=network,
                participant=person,
                completed_at=timezone.make_aware(dt.datetime(2025, 4, rng.randint(1, 28), 10)),
            )
            Answer.objects.create(response=response, item=items[0], value_now=7, value_then=3)
            Answer.objects.create(response=response, item=items[1], text="=Ik voel me thuis")
        erased = rng.choice(people)
        person_erase(participant=erased, actor=None)
        withdrawn = rng.choice(people)
        ConsentRecord.objects.create(
            organisation=organisation,
            participant=withdrawn,
            kind=ConsentKind.RESEARCH_EXPORT,
            given_on=dt.date(2025, 1, 6),
            withdrawn_on=dt.date(2025, 5, 1),
        )
    return {"organisation": organisation, "networks": networks}


def xlsx_cell(value):
    """What openpyxl reads back for a value written to a cell."""
    value = safe_cell(value)
    if value == "":
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    if isinstance(value, bool):
        return int(value)
    return value


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.date):
        return safe_cell(value.isoformat())
    return safe_cell(str(value))


def in_file(rows, fmt):
    convert = xlsx_cell if fmt == "xlsx" else csv_cell
    return [[convert(value) for value in row] for row in rows]


def read_table(data: bytes, fmt: str, sheet: str):
    return xlsx_sheets(data)[sheet] if fmt == "xlsx" else csv_rows(data)


def expected_attendance(scope) -> list[list]:
    rows = []
    for network in scope.networks:
        named = scope.named(network.pk)
        listed = {r.casefold() for r in scope.organisation.absence_reasons}
        tasks = {
            t.casefold() for a in network.activities.all() for t in a.tasks
        }  # every activity of the network is on a session in these histories
        marks = [(a, None) for a in Attendance.objects.filter(session__network=network)]
        marks += [(a, a.reason) for a in AnnouncedAbsence.objects.filter(session__network=network)]
        network_rows = []
        for mark, reason in marks:
            session, person = mark.session, mark.participant
            who = person.display_name if named else f"Deelnemer-{person.pk}"
            title = session.title or ", ".join(a.name for a in session.activities.all())
            if session.title and not named:
                title = "Losse bijeenkomst"
            given = sorted(
                c.task for c in Contribution.objects.filter(session=session, participant=person)
            )
            if not named:
                given = [t if t.casefold() in tasks else "(eigen omschrijving)" for t in given]
            if reason and not named and reason.casefold() not in listed:
                reason = "(eigen omschrijving)"
            network_rows.append(
                [
                    network.name,
                    session.date,
                    iso_week(session.date),
                    title,
                    who,
                    "; ".join(given),
                    "aanwezig" if reason is None else "afgemeld",
                    reason or "",
                ]
            )
        network_rows.sort(key=lambda row: (row[1], row[4], row[6]))
        rows += network_rows
    return rows


def sort_key(row):
    return [repr(value) for value in row]


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("who", ["lead", "coordinator"])
def test_attendance_export_equals_the_expectation(db, plain_codes, seed, fmt, who):
    history = make_history(seed)
    user = (
        history["networks"][0].lead_worker
        if who == "lead"
        else UserFactory(organisation=history["organisation"], coordinator=True)
    )
    scope = data_scope(user)
    assert len(scope.networks) >= 1
    if who == "lead":
        assert scope.named(history["networks"][0].pk)
    result = export_build(kind="attendance", file_format=fmt, scope=scope)
    rows = read_table(result.data, fmt, "aanwezigheid")
    assert rows[0] == [
        "Vangnetwerk",
        "Datum",
        "Week",
        "Bijeenkomst",
        "Deelnemer",
        "Bijdragen",
        "Status",
        "Reden afmelding",
    ]
    expected = in_file(expected_attendance(scope), fmt)
    assert len(rows) - 1 == len(expected) > 20
    # Same rows; ordered by network, then date, participant and status.
    assert sorted(rows[1:], key=sort_key) == sorted(expected, key=sort_key)
    order = [[row[0], row[1], row[4], row[6]] for row in rows[1:]]
    assert order == [[row[0], row[1], row[4], row[6]] for row in expected]
    if fmt == "xlsx":
        info = xlsx_sheets(result.data)["info"]
        assert info[0] == ["Export", "Aanwezigheid"]
        assert info[2] == ["Vangnetwerken", safe_cell(", ".join(n.name for n in scope.networks))]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_routes_export_equals_the_expectation(db, plain_codes, fmt):
    history = make_history(3)
    user = UserFactory(organisation=history["organisation"], coordinator=True)
    scope = data_scope(user)
    result = export_build(kind="routes", file_format=fmt, scope=scope, today=TODAY)
    rows = read_table(result.data, fmt, "routes")
    assert rows[0] == route_headers()
    expected = []
    for network in scope.networks:
        for person in network_routes(network=network, today=TODAY, cached=False):
            route = person.route
            first = {}
            for step in route.steps:
                first.setdefault(step.stage, step.start)
            course = " → ".join(
                f"{STAGE_LABELS[s.stage]} {s.start.isoformat() if s.start else '?'}"
                for s in route.steps
            )
            expected.append(
                [
                    network.name,
                    person.display_name if scope.named(network.pk) else f"Deelnemer-{person.pk}",
                    CAME_IN_VIA_LABELS.get(person.came_in_via, ""),
                    STAGE_LABELS[route.current],
                    route.current_step.start,
                    route.first_visit,
                    route.last_visit,
                    route.visits,
                    route.long_term_since,
                    *[first.get(stage) for stage in STAGE_LABELS],
                    course,
                ]
            )
    assert rows[1:] == in_file(expected, fmt)


def expected_research(organisation, k: int) -> dict[str, list[list]]:
    withdrawn = {
        c.participant_id for c in ConsentRecord.objects.filter(kind=ConsentKind.RESEARCH_EXPORT)
    }
    tables: dict[str, list[list]] = {name: [] for name in research.DICTIONARY}
    for network in organisation.networks.all():
        code = f"N-{network.pk}"
        people = [
            p
            for p in network_routes(network=network, today=TODAY, cached=False)
            if p.pk not in withdrawn
        ]
        timeline = network_timeline(network=network, today=TODAY)
        starts = {
            s.phase.value: s.actual_start
            for s in timeline.spans
            if s.started and s.actual_start is not None
        }
        tables["networks"].append(
            [
                code,
                iso_week(network.start_date),
                timeline.current.value if timeline.current else "",
                *[iso_week(starts.get(phase.value)) for phase in PHASE_ORDER],
                network.target_core_size,
                len(people),
                1 if len(people) < k else 0,
            ]
        )
        for person in people:
            first = {}
            for step in person.route.steps:
                first.setdefault(step.stage, step.start)
            tables["participants"].append(
                [
                    f"P-{person.pk}",
                    code,
                    person.came_in_via,
                    iso_week(person.route.first_visit),
                    iso_week(person.route.last_visit),
                    person.route.visits,
                    iso_week(person.route.long_term_since),
                    person.route.current,
                    *[iso_week(first.get(stage)) for stage in RouteStage.values],
                ]
            )
        present: Counter = Counter()
        absent: Counter = Counter()
        for mark in Attendance.objects.filter(session__network=network):
            if mark.participant_id not in withdrawn:
                present[(f"P-{mark.participant_id}", iso_week(mark.session.date))] += 1
        for mark in AnnouncedAbsence.objects.filter(session__network=network):
            if mark.participant_id not in withdrawn:
                absent[(f"P-{mark.participant_id}", iso_week(mark.session.date))] += 1
        for person, week in present.keys() | absent.keys():
            tables["attendance"].append(
                [person, code, week, present[(person, week)], absent[(person, week)]]
            )
        for tie in SupportTie.objects.filter(network=network):
            if tie.giver_id in withdrawn or tie.receiver_id in withdrawn:
                continue
            tables["ties"].append(
                [
                    f"P-{tie.giver_id}",
                    f"P-{tie.receiver_id}",
                    code,
                    tie.support_type,
                    iso_week(tie.date),
                    int(tie.outside_hours),
                ]
            )
        for answer in Answer.objects.filter(
            response__network=network, response__completed_at__isnull=False
        ).exclude(item__kind=ItemKind.OPEN):
            response = answer.response
            if response.participant_id in withdrawn:
                continue
            tables["answers"].append(
                [
                    f"R-{response.pk}",
                    f"P-{response.participant_id}" if response.participant_id else "",
                    code,
                    response.version.template.key,
                    response.version.number,
                    iso_week(timezone.localtime(response.completed_at).date()),
                    answer.item.key,
                    answer.item.kind,
                    answer.value_now,
                    answer.value_then,
                    answer.choice,
                ]
            )
    return tables


@pytest.mark.parametrize("seed", [4, 5])
def test_research_zip_equals_the_expectation(db, plain_codes, settings, seed):
    settings.VANGNET_SMALL_CELL_K = 5
    history = make_history(seed)
    user = UserFactory(organisation=history["organisation"], evaluator=True)
    result = export_build(
        kind="research", file_format="zip", scope=research_scope(user), today=TODAY
    )
    files = zip_files(result.data)
    assert sorted(files) == sorted(
        [*(f"{name}.csv" for name in research.DICTIONARY), "data_dictionary.csv", "README.md"]
        + [f"onderzoeksexport-{TODAY.isoformat()}.xlsx"]
    )
    assert files["README.md"].decode("utf-8") == research.readme(made_on=TODAY, k=5)
    dictionary = research.dictionary_table()
    assert csv_rows(files["data_dictionary.csv"]) == in_file(
        [dictionary.headers, *dictionary.rows], "csv"
    )
    sheets = xlsx_sheets(files[f"onderzoeksexport-{TODAY.isoformat()}.xlsx"])
    assert list(sheets) == [*research.DICTIONARY, "dictionary"]
    assert sheets["dictionary"] == in_file([dictionary.headers, *dictionary.rows], "xlsx")
    expected = expected_research(history["organisation"], 5)
    assert expected["attendance"] and expected["ties"] and expected["answers"]
    for name, rows in expected.items():
        headers = research.columns(name)
        from_csv = csv_rows(files[f"{name}.csv"])
        assert from_csv[0] == headers
        assert sorted(from_csv[1:], key=sort_key) == sorted(in_file(rows, "csv"), key=sort_key)
        assert sheets[name][0] == headers
        assert sorted(sheets[name][1:], key=sort_key) == sorted(
            in_file(rows, "xlsx"), key=sort_key
        ), name
        # The XLSX sheet holds the same rows in the same order as the CSV file.
        assert in_file(sheets[name][1:], "csv") == from_csv[1:]
