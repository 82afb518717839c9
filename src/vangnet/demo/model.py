"""A simple, seeded participation model of one vangnetwerk, week by week.

The model follows the individual route of the method (see docs/demo.md and the method
summary): people are *invited*, most come for a first visit (*kennismaking*), about half of
those who get acquainted find their place and become steady participants (taking part
longer than three months), the others drift away in their first weeks. Steady participants
come in a typical week with a probability of about 0.67 (10 of 15 present), leave now and
then (with a dropout reason, sometimes referred on to another provision) and some come back.

It is pure Python (no Django, no numpy) and driven by one `random.Random`, so a seed gives
the same history every time. The demo data generator turns a `SimulationResult` into
database rows; a recruitment forecast can run the same model forward with other
`ModelParams` (for example more invitations a month) and read `SimulationResult.weekly()`.

Time is counted in *session weeks*: week 0 is the network's first weekly session, week n
the n-th weekly session after it. Mapping weeks to calendar dates (and skipping holidays) is
left to the caller.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

WEEKS_PER_MONTH = 52 / 12

# Ways in (values of participants.models.CameInVia) and dropout reasons (values of
# participants.models.DropoutReason); the model only uses the codes.
CHANNELS = ("referral", "met_by_worker", "invited_by_group", "invited_by_participant")
DROPOUT_REASONS = ("mismatch", "health", "admission", "programme", "moved", "other")


@dataclass(frozen=True)
class ModelParams:
    """The knobs of the model. Defaults follow the figures of the method."""

    # Recruitment: (from_week, invitations per month) steps. The default follows the phases:
    # a first small group in exploration, recruitment as a main task in build-up, less in
    # deepening and in the permanent provision.
    recruitment: tuple[tuple[int, float], ...] = ((0, 3.0), (13, 4.0), (52, 2.5), (78, 2.0))
    # The worker recruits less once the group is full: with `target_core` or more people
    # taking part, the invitation rate is multiplied by `recruitment_when_full`.
    target_core: int = 15
    recruitment_when_full: float = 0.3
    initial_group: int = 5  # people invited in week 0 who come to the first session
    initial_steady_share: float = 0.8  # the first small group is recruited with care
    channel_weights: tuple[float, ...] = (0.35, 0.30, 0.15, 0.20)  # in the order of CHANNELS
    acquaint_probability: float = 0.8  # an invited person comes for a first visit
    acquaint_delay_weeks: int = 3  # ... within this many weeks after the invitation
    steady_share: float = 0.5  # of the acquainted, the share that finds a place
    steady_after_weeks: int = 13  # "longer than three months"
    steady_attendance: float = 0.67  # a steady participant is present in a given week
    newcomer_attendance: float = 0.5  # a newcomer who will drift away, while still coming
    drift_mean_weeks: float = 3.0  # mean number of weeks before a newcomer drifts away
    drift_max_weeks: int = 10
    steady_leave_per_month: float = 0.04  # chance a steady participant leaves in a month
    referred_on_share_steady: float = 0.15  # of steady leavers: referred on, not dropped out
    referred_on_share_newcomer: float = 0.05
    dropout_reason_weights: tuple[float, ...] = (0.25, 0.3, 0.1, 0.1, 0.1, 0.15)
    newcomer_reason_weights: tuple[float, ...] = (0.55, 0.15, 0.05, 0.05, 0.05, 0.15)
    return_probability_steady: float = 0.25  # a steady participant who dropped out comes back
    return_probability_newcomer: float = 0.05
    return_after_weeks: tuple[int, int] = (8, 30)  # ... after this many weeks (inclusive)
    record_dropout_probability: float = 0.7  # the worker records the dropout with a reason

    def __post_init__(self) -> None:
        shares = {
            name: getattr(self, name)
            for name in (
                "acquaint_probability",
                "steady_share",
                "steady_attendance",
                "newcomer_attendance",
                "steady_leave_per_month",
                "referred_on_share_steady",
                "referred_on_share_newcomer",
                "return_probability_steady",
                "return_probability_newcomer",
                "record_dropout_probability",
                "recruitment_when_full",
                "initial_steady_share",
            )
        }
        for name, value in shares.items():
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be between 0 and 1, not {value}")
        if len(self.channel_weights) != len(CHANNELS):
            raise ValueError("channel_weights needs one weight per channel")
        for weights in (self.dropout_reason_weights, self.newcomer_reason_weights):
            if len(weights) != len(DROPOUT_REASONS):
                raise ValueError("reason weights need one weight per dropout reason")
        if not self.recruitment or self.recruitment[0][0] != 0:
            raise ValueError("recruitment must start at week 0")
        if any(rate < 0 for _, rate in self.recruitment):
            raise ValueError("invitation rates cannot be negative")

    def invitations_per_month(self, week: int, taking_part: int = 0) -> float:
        """The invitation rate in `week` when `taking_part` people are in the group."""
        rate = self.recruitment[0][1]
        for from_week, step_rate in self.recruitment:
            if week >= from_week:
                rate = step_rate
        if taking_part >= self.target_core:
            rate *= self.recruitment_when_full
        return rate

    @property
    def steady_leave_per_week(self) -> float:
        return 1 - (1 - self.steady_leave_per_month) ** (1 / WEEKS_PER_MONTH)


@dataclass
class Leave:
    """A person stopped coming after `week` (their last week present, or the week they left)."""

    week: int
    outcome: str  # "dropped_out" or "referred_on"
    reason: str  # a DROPOUT_REASONS code ("" for referred on)
    recorded: bool  # the worker recorded it (a RouteEvent); otherwise it is only derived
    was_steady: bool


@dataclass
class Person:
    """One simulated person and their history."""

    key: int
    invited_week: int
    channel: str
    invited_by: int | None = None  # key of the participant who invited them
    acquainted_week: int | None = None  # first visit; None: never came
    finds_place: bool = False  # will become steady (decided at the first visit)
    attended: list[int] = field(default_factory=list)
    leaves: list[Leave] = field(default_factory=list)
    returns: list[int] = field(default_factory=list)
    # internal state
    visit_at: int | None = None  # planned first visit
    active_since: int | None = None  # first week of the current stay
    leave_at: int | None = None  # newcomer: the week after which they drift away
    return_at: int | None = None

    @property
    def is_active(self) -> bool:
        return self.active_since is not None

    def steady_at(self, week: int, steady_after_weeks: int) -> bool:
        """Taking part (still coming) for longer than `steady_after_weeks` at `week`."""
        return (
            self.is_active_at(week)
            and self.acquainted_week is not None
            and week - self.acquainted_week >= steady_after_weeks
            and self.finds_place
        )

    def is_active_at(self, week: int) -> bool:
        if self.acquainted_week is None or week < self.acquainted_week:
            return False
        left = [leave.week for leave in self.leaves if leave.week < week]
        if not left:
            return True
        back = [r for r in self.returns if left[-1] < r <= week]
        return bool(back)


@dataclass
class WeekSummary:
    week: int
    invited: int
    acquainted: int
    present: int
    active: int
    steady: int


@dataclass
class SimulationResult:
    params: ModelParams
    weeks: int
    people: list[Person]

    def present(self, week: int) -> list[Person]:
        return [p for p in self.people if week in set(p.attended)]

    def weekly(self) -> list[WeekSummary]:
        """Per week: new invitations, first visits, present, still taking part, steady."""
        invited = [0] * self.weeks
        acquainted = [0] * self.weeks
        present = [0] * self.weeks
        for person in self.people:
            invited[person.invited_week] += 1
            if person.acquainted_week is not None:
                acquainted[person.acquainted_week] += 1
            for week in person.attended:
                present[week] += 1
        after = self.params.steady_after_weeks
        return [
            WeekSummary(
                week=week,
                invited=invited[week],
                acquainted=acquainted[week],
                present=present[week],
                active=sum(1 for p in self.people if p.is_active_at(week)),
                steady=sum(1 for p in self.people if p.steady_at(week, after)),
            )
            for week in range(self.weeks)
        ]


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth's method; fine for the small rates used here)."""
    if lam <= 0:
        return 0
    limit, k, product = math.exp(-lam), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def weighted_choice(rng: random.Random, options: Sequence[str], weights: Sequence[float]) -> str:
    return rng.choices(list(options), weights=list(weights), k=1)[0]


class Simulation:
    """Runs the model week by week. Use `simulate()` unless you need to step yourself."""

    def __init__(self, params: ModelParams, rng: random.Random) -> None:
        self.params = params
        self.rng = rng
        self.people: list[Person] = []
        self.week = 0

    def invite(self, *, week: int, channel: str, invited_by: int | None = None) -> Person:
        person = Person(
            key=len(self.people), invited_week=week, channel=channel, invited_by=invited_by
        )
        self.people.append(person)
        return person

    def _schedule_first_visit(self, person: Person, *, first_group: bool = False) -> None:
        p = self.params
        if not first_group and self.rng.random() >= p.acquaint_probability:
            return  # invited, never came
        delay = 0 if first_group else self.rng.randint(0, p.acquaint_delay_weeks)
        person.visit_at = person.invited_week + delay
        share = p.initial_steady_share if first_group else p.steady_share
        person.finds_place = self.rng.random() < share

    def _begin_stay(self, person: Person, week: int, *, finds_place: bool) -> None:
        person.active_since = week
        person.return_at = None
        if finds_place:
            person.leave_at = None
        else:
            mean = max(self.params.drift_mean_weeks, 1.0)
            weeks = 1
            while weeks < self.params.drift_max_weeks and self.rng.random() > 1 / mean:
                weeks += 1
            person.leave_at = week + weeks - 1

    def _leave(self, person: Person, week: int) -> None:
        """`person` stops coming; `week` is their last week present."""
        p = self.params
        was_steady = person.finds_place and person.active_since is not None
        referred_share = p.referred_on_share_steady if was_steady else p.referred_on_share_newcomer
        if self.rng.random() < referred_share:
            outcome, reason = "referred_on", ""
        else:
            outcome = "dropped_out"
            weights = p.dropout_reason_weights if was_steady else p.newcomer_reason_weights
            reason = weighted_choice(self.rng, DROPOUT_REASONS, weights)
        recorded = outcome == "referred_on" or self.rng.random() < p.record_dropout_probability
        person.leaves.append(Leave(week, outcome, reason, recorded, was_steady))
        person.active_since = None
        person.leave_at = None
        back = p.return_probability_steady if was_steady else p.return_probability_newcomer
        if outcome == "dropped_out" and self.rng.random() < back:
            low, high = p.return_after_weeks
            person.return_at = self.week + self.rng.randint(low, high)

    def _invite_new(self, week: int) -> None:
        p = self.params
        hosts = [q.key for q in self.people if q.is_active and q.finds_place]
        group = sum(1 for q in self.people if q.is_active)
        count = p.initial_group if week == 0 else 0
        count += poisson(self.rng, p.invitations_per_month(week, group) / WEEKS_PER_MONTH)
        for i in range(count):
            channel = weighted_choice(self.rng, CHANNELS, p.channel_weights)
            if channel == "invited_by_participant" and not hosts:
                channel = "met_by_worker"
            invited_by = self.rng.choice(hosts) if channel == "invited_by_participant" else None
            person = self.invite(week=week, channel=channel, invited_by=invited_by)
            self._schedule_first_visit(person, first_group=week == 0 and i < p.initial_group)

    def step(self) -> None:
        """Simulate one week: invitations, first visits, returns, attendance, leaving."""
        week, p = self.week, self.params
        self._invite_new(week)
        for person in self.people:
            if person.visit_at == week:
                person.acquainted_week, person.visit_at = week, None
                self._begin_stay(person, week, finds_place=person.finds_place)
                person.attended.append(week)  # the first visit
                continue
            if person.return_at == week:
                person.returns.append(week)
                person.finds_place = True
                self._begin_stay(person, week, finds_place=True)
                person.attended.append(week)
                continue
            if person.active_since is None:
                continue
            if person.leave_at is not None:  # a newcomer who will drift away
                if week > person.leave_at:
                    self._leave(person, person.attended[-1])
                    continue
                if self.rng.random() < p.newcomer_attendance:
                    person.attended.append(week)
                continue
            settled = week - person.active_since >= p.steady_after_weeks
            if settled and self.rng.random() < p.steady_leave_per_week:
                self._leave(person, person.attended[-1])
                continue
            if self.rng.random() < p.steady_attendance:
                person.attended.append(week)
        self.week += 1

    def run(self, weeks: int) -> SimulationResult:
        for _ in range(weeks):
            self.step()
        return SimulationResult(params=self.params, weeks=self.week, people=self.people)


def simulate(params: ModelParams, *, weeks: int, rng: random.Random) -> SimulationResult:
    """Simulate a network from its first session for `weeks` weekly sessions."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    return Simulation(params, rng).run(weeks)
