"""The individual route of a participant, derived from facts by one pure function.

`derive_route` takes plain values (dates, recorded events, the organisation's rules and
`today`) and returns the route steps and the current stage. It never touches the database
and never raises for valid input; the selectors load the facts and call it. The rules are
described for people in docs/participants.md; keep the two in step.

Here: the facts in (up to today, sorted), the sweep over them, `valid_through` and the
route's figures out. The sweep and its shortcuts (the rules that move a route on, and the
timers of the passing of time) are in participants/route_sweep.py; the values (stages,
rules, events, steps, the route) in participants/route_types.py, imported from here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable

from vangnet.participants.long_term import long_term_since_sorted
from vangnet.participants.route_sweep import RouteSweep
from vangnet.participants.route_types import (
    ACQUAINTED,
    ACTIVE_STAGES,
    DERIVED_TRANSITIONS,
    DROPPED_OUT,
    INVITED,
    REFERRED_ON,
    RETURNED,
    RULE_CAME_BACK,
    RULE_FIRST_VISIT,
    RULE_FIRST_WEEK,
    RULE_INVITED_ON,
    RULE_NO_ATTENDANCE,
    RULE_NOT_YET_VISITED,
    RULE_RECORDED,
    RULE_SECOND_VISIT,
    RULE_STEADY,
    SETTLING,
    SETTLING_AFTER_DAYS,
    STAGES,
    STEADY,
    RecordedEvent,
    Route,
    RouteRules,
    RouteStep,
)

# The route's values are imported from here (participants.route_types holds them).
__all__ = [
    "ACQUAINTED",
    "ACTIVE_STAGES",
    "DERIVED_TRANSITIONS",
    "DROPPED_OUT",
    "INVITED",
    "REFERRED_ON",
    "RETURNED",
    "RULE_CAME_BACK",
    "RULE_FIRST_VISIT",
    "RULE_FIRST_WEEK",
    "RULE_INVITED_ON",
    "RULE_NOT_YET_VISITED",
    "RULE_NO_ATTENDANCE",
    "RULE_RECORDED",
    "RULE_SECOND_VISIT",
    "RULE_STEADY",
    "SETTLING",
    "SETTLING_AFTER_DAYS",
    "STAGES",
    "STEADY",
    "RecordedEvent",
    "Route",
    "RouteRules",
    "RouteStep",
    "derive_route",
]


def derive_route(
    *,
    invited_on: dt.date | None,
    session_dates: Iterable[dt.date],
    attended_dates: Iterable[dt.date],
    events: Iterable[RecordedEvent],
    rules: RouteRules | None = None,
    today: dt.date,
) -> Route:
    """Derive a participant's route from the facts. Pure and total.

    - `session_dates`: dates of the network's recorded sessions (any order, repeats allowed);
    - `attended_dates`: dates the participant was present;
    - `events`: recorded RouteEvents (confirmations, corrections, dropouts, referrals),
      applied in (date, id) order;
    - facts dated after `today` are ignored, except that the route's `valid_through` ends
      the day before the first of them.
    """
    rules = _normalised(rules or _DEFAULT_RULES)
    later: list[dt.date] = []  # the first fact of each kind after today
    sessions = sorted(session_dates)
    position = bisect.bisect_right(sessions, today)
    if position < len(sessions):
        later.append(sessions[position])
        del sessions[position:]
    attended = sorted(attended_dates)
    position = bisect.bisect_right(attended, today)
    if position < len(attended):
        later.append(attended[position])
        del attended[position:]
    recorded: list[RecordedEvent] = []
    for event in events:
        if event.stage in STAGES:
            if event.date > today:
                later.append(event.date)
            else:
                recorded.append(event)
    if recorded:
        recorded.sort(key=lambda e: (e.date, e.id if e.id is not None else 0))
    sweep = RouteSweep(sessions=sessions, attended=attended, rules=rules, today=today)

    visit_days = list(dict.fromkeys(attended))  # sorted, without repeats
    first_visit = visit_days[0] if visit_days else None
    first_record = recorded[0].date if recorded else None
    if first_visit is None:
        first_fact = first_record
    else:
        first_fact = first_visit if first_record is None else min(first_visit, first_record)
    if invited_on is not None and (first_fact is None or invited_on <= first_fact):
        sweep.move(INVITED, invited_on, RULE_INVITED_ON)
    elif first_visit is None or (first_record is not None and first_record < first_visit):
        sweep.move(INVITED, None, RULE_NOT_YET_VISITED)

    by_day: dict[dt.date, list[RecordedEvent]] = {}
    for event in recorded:
        by_day.setdefault(event.date, []).append(event)
    days = visit_days  # without records every day of the sweep is a visit day
    visit_set: set[dt.date] = set()
    if by_day:
        visit_set = set(visit_days)
        days = sorted(visit_set | set(by_day))
    sweep.run(days, visit_set, by_day)
    change = sweep.next_change()
    if change is not None:
        later.append(change)
    valid_through = (min(later) - dt.timedelta(days=1)) if later else dt.date.max

    first = visit_days[0] if visit_days else None
    last = visit_days[-1] if visit_days else None
    missed = 0
    since_first = 0
    if first is not None and last is not None:
        missed = len(sessions) - bisect.bisect_right(sessions, last)
        since_first = max(len(sessions) - bisect.bisect_left(sessions, first), len(attended))
    return Route(
        steps=tuple(sweep.steps),
        today=today,
        first_visit=first,
        last_visit=last,
        visits=len(attended),
        missed_in_a_row=missed,
        sessions_since_first_visit=since_first,
        confirmations=tuple(sweep.confirmations),
        long_term_since=long_term_since_sorted(
            visit_days, dropout_after_weeks=rules.dropout_after_weeks
        ),
        valid_through=valid_through,
    )


_DEFAULT_RULES = RouteRules()


@functools.lru_cache(maxsize=64)
def _normalised(rules: RouteRules) -> RouteRules:
    """rules.normalised(), once per rules (an organisation's, for all its people)."""
    return rules.normalised()
