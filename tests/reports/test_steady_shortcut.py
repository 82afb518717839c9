"""The report's shortcut for steady participants gives the same answer as the full route."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.participants.route import STEADY, RouteRules, derive_route
from vangnet.reports.steady import steady_candidate_days

FIRST = dt.date(2023, 1, 4)


@settings(max_examples=300, deadline=None)
@given(
    weeks=st.integers(1, 80),
    pattern=st.lists(st.booleans(), min_size=1, max_size=80),
    blocks=st.lists(st.integers(0, 79), max_size=4),
    extra_days=st.integers(0, 120),
    steady_after=st.sampled_from([0, 3, 30, 91, 120]),
    share=st.sampled_from([0.3, 0.5, 0.8]),
    dropout_weeks=st.integers(1, 10),
)
def test_shortcut_matches_full_derivation(
    weeks, pattern, blocks, extra_days, steady_after, share, dropout_weeks
):
    sessions = [FIRST + dt.timedelta(weeks=w) for w in range(weeks)]
    attended = [day for i, day in enumerate(sessions) if pattern[i % len(pattern)]]
    # Long absences: drop runs of weeks so that dropouts and returns happen.
    for start in blocks:
        attended = [d for d in attended if not 0 <= (d - FIRST).days // 7 - start < 12]
    rules = RouteRules(
        steady_after_days=steady_after,
        steady_min_attendance_share=share,
        dropout_after_weeks=dropout_weeks,
    )
    as_of = sessions[-1] + dt.timedelta(days=extra_days)
    full = derive_route(
        invited_on=None,
        session_dates=sessions,
        attended_dates=attended,
        events=(),
        rules=rules,
        today=as_of,
    )
    days = steady_candidate_days(attended, as_of=as_of, rules=rules)
    if days is None:
        shortcut = False
    else:
        shortcut = (
            derive_route(
                invited_on=None,
                session_dates=sessions,
                attended_dates=days,
                events=(),
                rules=rules,
                today=as_of,
            ).current
            == STEADY
        )
    assert shortcut == (full.current == STEADY)
