"""The sweep over time behind participants.route.derive_route: the rules that move a route
on (visits, the timers of the passing of time: settling, steady, dropout; a worker's
records), applied day by day over the days with a fact, with the shortcuts that keep it
quick. docs/participants.md describes the rules for people.

Every shortcut has a module flag that the tests turn off to compare with the full sweep
(tests/participants/test_route_properties.py); tests/participants/test_route_reference.py
compares derive_route with a plain day-by-day reading of the rules.
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import Any

from vangnet.participants.route_types import (
    ACQUAINTED,
    ACTIVE_STAGES,
    DROPPED_OUT,
    INVITED,
    REFERRED_ON,
    RETURNED,
    RULE_CAME_BACK,
    RULE_FIRST_VISIT,
    RULE_FIRST_WEEK,
    RULE_NO_ATTENDANCE,
    RULE_RECORDED,
    RULE_SECOND_VISIT,
    RULE_STEADY,
    SETTLING,
    SETTLING_AFTER_DAYS,
    STEADY,
    RecordedEvent,
    RouteRules,
    RouteStep,
)

# derive_route passes quickly over a steady participant's visits within the dropout window
# (they only move the dropout clock); tests turn it off to compare with the full sweep.
SKIP_STEADY_VISITS = True
# derive_route passes as quickly over the visits of a settling or returned participant
# within the dropout window (they only move the dropout clock; a steady day among them is
# found, with its own date, at the next day looked at); tests turn it off to compare with
# the full sweep.
SKIP_SETTLING_VISITS = True
# The steady rule is checked day by day only up to the dropout day (a later steady day
# cannot win); tests turn it off to compare with the scan up to today.
BOUND_STEADY_SCAN = True


def _days(days: int) -> dt.timedelta | None:
    """A timedelta of `days`, or None when it lies beyond the calendar (odd rules)."""
    try:
        return dt.timedelta(days=days)
    except OverflowError:
        return None


def _plus(day: dt.date, days: dt.timedelta | None) -> dt.date | None:
    """day + days, or None when that lies beyond the calendar (never happens in practice)."""
    if days is None:
        return None
    try:
        return day + days
    except OverflowError:
        return None


_SETTLING_AFTER = dt.timedelta(days=SETTLING_AFTER_DAYS)
# The rule of a step that a timer makes.
_TIMER_RULES = {DROPPED_OUT: RULE_NO_ATTENDANCE, SETTLING: RULE_FIRST_WEEK, STEADY: RULE_STEADY}


class RouteSweep:
    """The sweep over time of one derive_route call: its state, timers and steps."""

    def __init__(self, *, sessions: Any, attended: Any, rules: RouteRules, today: dt.date):
        self.rules = rules
        self.today = today
        self.sessions = sessions  # sorted, with repeats (two sessions on one day)
        self.attended = attended  # sorted, with repeats
        self.dropout_after = _days(7 * rules.dropout_after_weeks)
        # The steady rule holds at the earliest this long after the start of the period.
        self.steady_after = _days(rules.steady_after_days + 1)
        self.steps: list[RouteStep] = []
        self.confirmations: list[RecordedEvent] = []
        self.stage = INVITED
        self.visit_anchor: dt.date | None = None  # the visit that made them acquainted
        self.period_start: dt.date | None = None  # counts towards steady
        self.clock: dt.date | None = None  # dropout clock: last sign of taking part
        self.stage_since: dt.date | None = None  # start of the current step
        self._steady_cache: dict[tuple[dt.date, dt.date | None], list[Any]] = {}
        # next_timer() depends only on this state; run_timers asks twice a day, mostly
        # in the same state, so the answer is kept until the state changes.
        self._timer_state: tuple[Any, ...] | None = None
        self._timer: tuple[dt.date, str] | None = None

    def steady_date(
        self, period_start: dt.date, not_before: dt.date | None, until: dt.date | None = None
    ) -> dt.date | None:
        """The first day (not before `not_before`) on which the steady rule holds for a
        period that started on `period_start`. Days after `until` (None: today) are not
        looked at; a later call for the same period resumes the scan where it stopped.

        Only the threshold day and the days of a visit after it are looked at: on any other
        day the share cannot rise (the visits stay the same, the sessions can only grow),
        so the first day on which it holds is one of those."""
        key = (period_start, not_before)
        entry = self._steady_cache.get(key)
        if entry is None:
            first = _plus(period_start, self.steady_after)
            if first is not None and not_before is not None:
                first = max(first, not_before)
            if first is not None and first > self.today:
                first = None
            # [the day found or None, the threshold day (None: none up to today), the
            # position in `attended` of the next day to look at (-1: the threshold day)]
            entry = self._steady_cache[key] = [None, first, -1]
        found: dt.date | None = entry[0]
        if found is not None:
            return found if until is None or found <= until else None
        threshold: dt.date | None = entry[1]
        if threshold is None:
            return None
        end = self.today if until is None else until
        minimum = self.rules.steady_min_attendance_share
        # share(period_start, day), inlined: the counts before period_start are fixed.
        attended, sessions = self.attended, self.sessions
        visits_before = bisect.bisect_left(attended, period_start)
        sessions_before = bisect.bisect_left(sessions, period_start)
        right = bisect.bisect_right
        position: int = entry[2]
        if position < 0:
            if threshold > end:
                return None
            position = right(attended, threshold)
            visits = position - visits_before
            held = right(sessions, threshold) - sessions_before
            if held < visits:
                held = visits
            if (visits / held if held else 0.0) + 1e-9 >= minimum:
                entry[0] = threshold
                return threshold
        last = len(attended) - 1
        while position <= last:
            day: dt.date = attended[position]
            if day > end:
                break
            if position < last and attended[position + 1] == day:
                position += 1  # the last of the day's visits counts them all
                continue
            visits = position + 1 - visits_before
            held = right(sessions, day) - sessions_before
            if held < visits:
                held = visits
            if (visits / held if held else 0.0) + 1e-9 >= minimum:
                entry[0] = day
                return day
            position += 1
        entry[2] = position
        return None

    # -- steps ----------------------------------------------------------------------------
    def move(
        self, stage: str, day: dt.date | None, rule: str, event: RecordedEvent | None = None
    ) -> None:
        self.stage = stage
        self.stage_since = day
        if event is None:
            self.steps.append(RouteStep(stage, day, True, rule))
            return
        self.steps.append(
            RouteStep(
                stage=stage,
                start=day,
                derived=False,
                rule=rule,
                note=event.reason or "",
                dropout_reason=event.dropout_reason or "",
                referred_to=event.referred_to or "",
                event_id=event.id,
            )
        )

    def next_timer(self) -> tuple[dt.date, str] | None:
        """The earliest pending change of stage by the passing of time."""
        state = (self.stage, self.clock, self.visit_anchor, self.period_start, self.stage_since)
        if state != self._timer_state:
            self._timer_state = state
            self._timer = self._compute_next_timer()
        return self._timer

    def _compute_next_timer(self) -> tuple[dt.date, str] | None:
        if self.stage not in ACTIVE_STAGES or self.clock is None:
            return None
        timers: list[tuple[dt.date, int, str]] = []
        dropout = _plus(self.clock, self.dropout_after)
        if dropout is not None:
            timers.append((dropout, 0, DROPPED_OUT))  # dropout wins a tie
        if self.stage == ACQUAINTED and self.visit_anchor is not None:
            settling = _plus(self.visit_anchor, _SETTLING_AFTER)
            if settling is not None:
                timers.append((settling, 1, SETTLING))
        if self.stage in (SETTLING, RETURNED) and self.period_start is not None:
            # A steady day after the dropout day cannot win (dropout wins a tie): the scan
            # stops at the dropout day and resumes there when the clock moves.
            until = dropout if BOUND_STEADY_SCAN else None
            steady = self.steady_date(self.period_start, self.stage_since, until)
            if steady is not None:
                timers.append((steady, 1, STEADY))
        if not timers:
            return None
        day, _, stage = min(timers)
        return day, stage

    def next_change(self) -> dt.date | None:
        """After the sweep up to today: the first later day on which the passing of time
        alone (no new fact) changes the stage, or None. The pending timer is that day,
        except that a steady rule whose threshold lies after today is not scanned yet: it
        will hold on its threshold day when the share of the facts up to today holds."""
        timer = self.next_timer()
        change = timer[0] if timer is not None else None
        start, since = self.period_start, self.stage_since
        if self.stage in (SETTLING, RETURNED) and self.clock is not None and start is not None:
            threshold = _plus(start, self.steady_after)
            if threshold is not None and since is not None:
                threshold = max(threshold, since)
            if threshold is not None and threshold > self.today:
                visits = len(self.attended) - bisect.bisect_left(self.attended, start)
                held = len(self.sessions) - bisect.bisect_left(self.sessions, start)
                held = max(held, visits)
                share = visits / held if held else 0.0
                if share + 1e-9 >= self.rules.steady_min_attendance_share:
                    change = threshold if change is None else min(change, threshold)
        return change

    def run_timers(self, until: dt.date, inclusive: bool) -> None:
        while self.stage in ACTIVE_STAGES:  # (no timer runs in the other stages)
            timer = self.next_timer()
            if timer is None:
                return
            day, stage = timer
            if day > until or (day == until and not inclusive) or day > self.today:
                return
            self.move(stage, day, _TIMER_RULES[stage])

    def visit(self, day: dt.date) -> None:
        if self.stage == REFERRED_ON:
            return  # the route has ended; visits no longer change it
        if self.stage == INVITED:
            self.move(ACQUAINTED, day, RULE_FIRST_VISIT)
            self.visit_anchor = self.period_start = day
        elif self.stage == ACQUAINTED and self.visit_anchor is not None and day > self.visit_anchor:
            self.move(SETTLING, day, RULE_SECOND_VISIT)
        elif self.stage == DROPPED_OUT:
            self.move(RETURNED, day, RULE_CAME_BACK)
            self.period_start = day
        self.clock = day

    def record(self, event: RecordedEvent) -> None:
        day = event.date
        if event.stage == self.stage and self.steps:
            # A confirmation: the stage stays; the note and reason join the current step.
            current = self.steps[-1]
            self.steps[-1] = RouteStep(
                stage=current.stage,
                start=current.start,
                derived=current.derived,
                rule=current.rule,
                note=event.reason or current.note,
                dropout_reason=event.dropout_reason or current.dropout_reason,
                referred_to=event.referred_to or current.referred_to,
                event_id=current.event_id if current.event_id is not None else event.id,
                confirmed_on=day,
            )
            self.confirmations.append(event)
        else:
            self.move(event.stage, day, RULE_RECORDED, event=event)
            if event.stage in (ACQUAINTED, SETTLING, RETURNED):
                self.period_start = day
            if event.stage == ACQUAINTED:
                self.visit_anchor = day
        if self.stage in ACTIVE_STAGES:
            self.clock = day if self.clock is None else max(self.clock, day)

    def run(
        self, days: list[dt.date], visits: set[dt.date], records: dict[dt.date, list[RecordedEvent]]
    ) -> None:
        """Sweep over `days` (sorted: the days with a visit or a record), then on to today.
        `visits` holds the visit days when there are records (without, every day is one)."""
        dropout_days = 7 * self.rules.dropout_after_weeks
        for day in days:
            clock = self.clock
            if clock is not None and (day - clock).days < dropout_days and day not in records:
                # A visit within the dropout window (the dropout timer cannot fire), no record.
                stage = self.stage
                if SKIP_STEADY_VISITS and stage == STEADY:
                    # The common case, a steady participant who came again: the only timer
                    # (dropout) cannot fire, and the visit moves the clock.
                    self.clock = day
                    continue
                if SKIP_SETTLING_VISITS and (stage == SETTLING or stage == RETURNED):
                    # Settling or returned: the visit moves the clock. The steady timer does
                    # not read the clock (but for the bound of its scan) and a timer fires with
                    # its own date, so a steady day on or before this one is found and dated
                    # the same by the next run of the timers (a later day or today).
                    self.clock = day
                    continue
            self.run_timers(day, inclusive=False)
            if not records or day in visits:
                self.visit(day)
            self.run_timers(day, inclusive=True)
            for event in records.get(day, ()):
                self.record(event)
        self.run_timers(self.today, inclusive=True)
