"""Evaluation moments are derived from the start date and the phases."""

import datetime as dt

from vangnet.network_evaluation.moments import derive_moments, next_moment
from vangnet.networks.phases import TransitionInput, derive_phases


def moments(start, today, transitions=(), months=None):
    timeline = derive_phases(start_date=start, on=today, transitions=transitions, months=months)
    return derive_moments(timeline=timeline, today=today)


def test_default_plan_one_year_end_and_yearly():
    result = moments(dt.date(2025, 1, 6), dt.date(2025, 3, 1))
    assert [(m.key, m.due) for m in result] == [
        ("one_year", dt.date(2026, 1, 6)),
        ("end", dt.date(2026, 7, 6)),  # 3 + 9 + 6 months
        ("yearly_1", dt.date(2027, 7, 6)),
    ]
    one_year, end, yearly = result
    assert (one_year.period_start, one_year.period_end) == (dt.date(2025, 1, 6), one_year.due)
    assert end.period_start == dt.date(2025, 1, 6)
    assert yearly.period_start == dt.date(2026, 7, 7)


def test_yearly_moments_run_until_one_after_today():
    result = moments(dt.date(2020, 1, 1), dt.date(2024, 1, 1))
    keys = [m.key for m in result]
    # end 2021-07-01; yearly 2022-07-01, 2023-07-01, 2024-07-01 (the first after today)
    assert keys == ["one_year", "end", "yearly_1", "yearly_2", "yearly_3"]
    assert result[-1].due == dt.date(2024, 7, 1)
    assert result[-2].period_start == dt.date(2022, 7, 2)


def test_recorded_evaluation_phase_moves_the_end_moment():
    transitions = [TransitionInput("evaluation", dt.date(2026, 3, 2), "vroeg klaar")]
    result = moments(dt.date(2025, 1, 6), dt.date(2026, 4, 1), transitions)
    assert [(m.key, m.due) for m in result][:2] == [
        ("one_year", dt.date(2026, 1, 6)),
        ("end", dt.date(2026, 3, 2)),
    ]


def test_recorded_exploration_start_moves_the_one_year_moment():
    transitions = [TransitionInput("exploration", dt.date(2025, 2, 1))]
    result = moments(dt.date(2025, 1, 6), dt.date(2025, 3, 1), transitions)
    assert result[0].key == "one_year" and result[0].due == dt.date(2026, 2, 1)


def test_short_plan_drops_the_one_year_moment():
    result = moments(
        dt.date(2025, 1, 6),
        dt.date(2025, 2, 1),
        months={"exploration": 2, "build_up": 4, "deepening": 3},
    )
    assert result[0].key == "end" and result[0].due == dt.date(2025, 10, 6)


def test_next_moment_skips_what_a_later_evaluation_covered():
    result = moments(dt.date(2020, 1, 1), dt.date(2024, 1, 1))
    assert next_moment(result, set()).key == "one_year"
    assert next_moment(result, {"one_year"}).key == "end"
    assert next_moment(result, {"end"}).key == "yearly_1"  # one_year is not asked again
    assert next_moment(result, {m.key for m in result}) is None


def test_a_held_moment_stays_when_the_phases_change():
    transitions = [
        TransitionInput("deepening", dt.date(2025, 10, 1)),
        TransitionInput("evaluation", dt.date(2025, 12, 1)),
    ]
    start, today = dt.date(2025, 1, 6), dt.date(2026, 2, 1)
    assert [m.key for m in moments(start, today, transitions)][0] == "end"
    timeline = derive_phases(start_date=start, on=today, transitions=transitions)
    kept = derive_moments(timeline=timeline, today=today, held={"one_year", "yearly_3"})
    assert [m.key for m in kept] == ["end", "one_year", "yearly_1", "yearly_2", "yearly_3"]
    assert kept[1].due == dt.date(2026, 1, 6)
