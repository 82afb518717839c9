"""The municipality figures against hand-counted values, and bounded queries."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.factories import OrganisationFactory
from tests.reports.conftest import END, START, TODAY, build_network
from vangnet.reports.selectors import municipality_figures


def _texts(cells):
    return [cell.text for cell in cells]


def _report(small_world, **kwargs):
    return municipality_figures(
        organisation=small_world["organisation"], start=START, end=END, today=TODAY, **kwargs
    )


def test_figures_match_hand_counts(small_world, settings):
    cache.clear()
    settings.VANGNET_SMALL_CELL_K = 2  # only 1 is small: (almost) every raw figure shows
    report = _report(small_world)
    assert report.areas == ["Noord", "West", "Zuid"]
    assert report.networks_total == 3
    # Every network started on 6 January: build-up (opbouw) on 30 June.
    assert [c.value for c in report.phases.column_totals] == [0, 3, 0, 0, 0, 0]
    # Reached / longer than 3 months / steady: Noord 10/8/8, West 6/6/6, Zuid 3/3/3.
    assert [[c.value for c in row] for row in report.people.cells] == [
        [10, 8, 8],
        [6, 6, 6],
        [3, 3, 3],
    ]
    assert [c.value for c in report.people.column_totals] == [19, 17, 17]
    # 13 Wednesdays in Q2; Noord: 8 people x 13 + 2 newcomers x 4 = 112 visits.
    assert report.sessions == [13, 13, 13]
    assert report.attendance[0].text == "8,6"
    assert report.attendance[1].value == 6.0
    assert report.attendance[2].value == 3.0
    assert report.sessions_total == 39
    assert report.attendance_total.value == round((112 + 6 * 13 + 3 * 13) / 39, 1)
    # Support pairs per type in Q2: Noord 3 emotional + 6 companionship, Zuid 1 practical
    # (the pair recorded twice counts once; the March tie is outside the period).
    assert report.ties.total.value == 10
    assert report.ties.cells[2][2].text == "< 2"
    # Outcomes only for whole years.
    assert report.outcome is None


def test_suppression_with_k_5(small_world):
    cache.clear()
    report = _report(small_world)
    # Zuid's 3 is small: "< 5"; with the column totals West (the smallest other) is hidden.
    assert _texts(report.people.cells[2]) == ["< 5", "< 5", "< 5"]
    assert _texts(report.people.cells[1]) == ["x", "x", "x"]
    assert _texts(report.people.cells[0]) == ["10", "8", "8"]
    assert _texts(report.people.column_totals) == ["19", "17", "17"]
    # A hidden cell carries no value at all.
    assert all(cell.value is None for cell in report.people.cells[2] + report.people.cells[1])
    assert report.attendance[0].text == "8,6"
    assert report.attendance[2].text == "< 5"  # Zuid: 3 people
    assert report.attendance[1].hidden  # West: hidden with its people count
    assert report.ties.cells[0][0].text == "< 5"  # Noord: 3 emotional pairs
    assert report.ties.cells[2][2].text == "< 5"  # Zuid: 1 practical pair
    # Zeros describe nobody: shown as 0 unless hidden to protect a small cell.
    for row in report.ties.cells:
        for cell in row:
            assert cell.text in ("0", "x", "< 5") or int(cell.text) >= 5
    # Zuid's row total (1) would follow from the grand total minus the other rows: hidden.
    assert report.ties.row_totals[2].hidden
    assert report.ties.total.text == "10"


def test_one_area_shows_the_rows_of_the_full_table(small_world):
    cache.clear()
    full = municipality_figures(
        organisation=small_world["organisation"], start=START, end=END, today=TODAY
    )
    west = municipality_figures(
        organisation=small_world["organisation"], start=START, end=END, area="West", today=TODAY
    )
    assert west.areas == ["West"]
    # West is hidden in the full report (to protect Zuid), so it stays hidden here.
    assert _texts(west.people.cells[0]) == _texts(full.people.cells[1]) == ["x", "x", "x"]
    assert west.people.column_totals is None
    assert west.sessions_total is None
    unknown = municipality_figures(
        organisation=small_world["organisation"], start=START, end=END, area="Nergens"
    )
    assert unknown.area is None and len(unknown.areas) == 3


def test_year_report_has_an_outcome_section(small_world):
    cache.clear()
    report = municipality_figures(
        organisation=small_world["organisation"],
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        today=TODAY,
    )
    if report.outcome_available:
        assert report.outcome is not None
        assert report.outcome.n.text == "0"
        assert report.outcome.mean_change.text == "–"


def _committed(organisation):
    """municipality_figures as a request calls it: its transaction commits, so the steady
    counts are stored (participants.fact_cache.store_after_commit)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return municipality_figures(organisation=organisation, start=START, end=END, today=TODAY)


def _queries(organisation) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        _committed(organisation)
    return len(captured.captured_queries)


def test_queries_do_not_grow_with_networks_or_sessions(db):
    small = OrganisationFactory()
    build_network(small, name="S1", area="Noord", regulars=3)
    large = OrganisationFactory()
    for index in range(4):
        build_network(large, name=f"L{index}", area=f"Wijk {index % 3}", regulars=7, extra_weeks=2)
    assert _queries(small) == _queries(large)
    # A second look with nothing changed reads the steady participants from the cache.
    with CaptureQueriesContext(connection) as captured:
        _committed(large)
    assert len(captured.captured_queries) <= _queries(large)


def test_no_hidden_cell_of_the_report_is_recoverable(small_world, settings):
    from vangnet.reports.suppression import (
        recoverable_by_algebra,
        recoverable_by_bounds,
        recoverable_by_subtraction,
    )
    from vangnet.reports.tables import table_constraints, table_values

    cache.clear()
    report = _report(small_world)
    # The raw figures (hand counts, see test_figures_match_hand_counts).
    raw = {
        "people": ([[10, 8, 8], [6, 6, 6], [3, 3, 3]], False),
        "ties": ([[3, 6, 0], [0, 0, 0], [0, 0, 1]], True),
    }
    for name, (matrix, row_totals) in raw.items():
        table = getattr(report, name)
        values = table_values(matrix, row_totals=row_totals, column_totals=True)
        constraints = table_constraints(
            len(matrix), len(matrix[0]), row_totals=row_totals, column_totals=True
        )
        hidden = {
            ("c", r, c): x.hidden
            for r, row in enumerate(table.cells)
            for c, x in enumerate(row)
            if x.hidden
        }
        hidden |= {("r", r): x.hidden for r, x in enumerate(table.row_totals or []) if x.hidden}
        hidden |= {
            ("col", c): x.hidden for c, x in enumerate(table.column_totals or []) if x.hidden
        }
        if table.total is not None and table.total.hidden:
            hidden["t",] = table.total.hidden
        assert hidden
        # Published cells are the raw values.
        for r, row in enumerate(table.cells):
            for c, cell in enumerate(row):
                assert cell.hidden or cell.value == matrix[r][c]
        assert not recoverable_by_subtraction(values, hidden, constraints)
        assert not recoverable_by_algebra(values, hidden, constraints)
        assert not recoverable_by_bounds(values, hidden, constraints, k=5)


def test_new_attendance_is_counted_although_steady_figures_are_cached(small_world):
    from vangnet.networks.models import Attendance, Session

    cache.clear()
    organisation = small_world["organisation"]
    before = _committed(organisation)
    assert before.people.column_totals[2].value == 17
    # Zuid's three people leave after April: no longer steady on 30 June. Marks are facts of
    # their session: every writer of marks stamps the session (participants/fact_cache.py).
    network = small_world["networks"]["B"]
    Attendance.objects.filter(
        session__network=network, session__date__gt=dt.date(2025, 4, 30)
    ).delete()
    for session in Session.objects.filter(network=network, date__gt=dt.date(2025, 4, 30)):
        session.save()
    after = _committed(organisation)
    assert after.people.column_totals[2].value == 14


def test_query_budget(small_world):
    organisation = small_world["organisation"]
    first = _queries(organisation)  # clears the cache: a first look
    with CaptureQueriesContext(connection) as captured:
        _committed(organisation)
    # A later look: networks and the trigger-kept data versions of every network (one
    # query); the whole grid comes from the cache. A first look also reads the phase
    # transitions, the versions again for the counts per network, sessions per quarter,
    # the visits of who came in the year, support pairs, sessions, attendance and route
    # events for the steady counts of every period of the year, and the neighbourhood
    # outputs and results.
    assert (first, len(captured.captured_queries)) == (13, 2)


def _answer_questionnaires(network, worker, pairs):
    from tests.factories import ParticipantFactory
    from vangnet.questionnaires import selectors as q_selectors
    from vangnet.questionnaires import services as q_services
    from vangnet.questionnaires.forms import ResponseForm
    from vangnet.questionnaires.models import Item

    template = q_services.default_template_ensure(organisation=network.organisation)
    version = q_selectors.current_version(template=template)
    meedoen = Item.objects.get(section__version=version, key="meedoen")
    for then, now in pairs:
        person = ParticipantFactory(network=network)
        response = q_services.response_start(version=version, participant=person, by=worker)
        data = {f"item_{meedoen.pk}_now": str(now), f"item_{meedoen.pk}_then": str(then)}
        form = ResponseForm(version=version, response=response, data=data)
        assert form.is_valid(), form.errors
        q_services.response_save(
            response=response, cleaned_data=form.cleaned_data, by=worker, complete=True
        )


def _this_year(organisation, area=None):
    from django.utils import timezone

    year = timezone.localdate().year
    return municipality_figures(
        organisation=organisation,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        area=area,
    )


def test_outcome_of_a_year(small_world):
    cache.clear()
    network = small_world["networks"]["A"]
    pairs = [(4, 7), (5, 6), (6, 6), (3, 7), (7, 6), (2, 8)]
    _answer_questionnaires(network, network.lead_worker, pairs)
    report = _this_year(small_world["organisation"])
    assert report.outcome_available
    outcome = report.outcome
    assert outcome.n.text == "6"
    assert outcome.mean_then.value == sum(t for t, _n in pairs) / 6
    assert outcome.mean_now.value == sum(n for _t, n in pairs) / 6
    assert outcome.mean_change.value == sum(n - t for t, n in pairs) / 6
    assert outcome.improved_share.value == round(100 * 4 / 6)
    # Never for one area (it would sit next to the whole) and never for a quarter.
    assert _this_year(small_world["organisation"], area="Noord").outcome is None


def test_outcome_of_fewer_than_k_people_is_hidden(small_world):
    cache.clear()
    network = small_world["networks"]["A"]
    _answer_questionnaires(network, network.lead_worker, [(4, 7), (5, 6), (6, 6)])
    outcome = _this_year(small_world["organisation"]).outcome
    assert outcome.n.text == "< 5"
    assert outcome.mean_change.text == "< 5"
    assert outcome.mean_then.value is None
