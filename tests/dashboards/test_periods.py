"""Period presets of the dashboard filter (pure)."""

from __future__ import annotations

import datetime as dt

from vangnet.dashboards.periods import (
    Period,
    default_period,
    preset_choices,
    preset_period,
    quarter_of,
)

TODAY = dt.date(2026, 2, 10)


def test_quarters_go_back_over_the_year_boundary():
    values = [value for value, _label in preset_choices(TODAY)]
    assert values[:3] == ["12m", "y2026", "y2025"]
    assert values[3:6] == ["q2026-1", "q2025-4", "q2025-3"]
    assert len(values) == 3 + 8


def test_preset_periods():
    assert preset_period("q2025-4", TODAY) == Period(dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert preset_period("q2024-1", TODAY) == Period(dt.date(2024, 1, 1), dt.date(2024, 3, 31))
    assert preset_period("y2025", TODAY) == Period(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert preset_period("12m", TODAY) == default_period(TODAY)
    for junk in ("q2025-5", "q2025", "yabc", "x", "", "q-1-1"):
        assert preset_period(junk, TODAY) is None


def test_default_period_is_twelve_months_up_to_today():
    period = default_period(TODAY)
    assert period == Period(dt.date(2025, 2, 11), TODAY)
    assert period.as_of(dt.date(2026, 1, 1)) == dt.date(2026, 1, 1)
    assert quarter_of(TODAY) == (2026, 1)
