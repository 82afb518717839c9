"""The SVG charts of the network page: valid, accessible and true to the figures."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.utils import translation

from vangnet.networks.charts import phase_timeline_svg, steady_bar_svg, weekly_attendance_svg
from vangnet.networks.models import Phase
from vangnet.networks.phases import TransitionInput, derive_phases
from vangnet.networks.selectors import WeekAttendance, typical_present

NS = {"svg": "http://www.w3.org/2000/svg"}
D = dt.date


def parse(svg) -> ET.Element:
    root = ET.fromstring(str(svg))  # noqa: S314 - our own output
    assert root.get("role") == "img"
    chart_id = root.find("svg:title", NS).get("id").removesuffix("-title")
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find("svg:desc", NS).text
    return root


def lines(root, css_class: str) -> list[ET.Element]:
    return [line for line in root.iter(f"{{{NS['svg']}}}line") if line.get("class") == css_class]


def rects(root, css_class: str) -> list[ET.Element]:
    return [
        element
        for element in root.iter(f"{{{NS['svg']}}}rect")
        if css_class in (element.get("class") or "").split()
    ]


def weeks_from(monday: dt.date, values: list[int | None]) -> list[WeekAttendance]:
    return [
        WeekAttendance(
            monday=monday + dt.timedelta(weeks=index),
            sessions=0 if value is None else 1,
            present=value or 0,
        )
        for index, value in enumerate(values)
    ]


def test_typical_present_is_ten_for_fifteen():
    assert typical_present(15) == 10
    assert typical_present(1) == 1
    assert typical_present(30) == 20


def test_attendance_chart_has_a_bar_per_recorded_week_and_a_target_line():
    with translation.override("nl"):
        weeks = weeks_from(D(2025, 1, 6), [8, None, 12, 0, 10])
        root = parse(weekly_attendance_svg(weeks, typical=10))
        bars = rects(root, "bar")
        assert len(bars) == 4  # the week without a session has no bar
        heights = [float(bar.get("height")) for bar in bars]
        assert heights[1] > heights[3] > heights[0] > heights[2] == 0
        target = lines(root, "target")
        assert len(target) == 1
        texts = "".join(root.itertext())
        assert "gewone week:10" in texts
        assert "geen bijeenkomst ingevuld" in texts
        assert "week 4 van 2025: 12 aanwezig" in texts
        desc = root.find("svg:desc", NS).text
        assert "4 weken met een ingevulde bijeenkomst" in desc
        assert "gemiddeld 7,5 aanwezig" in desc


def test_attendance_chart_without_sessions():
    with translation.override("nl"):
        root = parse(weekly_attendance_svg(weeks_from(D(2025, 1, 6), [None] * 26), typical=10))
        assert rects(root, "bar") == []
        assert "nog geen bijeenkomst" in root.find("svg:desc", NS).text


def test_phase_chart_shows_plan_actual_and_today():
    with translation.override("nl"):
        timeline = derive_phases(
            start_date=D(2025, 1, 6),
            on=D(2025, 6, 1),
            transitions=[TransitionInput(Phase.BUILD_UP, D(2025, 5, 1), "groep van 6")],
        )
        root = parse(phase_timeline_svg(timeline, today=D(2025, 6, 1)))
        # Plan: four phases; actual: four (continuation has not started).
        assert len(rects(root, "timeline-phase")) == 8
        assert len(rects(root, "timeline-current")) == 1
        assert rects(root, "timeline-current")[0].get("class").count("phase-build_up") == 1
        assert len(rects(root, "timeline-projected")) == 2  # deepening and evaluation to come
        today = lines(root, "timeline-today")
        assert len(today) == 1
        assert "Huidige fase: Opbouw" in root.find("svg:desc", NS).text
        assert "vandaag" in "".join(root.itertext())


def test_phase_chart_before_the_start_and_in_continuation():
    with translation.override("nl"):
        before = derive_phases(start_date=D(2025, 1, 6), on=D(2024, 12, 1))
        root = parse(phase_timeline_svg(before, today=D(2024, 12, 1)))
        assert "nog niet begonnen" in root.find("svg:desc", NS).text
        later = derive_phases(
            start_date=D(2025, 1, 6),
            on=D(2027, 1, 1),
            transitions=[TransitionInput(Phase.CONTINUATION, D(2026, 10, 1), "voorziening")],
        )
        root = parse(phase_timeline_svg(later, today=D(2027, 1, 1)))
        assert len(rects(root, "phase-continuation")) == 1
        assert "Voorziening" in root.find("svg:desc", NS).text


def test_steady_bar_is_proportional_and_escapes_nothing_unsafe():
    with translation.override("nl"):
        root = parse(steady_bar_svg(steady=6, target=15))
        (bar,) = rects(root, "bar")
        (track,) = rects(root, "bar-track")
        assert abs(float(bar.get("width")) / float(track.get("width")) - 6 / 15) < 0.01
        assert "6 vaste deelnemers; het doel is 15." in root.find("svg:desc", NS).text
        over = parse(steady_bar_svg(steady=20, target=15))
        (bar,) = rects(over, "bar")
        (track,) = rects(over, "bar-track")
        assert bar.get("width") == f"{float(track.get('width')):.1f}"
