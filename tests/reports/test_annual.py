"""A network's annual report against hand-counted values."""

from __future__ import annotations

import datetime as dt

from tests.reports.conftest import TODAY
from vangnet.reports.annual import network_annual_report, report_years


def test_annual_figures(small_world):
    network = small_world["networks"]["A"]
    report = network_annual_report(network=network, year=2025, today=TODAY)
    # Wednesdays from 8 January to 25 June 2025: 25 sessions.
    assert report.sessions == 25
    # 8 regulars every week, 2 newcomers on the last 4 Wednesdays of June.
    assert report.visits == 8 * 25 + 2 * 4
    assert report.average_present == round(208 / 25, 1)
    assert report.best_attendance == 10
    assert report.people == 10
    assert report.newcomers == 10  # everyone's first visit was in 2025
    assert report.steady_end == 8  # 25 June to 1 August: 5 weeks away, still steady
    assert report.partial and report.end == TODAY
    months = [(n, average) for _month, n, average in report.months]
    assert len(months) == 12
    assert months[0] == (4, 8.0)  # January
    assert months[5] == (4, 10.0)  # June: the two newcomers came
    assert months[6] == (0, None)  # July: no sessions
    # Support in 2025: emotional 4 records (one pair twice), companionship 6.
    per_type = dict(report.ties_per_type)
    assert sum(per_type.values()) == report.ties == 10
    assert report.reciprocity is not None
    texts = [m.text for m in report.milestones]
    assert any("begonnen" in text for text in texts)
    assert any("10 mensen" in text for text in texts)


def test_a_year_without_sessions(small_world):
    network = small_world["networks"]["A"]
    report = network_annual_report(network=network, year=2024, today=TODAY)
    assert report.sessions == 0 and report.average_present is None
    assert report.milestones == [] or all(m.date is None for m in report.milestones)


def test_report_years(small_world):
    network = small_world["networks"]["A"]
    assert report_years(network=network, today=dt.date(2026, 3, 1)) == [2026, 2025]


def test_annual_report_queries_do_not_grow(small_world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for key in ("B", "A"):  # 3 people, no contributions vs 10 people with support ties
        network = small_world["networks"][key]
        network.refresh_from_db()
        with CaptureQueriesContext(connection) as captured:
            network_annual_report(network=network, year=2025, today=TODAY)
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
