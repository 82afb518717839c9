"""Which attendance days decide whether a participant is steady on a day (the municipality
report's shortcut; `reports.period_steady` derives the steady counts of a report year with
it, through the one route function `participants.route.derive_route`).
"""

from __future__ import annotations

import bisect
import datetime as dt

from vangnet.participants.route import SETTLING_AFTER_DAYS, RouteRules


def steady_candidate_days(
    days: list[dt.date], *, as_of: dt.date, rules: RouteRules
) -> list[dt.date] | None:
    """For a participant WITHOUT recorded route events: the attendance days from which
    their route decides whether they are steady on as_of, or None when they cannot be.

    Every gap of more than dropout_after_weeks between two visits means a derived dropout,
    and from the next visit on only later facts count (the steady clock restarts on that
    visit). So deriving the route from the last such restart gives the same answer as the
    whole history, with much less work (tests/reports/test_steady_shortcut.py checks this
    against the full derivation)."""
    gap = 7 * rules.dropout_after_weeks
    days = sorted(day for day in days if day <= as_of)
    if not days or (as_of - days[-1]).days > gap:
        return None  # never came, or dropped out by now
    since = days[0]
    for before, after in zip(days, days[1:], strict=False):
        if (after - before).days > gap:
            since = after
    if (as_of - since).days <= rules.steady_after_days:
        return None  # too recent to be steady
    if rules.steady_after_days < SETTLING_AFTER_DAYS:
        return days  # a restart could count differently before settling: keep it all
    return days[bisect.bisect_left(days, since) :]
