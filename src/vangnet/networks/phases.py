"""Phase derivation: a pure function from plan + recorded transitions to a phase timeline.

The rule (docs/networks.md):

* The planned timeline starts at the network's start date: exploration, build-up and
  deepening last their planned number of months; evaluation follows deepening and has no
  planned end; continuation (*voorziening*) is never planned.
* A phase's actual start is the date of its recorded transition if there is one, else the
  previous phase's actual start plus the previous phase's planned length. Exploration
  starts at the start date unless a transition to exploration is recorded.
* Continuation only starts through a recorded transition, after evaluation has started.
* A recorded transition that is not later than the previous phase's actual start is out of
  order: the derivation ignores it (and reports it in `PhaseTimeline.ignored`); the service
  refuses to record one.
* Several transitions to one phase: the last one in the given sequence wins (callers pass
  them in recording order), so a correction is simply a newer transition.
* Before exploration's actual start the network has not started yet (current phase None).

Nothing here touches the database: `derive_phases` takes plain values, which makes it easy
to test (tests/networks/test_phases.py, including hypothesis properties).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from vangnet.networks.models import PHASE_ORDER, Phase

if TYPE_CHECKING:
    from vangnet.networks.models import Network

DEFAULT_MONTHS = {Phase.EXPLORATION: 3, Phase.BUILD_UP: 9, Phase.DEEPENING: 6}
PLANNED_PHASES = (Phase.EXPLORATION, Phase.BUILD_UP, Phase.DEEPENING)

SOURCE_RECORDED = "recorded"
SOURCE_PLAN = "plan"


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus a number of calendar months; the day is clamped to the month's end
    (31 January + 1 month = 28 or 29 February)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


@dataclass(frozen=True)
class TransitionInput:
    """A recorded transition as plain values (a PhaseTransition row fits as well)."""

    phase: str
    date: dt.date
    reason: str = ""


@dataclass(frozen=True)
class PhaseSpan:
    """One phase on the timeline. Ends are inclusive (the last day of the phase).

    `actual_*` is what happened or, for phases still to come, what follows from the plan;
    `source` says whether the actual start comes from a recorded transition or the plan.
    Continuation without a recorded transition has no actual start.
    """

    phase: Phase
    planned_start: dt.date | None
    planned_end: dt.date | None
    actual_start: dt.date | None
    actual_end: dt.date | None
    source: str
    reason: str = ""
    is_current: bool = False
    is_past: bool = False

    @property
    def recorded(self) -> bool:
        return self.source == SOURCE_RECORDED

    @property
    def label(self) -> str:
        return str(self.phase.label)

    @property
    def number(self) -> int:
        return PHASE_ORDER.index(self.phase) + 1

    @property
    def started(self) -> bool:
        return self.actual_start is not None and (self.is_current or self.is_past)


@dataclass(frozen=True)
class PhaseTimeline:
    spans: list[PhaseSpan]
    current: Phase | None
    on: dt.date
    ignored: list[TransitionInput] = field(default_factory=list)

    @property
    def not_started(self) -> bool:
        return self.current is None

    @property
    def start(self) -> dt.date:
        return self.spans[0].actual_start or self.spans[0].planned_start  # type: ignore[return-value]

    @property
    def current_span(self) -> PhaseSpan | None:
        return next((span for span in self.spans if span.is_current), None)

    def span(self, phase: str) -> PhaseSpan:
        return next(span for span in self.spans if span.phase == phase)


def _lengths(months: Mapping[Phase, int] | Mapping[str, int] | None) -> dict[Phase, int]:
    lengths = dict(DEFAULT_MONTHS)
    for phase, value in (months or {}).items():
        lengths[Phase(phase)] = int(value)
    for phase, value in lengths.items():
        if value < 1:
            raise ValueError(f"{phase} must last at least one month")
    return lengths


def derive_phases(
    *,
    start_date: dt.date,
    on: dt.date,
    transitions: Iterable[Any] = (),
    months: Mapping[Phase, int] | Mapping[str, int] | None = None,
) -> PhaseTimeline:
    """The phase timeline of a network on date `on`.

    `months` maps exploration/build_up/deepening to planned lengths in months (defaults
    3/9/6). `transitions` are objects with `phase`, `date` and `reason` (TransitionInput or
    PhaseTransition rows), in recording order.
    """
    lengths = _lengths(months)
    latest: dict[Phase, TransitionInput] = {}
    for item in transitions:
        phase = Phase(item.phase)
        latest[phase] = TransitionInput(phase, item.date, getattr(item, "reason", "") or "")

    # Planned: cumulative months from the start date (no drift from clamping).
    planned_starts: dict[Phase, dt.date | None] = {}
    total = 0
    for phase in PLANNED_PHASES:
        planned_starts[phase] = add_months(start_date, total)
        total += lengths[phase]
    planned_starts[Phase.EVALUATION] = add_months(start_date, total)
    planned_starts[Phase.CONTINUATION] = None

    # Actual: recorded date if in order, else previous actual start + previous length.
    actual: dict[Phase, tuple[dt.date | None, str, str]] = {}
    ignored: list[TransitionInput] = []
    previous: dt.date | None = None
    previous_phase: Phase | None = None
    for phase in PHASE_ORDER:
        record = latest.get(phase)
        if record is not None and (previous is None or record.date > previous):
            start, source, reason = record.date, SOURCE_RECORDED, record.reason
        else:
            if record is not None:
                ignored.append(record)
            if phase == Phase.EXPLORATION:
                start = start_date
            elif phase == Phase.CONTINUATION or previous is None:
                start = None
            else:
                start = add_months(previous, lengths[previous_phase])  # type: ignore[index]
            source, reason = SOURCE_PLAN, ""
        actual[phase] = (start, source, reason)
        if start is None:
            break
        previous, previous_phase = start, phase

    current: Phase | None = None
    for phase in PHASE_ORDER:
        start = actual.get(phase, (None, "", ""))[0]
        if start is not None and start <= on:
            current = phase

    spans: list[PhaseSpan] = []
    for index, phase in enumerate(PHASE_ORDER):
        start, source, reason = actual.get(phase, (None, SOURCE_PLAN, ""))
        following = PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None
        next_start = actual.get(following, (None, "", ""))[0] if following else None
        next_planned = planned_starts.get(following) if following else None
        planned_start = planned_starts[phase]
        spans.append(
            PhaseSpan(
                phase=phase,
                planned_start=planned_start,
                planned_end=(next_planned - dt.timedelta(days=1)) if next_planned else None,
                actual_start=start,
                actual_end=(next_start - dt.timedelta(days=1))
                if (start is not None and next_start is not None)
                else None,
                source=source,
                reason=reason,
                is_current=phase == current,
                is_past=current is not None
                and PHASE_ORDER.index(phase) < PHASE_ORDER.index(current),
            )
        )
    return PhaseTimeline(spans=spans, current=current, on=on, ignored=ignored)


def newly_out_of_order(
    *, before: PhaseTimeline, after: PhaseTimeline, phase: str | None = None
) -> tuple[TransitionInput, PhaseSpan] | None:
    """Compare a timeline before and after a change (a new transition for `phase`, or a new
    start date or phase lengths). Returns the transition the change puts out of order with
    the span of the phase before it, or None. A transition for `phase` itself comes first;
    transitions that were already out of order before the change do not count."""
    known = {(item.phase, item.date) for item in before.ignored}
    fresh = [item for item in after.ignored if (item.phase, item.date) not in known]
    if phase is not None:
        fresh = [item for item in after.ignored if item.phase == phase] or fresh
    for item in fresh:
        index = PHASE_ORDER.index(Phase(item.phase))
        if index > 0:
            return item, after.span(PHASE_ORDER[index - 1])
    return None


class PlannedMonths(Protocol):
    """Anything with a network's planned phase lengths (a Network, or a report's row)."""

    exploration_months: int
    build_up_months: int
    deepening_months: int


def network_months(network: PlannedMonths) -> dict[Phase, int]:
    return {
        Phase.EXPLORATION: network.exploration_months,
        Phase.BUILD_UP: network.build_up_months,
        Phase.DEEPENING: network.deepening_months,
    }


def network_phases(
    *, network: Network, on: dt.date, transitions: Iterable[Any] | None = None
) -> PhaseTimeline:
    """`derive_phases` for a Network. Pass `transitions` (in recording order) to avoid a
    query; otherwise they are read (one query, or none when prefetched)."""
    if transitions is None:
        transitions = sorted(network.transitions.all(), key=lambda item: item.pk)
    return derive_phases(
        start_date=network.start_date,
        on=on,
        transitions=transitions,
        months=network_months(network),
    )
