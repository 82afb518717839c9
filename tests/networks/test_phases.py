"""Phase derivation (networks/phases.py): unit tests and hypothesis properties."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.networks.models import PHASE_ORDER, Phase
from vangnet.networks.phases import (
    SOURCE_PLAN,
    SOURCE_RECORDED,
    TransitionInput,
    add_months,
    derive_phases,
)

START = dt.date(2025, 1, 6)
D = dt.date


def derive(on, transitions=(), months=None, start=START):
    return derive_phases(start_date=start, on=on, transitions=transitions, months=months)


# --------------------------------------------------------------------------- add_months


def test_add_months_clamps_to_month_end():
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2025, 8, 31), 1) == D(2025, 9, 30)
    assert add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)
    assert add_months(D(2025, 3, 31), -1) == D(2025, 2, 28)
    assert add_months(D(2025, 5, 5), 0) == D(2025, 5, 5)


@given(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)), st.integers(-240, 240))
def test_add_months_properties(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


# --------------------------------------------------------------------------- the plan


def test_default_plan_is_3_9_6_months_then_evaluation():
    timeline = derive(on=D(2025, 2, 1))
    spans = {span.phase: span for span in timeline.spans}
    assert spans[Phase.EXPLORATION].planned_start == START
    assert spans[Phase.EXPLORATION].planned_end == D(2025, 4, 5)
    assert spans[Phase.BUILD_UP].planned_start == D(2025, 4, 6)
    assert spans[Phase.DEEPENING].planned_start == D(2026, 1, 6)
    assert spans[Phase.EVALUATION].planned_start == D(2026, 7, 6)
    assert spans[Phase.EVALUATION].planned_end is None
    assert spans[Phase.CONTINUATION].planned_start is None
    # Without transitions the actual timeline is the plan.
    for span in timeline.spans[:4]:
        assert span.actual_start == span.planned_start
        assert span.source == SOURCE_PLAN
    assert spans[Phase.CONTINUATION].actual_start is None


def test_current_phase_follows_the_plan():
    assert derive(on=D(2025, 1, 5)).current is None
    assert derive(on=D(2025, 1, 5)).not_started
    assert derive(on=START).current == Phase.EXPLORATION
    assert derive(on=D(2025, 4, 5)).current == Phase.EXPLORATION
    assert derive(on=D(2025, 4, 6)).current == Phase.BUILD_UP
    assert derive(on=D(2026, 1, 6)).current == Phase.DEEPENING
    assert derive(on=D(2026, 7, 6)).current == Phase.EVALUATION
    # Continuation never follows from the plan, however long ago evaluation started.
    assert derive(on=D(2035, 1, 1)).current == Phase.EVALUATION


def test_custom_phase_lengths():
    timeline = derive(
        on=D(2025, 3, 1),
        months={Phase.EXPLORATION: 1, Phase.BUILD_UP: 2, Phase.DEEPENING: 1},
    )
    assert timeline.span(Phase.BUILD_UP).planned_start == D(2025, 2, 6)
    assert timeline.span(Phase.DEEPENING).planned_start == D(2025, 4, 6)
    assert timeline.span(Phase.EVALUATION).planned_start == D(2025, 5, 6)
    assert timeline.current == Phase.BUILD_UP


# --------------------------------------------------------------------------- transitions


def test_recorded_transition_moves_later_phases():
    transitions = [TransitionInput(Phase.BUILD_UP, D(2025, 5, 1), "eerste groep van 6")]
    timeline = derive(on=D(2025, 4, 20), transitions=transitions)
    # Exploration lasts longer than planned: still exploration on 20 April.
    assert timeline.current == Phase.EXPLORATION
    build_up = timeline.span(Phase.BUILD_UP)
    assert build_up.actual_start == D(2025, 5, 1)
    assert build_up.source == SOURCE_RECORDED
    assert build_up.recorded and build_up.reason == "eerste groep van 6"
    assert build_up.planned_start == D(2025, 4, 6)  # the plan does not move
    assert timeline.span(Phase.EXPLORATION).actual_end == D(2025, 4, 30)
    # Deepening: build-up's actual start + 9 months.
    assert timeline.span(Phase.DEEPENING).actual_start == D(2026, 2, 1)
    assert timeline.span(Phase.DEEPENING).source == SOURCE_PLAN


def test_continuation_only_through_a_recorded_transition():
    transitions = [TransitionInput(Phase.CONTINUATION, D(2026, 9, 1), "voorziening")]
    timeline = derive(on=D(2026, 9, 2), transitions=transitions)
    assert timeline.current == Phase.CONTINUATION
    assert timeline.span(Phase.EVALUATION).actual_end == D(2026, 8, 31)
    assert derive(on=D(2026, 8, 31), transitions=transitions).current == Phase.EVALUATION


def test_out_of_order_transition_is_ignored_and_reported():
    bad = TransitionInput(Phase.BUILD_UP, D(2025, 1, 1), "te vroeg")
    timeline = derive(on=D(2025, 2, 1), transitions=[bad])
    assert timeline.ignored == [bad]
    assert timeline.span(Phase.BUILD_UP).source == SOURCE_PLAN
    assert timeline.current == Phase.EXPLORATION
    # Continuation dated before evaluation (from the plan) started.
    early = TransitionInput(Phase.CONTINUATION, D(2026, 1, 1), "")
    assert derive(on=D(2026, 2, 1), transitions=[early]).ignored == [early]
    # Same day as the previous phase's start is out of order as well.
    same = TransitionInput(Phase.BUILD_UP, START, "")
    assert derive(on=START, transitions=[same]).ignored == [same]


def test_the_last_recorded_transition_for_a_phase_wins():
    first = TransitionInput(Phase.BUILD_UP, D(2025, 5, 1), "eerste")
    correction = TransitionInput(Phase.BUILD_UP, D(2025, 4, 20), "verbeterd")
    timeline = derive(on=D(2025, 4, 25), transitions=[first, correction])
    assert timeline.span(Phase.BUILD_UP).actual_start == D(2025, 4, 20)
    assert timeline.span(Phase.BUILD_UP).reason == "verbeterd"
    assert timeline.current == Phase.BUILD_UP


def test_rows_with_phase_date_reason_are_accepted():
    class Row:
        phase = "deepening"
        date = D(2025, 12, 1)
        reason = "steun buiten de opening"

    timeline = derive(on=D(2025, 12, 2), transitions=[Row()])
    assert timeline.current == Phase.DEEPENING


# --------------------------------------------------------------------------- properties

phase_values = st.sampled_from([phase.value for phase in PHASE_ORDER])
dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2032, 12, 31))
transition_lists = st.lists(
    st.builds(TransitionInput, phase=phase_values, date=dates, reason=st.just("")),
    max_size=8,
)
month_maps = st.fixed_dictionaries(
    {
        Phase.EXPLORATION: st.integers(1, 36),
        Phase.BUILD_UP: st.integers(1, 36),
        Phase.DEEPENING: st.integers(1, 36),
    }
)


@settings(max_examples=300, deadline=None)
@given(start=dates, on=dates, transitions=transition_lists, months=month_maps)
def test_phases_are_contiguous_and_ordered(start, on, transitions, months):
    timeline = derive(on=on, transitions=transitions, months=months, start=start)
    assert [span.phase for span in timeline.spans] == PHASE_ORDER
    started = [span for span in timeline.spans if span.actual_start is not None]
    # Every phase up to evaluation has an actual start; only continuation may lack one.
    assert len(started) >= 4
    assert [span.phase for span in started] == PHASE_ORDER[: len(started)]
    for before, after in zip(started, started[1:], strict=False):
        assert before.actual_start < after.actual_start
        assert before.actual_end + dt.timedelta(days=1) == after.actual_start
    assert started[-1].actual_end is None
    planned = [span for span in timeline.spans if span.planned_start is not None]
    for before, after in zip(planned, planned[1:], strict=False):
        assert before.planned_start < after.planned_start
        assert before.planned_end + dt.timedelta(days=1) == after.planned_start
    # A recorded start is a given transition's date; ignored ones are reported.
    for span in started:
        if span.recorded:
            assert any(t.phase == span.phase and t.date == span.actual_start for t in transitions)
    # Exactly one current phase, unless not started yet.
    current = [span for span in timeline.spans if span.is_current]
    if timeline.current is None:
        assert not current and on < timeline.spans[0].actual_start
    else:
        assert len(current) == 1 and current[0].phase == timeline.current
        assert current[0].actual_start <= on
        assert current[0].actual_end is None or on <= current[0].actual_end


@settings(max_examples=300, deadline=None)
@given(
    start=dates,
    first=dates,
    second=dates,
    transitions=transition_lists,
    months=month_maps,
)
def test_current_phase_is_monotone_in_the_date(start, first, second, transitions, months):
    early, late = sorted([first, second])

    def rank(on):
        current = derive(on=on, transitions=transitions, months=months, start=start).current
        return -1 if current is None else PHASE_ORDER.index(current)

    assert rank(early) <= rank(late)


@settings(max_examples=200, deadline=None)
@given(start=dates, on=dates, transitions=transition_lists)
def test_the_timeline_does_not_depend_on_the_date_asked(start, on, transitions):
    a = derive(on=on, transitions=transitions, start=start)
    b = derive(on=start, transitions=transitions, start=start)
    assert [(s.actual_start, s.actual_end) for s in a.spans] == [
        (s.actual_start, s.actual_end) for s in b.spans
    ]
