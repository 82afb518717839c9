"""The individual route of a participant, derived from facts by one pure function.

`derive_route` takes plain values (dates, recorded events, the organisation's rules and
`today`) and returns the route steps and the current stage. It never touches the database
and never raises for valid input; the selectors load the facts and call it. The rules are
described for people in docs/participants.md; keep the two in step.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation

from vangnet.participants.long_term import long_term_since

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


def _plus(day: dt.date, days: int) -> dt.date | None:
    """day + days, or None when that lies beyond the calendar (never happens in practice)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


class _Deriver:
    """The sweep over time behind derive_route. One instance per call."""

    def __init__(self, *, sessions: Any, attended: Any, rules: RouteRules, today: dt.date):
        self.rules = rules
        self.today = today
        self.sessions = sessions  # sorted, with repeats (two sessions on one day)
        self.attended = attended  # sorted, with repeats
        self._candidate_days: list[dt.date] | None = None  # built when first needed
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

    @property
    def candidate_days(self) -> list[dt.date]:
        if self._candidate_days is None:
            # The sorted distinct dates; sessions and attended are sorted, and the attended
            # dates are usually session dates: then no sort is needed.
            days = dict.fromkeys(self.sessions)
            if all(day in days for day in self.attended):
                self._candidate_days = list(days)
            else:
                self._candidate_days = sorted(set(self.sessions) | set(self.attended))
        return self._candidate_days

    def steady_date(
        self, period_start: dt.date, not_before: dt.date | None, until: dt.date | None = None
    ) -> dt.date | None:
        """The first day (not before `not_before`) on which the steady rule holds for a
        period that started on `period_start`. Days after `until` (None: today) are not
        looked at; a later call for the same period resumes the scan where it stopped."""
        key = (period_start, not_before)
        entry = self._steady_cache.get(key)
        if entry is None:
            days: list[dt.date] = []
            threshold = _plus(period_start, self.rules.steady_after_days + 1)
            if threshold is not None and not_before is not None:
                threshold = max(threshold, not_before)
            if threshold is not None and threshold <= self.today:
                candidates = self.candidate_days
                days = [
                    threshold,
                    *candidates[
                        bisect.bisect_right(candidates, threshold) : bisect.bisect_right(
                            candidates, self.today
                        )
                    ],
                ]
            # [the day found or None, the next position to look at, the days to look at]
            entry = self._steady_cache[key] = [None, 0, days]
        found: dt.date | None = entry[0]
        position: int = entry[1]
        days = entry[2]
        if found is not None:
            return found if until is None or found <= until else None
        if position >= len(days):
            return None
        minimum = self.rules.steady_min_attendance_share
        # share(period_start, day), inlined: the counts before period_start are fixed.
        attended, sessions = self.attended, self.sessions
        visits_before = bisect.bisect_left(attended, period_start)
        sessions_before = bisect.bisect_left(sessions, period_start)
        right = bisect.bisect_right
        end = len(days) if until is None else bisect.bisect_right(days, until, lo=position)
        while position < end:
            day: dt.date = days[position]
            visits = right(attended, day) - visits_before
            held = right(sessions, day) - sessions_before
            if held < visits:
                held = visits
            if (visits / held if held else 0.0) + 1e-9 >= minimum:
                entry[0], entry[1] = day, position
                return day
            position += 1
        entry[1] = position
        return None

    # -- steps ----------------------------------------------------------------------------
    def move(
        self, stage: str, day: dt.date | None, rule: str, event: RecordedEvent | None = None
    ) -> None:
        self.stage = stage
        self.stage_since = day
        self.steps.append(
            RouteStep(
                stage=stage,
                start=day,
                derived=event is None,
                rule=rule,
                note=getattr(event, "reason", "") or "",
                dropout_reason=getattr(event, "dropout_reason", "") or "",
                referred_to=getattr(event, "referred_to", "") or "",
                event_id=getattr(event, "id", None),
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
        dropout = _plus(self.clock, 7 * self.rules.dropout_after_weeks)
        if dropout is not None:
            timers.append((dropout, 0, DROPPED_OUT))  # dropout wins a tie
        if self.stage == ACQUAINTED and self.visit_anchor is not None:
            settling = _plus(self.visit_anchor, SETTLING_AFTER_DAYS)
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
            threshold = _plus(start, self.rules.steady_after_days + 1)
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
        while True:
            timer = self.next_timer()
            if timer is None:
                return
            day, stage = timer
            if day > until or (day == until and not inclusive) or day > self.today:
                return
            rule = {DROPPED_OUT: RULE_NO_ATTENDANCE, SETTLING: RULE_FIRST_WEEK}.get(
                stage, RULE_STEADY
            )
            self.move(stage, day, rule)

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
    rules = (rules or RouteRules()).normalised()
    sessions = sorted(session_dates)
    later = sessions[bisect.bisect_right(sessions, today) :][:1]  # the first fact after today
    del sessions[bisect.bisect_right(sessions, today) :]
    attended = sorted(attended_dates)
    later += attended[bisect.bisect_right(attended, today) :][:1]
    del attended[bisect.bisect_right(attended, today) :]
    events = [e for e in events if e.stage in STAGES]
    later += [e.date for e in events if e.date > today]
    recorded = sorted(
        (e for e in events if e.date <= today),
        key=lambda e: (e.date, e.id if e.id is not None else 0),
    )
    deriver = _Deriver(sessions=sessions, attended=attended, rules=rules, today=today)

    visit_days = list(dict.fromkeys(attended))  # sorted, without repeats
    first_fact = min([*visit_days[:1], *[e.date for e in recorded[:1]]], default=None)
    if invited_on is not None and (first_fact is None or invited_on <= first_fact):
        deriver.move(INVITED, invited_on, RULE_INVITED_ON)
    elif not visit_days or (recorded and recorded[0].date < visit_days[0]):
        deriver.move(INVITED, None, RULE_NOT_YET_VISITED)

    by_day: dict[dt.date, list[RecordedEvent]] = {}
    for event in recorded:
        by_day.setdefault(event.date, []).append(event)
    visit_set = set(visit_days)
    dropout_days = 7 * rules.dropout_after_weeks
    for day in sorted(visit_set | set(by_day)) if by_day else visit_days:
        clock = deriver.clock
        if (
            SKIP_STEADY_VISITS
            and deriver.stage == STEADY
            and clock is not None
            and day not in by_day
            and (day - clock).days < dropout_days
        ):
            # The common case, a steady participant who came again within the dropout
            # window: the only timer (dropout) cannot fire, and the visit moves the clock.
            deriver.clock = day
            continue
        deriver.run_timers(day, inclusive=False)
        if day in visit_set:
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
        long_term_since=long_term_since(
            visit_days, dropout_after_weeks=rules.dropout_after_weeks, as_of=today
        ),
        valid_through=valid_through,
    )
