"""The individual route of a participant, derived from facts by one pure function.

`derive_route` takes plain values (dates, recorded events, the organisation's rules and
`today`) and returns the route steps and the current stage. It never touches the database
and never raises for valid input; the selectors load the facts and call it. The rules are
described for people in docs/participants.md; keep the two in step.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation

from vangnet.participants.long_term import long_term_since_sorted

# Stage values (the same strings as participants.models.RouteStage, kept here so this module
# has no Django import and stays a pure function).
INVITED = "invited"
ACQUAINTED = "acquainted"
SETTLING = "settling"
STEADY = "steady"
DROPPED_OUT = "dropped_out"
RETURNED = "returned"
REFERRED_ON = "referred_on"
STAGES = (INVITED, ACQUAINTED, SETTLING, STEADY, DROPPED_OUT, RETURNED, REFERRED_ON)

# Stages in which the person takes part: the dropout clock runs.
ACTIVE_STAGES = frozenset({ACQUAINTED, SETTLING, STEADY, RETURNED})

# The transitions the rules can derive by themselves (recorded events may go anywhere).
DERIVED_TRANSITIONS = frozenset(
    {
        (INVITED, ACQUAINTED),
        (ACQUAINTED, SETTLING),
        (ACQUAINTED, DROPPED_OUT),
        (SETTLING, STEADY),
        (SETTLING, DROPPED_OUT),
        (STEADY, DROPPED_OUT),
        (DROPPED_OUT, RETURNED),
        (RETURNED, STEADY),
        (RETURNED, DROPPED_OUT),
    }
)

# Why a derived step happened (the views translate these codes).
RULE_INVITED_ON = "invited_on"
RULE_NOT_YET_VISITED = "not_yet_visited"
RULE_FIRST_VISIT = "first_visit"
RULE_SECOND_VISIT = "second_visit"
RULE_FIRST_WEEK = "first_week_passed"
RULE_STEADY = "steady_rule"
RULE_NO_ATTENDANCE = "no_attendance"
RULE_CAME_BACK = "came_back"
RULE_RECORDED = "recorded"

SETTLING_AFTER_DAYS = 7

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


@dataclass(frozen=True)
class RouteRules:
    """The organisation's tunable method rules."""

    steady_after_days: int = 91
    steady_min_attendance_share: float = 0.5
    dropout_after_weeks: int = 8

    @classmethod
    def from_organisation(cls, organisation: Organisation) -> RouteRules:
        return cls(
            steady_after_days=int(organisation.steady_after_days),
            steady_min_attendance_share=float(organisation.steady_min_attendance_share),
            dropout_after_weeks=int(organisation.dropout_after_weeks),
        )

    def normalised(self) -> RouteRules:
        """Rules clamped to sensible bounds, so odd settings never make derivation fail."""
        share = self.steady_min_attendance_share
        if isinstance(share, Decimal):
            share = float(share)
        if share != share:  # NaN
            share = 0.5
        return RouteRules(
            steady_after_days=max(0, int(self.steady_after_days)),
            steady_min_attendance_share=min(1.0, max(0.0, float(share))),
            dropout_after_weeks=max(1, int(self.dropout_after_weeks)),
        )


@dataclass(frozen=True)
class RecordedEvent:
    """A worker's record: a confirmation or correction of the stage, a dropout with a
    reason, or a referral on. Mirrors participants.models.RouteEvent."""

    stage: str
    date: dt.date
    reason: str = ""
    dropout_reason: str = ""
    referred_to: str = ""
    id: int | None = None


@dataclass(frozen=True)
class RouteStep:
    """One stage of the route, from `start` until the next step (or today)."""

    stage: str
    start: dt.date | None
    derived: bool
    rule: str
    note: str = ""
    dropout_reason: str = ""
    referred_to: str = ""
    event_id: int | None = None
    confirmed_on: dt.date | None = None

    @property
    def recorded(self) -> bool:
        return not self.derived


@dataclass(frozen=True)
class Route:
    steps: tuple[RouteStep, ...]
    today: dt.date
    first_visit: dt.date | None = None
    last_visit: dt.date | None = None
    visits: int = 0
    missed_in_a_row: int = 0
    sessions_since_first_visit: int = 0
    confirmations: tuple[RecordedEvent, ...] = field(default_factory=tuple)
    # The day the person first counted as long-term (*langdurig*, participants.long_term).
    long_term_since: dt.date | None = None
    # The last day for which this route (every field but `today`) stays as it is while no
    # new fact arrives: the day before the next change by the passing of time (a dropout,
    # settling or steady timer) or before the first fact given dated after `today`;
    # dt.date.max when none is pending. The route cache carries a route over to later
    # days up to this one (participants.route_cache).
    valid_through: dt.date = dt.date.max

    @property
    def long_term(self) -> bool:
        return self.long_term_since is not None

    @property
    def current_step(self) -> RouteStep:
        return self.steps[-1]

    @property
    def current(self) -> str:
        return self.steps[-1].stage

    @property
    def ended(self) -> bool:
        return self.current == REFERRED_ON

    @property
    def ever_steady(self) -> bool:
        return any(step.stage == STEADY for step in self.steps)

    @property
    def attendance_share(self) -> float | None:
        if not self.sessions_since_first_visit:
            return None
        return min(1.0, self.visits / self.sessions_since_first_visit)


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


class _Deriver:
    """The sweep over time behind derive_route. One instance per call."""

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
    deriver = _Deriver(sessions=sessions, attended=attended, rules=rules, today=today)

    visit_days = list(dict.fromkeys(attended))  # sorted, without repeats
    first_visit = visit_days[0] if visit_days else None
    first_record = recorded[0].date if recorded else None
    if first_visit is None:
        first_fact = first_record
    else:
        first_fact = first_visit if first_record is None else min(first_visit, first_record)
    if invited_on is not None and (first_fact is None or invited_on <= first_fact):
        deriver.move(INVITED, invited_on, RULE_INVITED_ON)
    elif first_visit is None or (first_record is not None and first_record < first_visit):
        deriver.move(INVITED, None, RULE_NOT_YET_VISITED)

    by_day: dict[dt.date, list[RecordedEvent]] = {}
    for event in recorded:
        by_day.setdefault(event.date, []).append(event)
    days = visit_days  # without records every day of the sweep is a visit day
    visit_set: set[dt.date] = set()
    if by_day:
        visit_set = set(visit_days)
        days = sorted(visit_set | set(by_day))
    dropout_days = 7 * rules.dropout_after_weeks
    for day in days:
        clock = deriver.clock
        if clock is not None and (day - clock).days < dropout_days and day not in by_day:
            # A visit within the dropout window (the dropout timer cannot fire), no record.
            stage = deriver.stage
            if SKIP_STEADY_VISITS and stage == STEADY:
                # The common case, a steady participant who came again: the only timer
                # (dropout) cannot fire, and the visit moves the clock.
                deriver.clock = day
                continue
            if SKIP_SETTLING_VISITS and (stage == SETTLING or stage == RETURNED):
                # Settling or returned: the visit moves the clock. The steady timer does
                # not read the clock (but for the bound of its scan) and a timer fires with
                # its own date, so a steady day on or before this one is found and dated
                # the same by the next run of the timers (a later day or today).
                deriver.clock = day
                continue
        deriver.run_timers(day, inclusive=False)
        if not by_day or day in visit_set:
            deriver.visit(day)
        deriver.run_timers(day, inclusive=True)
        for event in by_day.get(day, ()):
            deriver.record(event)
    deriver.run_timers(today, inclusive=True)
    change = deriver.next_change()
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
        steps=tuple(deriver.steps),
        today=today,
        first_visit=first,
        last_visit=last,
        visits=len(attended),
        missed_in_a_row=missed,
        sessions_since_first_visit=since_first,
        confirmations=tuple(deriver.confirmations),
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
