"""Who takes part long-term (*langdurig*): the one definition, used everywhere.

The method (shared/method.md, *The individual route*): "about half of those who get
acquainted participate structurally (longer than three months)". So *langdurig* is about
taking part, not about two dates: a person takes part long-term when they have

1. a **stretch of taking part**: visits with no gap longer than the organisation's
   dropout time (`dropout_after_weeks`, the same gap after which the route derives a
   dropout, `participants.route`), so someone who stopped and came back months later
   starts a new stretch;
2. that lasts **longer than three calendar months**: the stretch's last visit lies after
   its first visit plus three calendar months;
3. with visits in **at least three different calendar months**, so a stretch is more than
   a visit at its two ends.

Two visits eighteen weeks apart are therefore *not* long-term (the gap ends the stretch,
and two visits touch two months), nor are a first visit in January and one visit in May.
Someone who came weekly from 6 January to 14 April is (fifteen weeks, four months).

Pure: plain dates in, a bool out. The dashboard (`dashboards.routes`), the municipality
report (`reports.grid`), the API and the exports call `is_long_term`; docs/participants.md
explains it for people.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from collections.abc import Iterable, Sequence

LONG_TERM_MONTHS = 3  # longer than three calendar months
LONG_TERM_MIN_MONTHS_WITH_VISITS = 3  # visits in at least three calendar months
DEFAULT_DROPOUT_AFTER_WEEKS = 8

# Raise when the definition changes meaning: cached figures that count long-term people
# hold it in their keys.
LONG_TERM_DEFINITION_VERSION = 2


def plus_months(day: dt.date, months: int) -> dt.date:
    """`day` plus calendar months, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def long_term_since(
    visit_days: Iterable[dt.date],
    *,
    dropout_after_weeks: int = DEFAULT_DROPOUT_AFTER_WEEKS,
    as_of: dt.date | None = None,
) -> dt.date | None:
    """The first day on which the person counted as long-term (the visit that completed
    the first qualifying stretch), or None when they never did (up to `as_of`)."""
    days = sorted(set(visit_days))
    if as_of is not None:
        del days[bisect.bisect_right(days, as_of) :]
    return long_term_since_sorted(days, dropout_after_weeks=dropout_after_weeks)


def long_term_since_sorted(
    days: Sequence[dt.date], *, dropout_after_weeks: int = DEFAULT_DROPOUT_AFTER_WEEKS
) -> dt.date | None:
    """`long_term_since` of visit days that are sorted and distinct already, up to the
    last of them (the route has them so: participants.route)."""
    gap = dt.timedelta(weeks=max(1, int(dropout_after_weeks)))
    previous: dt.date | None = None
    # The current stretch's first day, its month now, how many months it has, and the day
    # after which it is long enough (worked out once it has the months).
    start, month, months = dt.date.min, 0, 0
    end: dt.date | None = None
    for day in days:
        key = day.year * 12 + day.month
        if previous is None or day - previous > gap:
            start, month, months, end = day, key, 1, None  # a new stretch of taking part
        elif key != month:
            # The days come in order, so a stretch's months do too: counting the changes
            # of month counts its different months.
            month, months = key, months + 1
        previous = day
        if months >= LONG_TERM_MIN_MONTHS_WITH_VISITS:
            if end is None:
                end = plus_months(start, LONG_TERM_MONTHS)
            if end < day:
                return day
    return None


def is_long_term(
    visit_days: Iterable[dt.date],
    *,
    dropout_after_weeks: int = DEFAULT_DROPOUT_AFTER_WEEKS,
    as_of: dt.date | None = None,
) -> bool:
    """Did the person take part long-term, by `as_of` (see module)?"""
    since = long_term_since(visit_days, dropout_after_weeks=dropout_after_weeks, as_of=as_of)
    return since is not None
