"""The values of the individual route (participants.route): its stages, the codes of why a
step happened, the organisation's rules, the recorded events it reads and the route it
gives. Plain values, no Django import (the stage strings are those of
participants.models.RouteStage)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation

# Stage values (the same strings as participants.models.RouteStage, kept here so the route
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
