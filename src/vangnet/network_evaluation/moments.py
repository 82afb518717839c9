"""When a network is evaluated: derived from its start and phases, never asked for.

The method (handbook, "Kwaliteitsbewaking"): "Na een jaar en aan het einde van de
interventieperiode vindt een evaluatie plaats van het vangnetwerk als geheel", and once the
network continues as a provision "minimaal jaarlijks". So:

- ``one_year``: twelve months after the network's actual start (exploration);
- ``end``: the day the phase *Evaluatie en overgang* starts (recorded, or planned from the
  phase lengths); when that is not later than the one-year moment, the one-year evaluation
  is left out (the end evaluation covers it);
- ``yearly_N``: N x twelve months after the end moment; the list runs until the first
  yearly moment after `today`, so there is always a next moment.

Each moment covers a period for its measured figures: the one-year and the end moment look
back to the start, a yearly moment to the day after the previous moment.

Pure functions: a `PhaseTimeline` in, `Moment`s out (tests/network_evaluation/test_moments.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from vangnet.networks.models import Phase
from vangnet.networks.phases import PhaseTimeline, add_months

ONE_YEAR = "one_year"
END = "end"
YEARLY = "yearly"
MAX_YEARLY = 50  # a guard: a network older than 50 years is not a real case


@dataclass(frozen=True)
class Moment:
    key: str
    kind: str
    number: int  # 1 for one_year and end; N for yearly_N
    due: dt.date
    period_start: dt.date
    period_end: dt.date  # inclusive: the due date

    @property
    def label(self) -> str:
        if self.kind == ONE_YEAR:
            return _("Evaluatie na één jaar")
        if self.kind == END:
            return _("Evaluatie aan het einde")
        return _("Jaarlijkse evaluatie %(number)d") % {"number": self.number}

    def is_due(self, today: dt.date) -> bool:
        return self.due <= today


def end_date(timeline: PhaseTimeline) -> dt.date:
    """The start of the phase 'evaluation and transition' (recorded or planned)."""
    span = timeline.span(Phase.EVALUATION)
    return span.actual_start or span.planned_start  # type: ignore[return-value]


def derive_moments(
    *, timeline: PhaseTimeline, today: dt.date, held: frozenset[str] | set[str] = frozenset()
) -> list[Moment]:
    """The evaluation moments of a network, in date order.

    `held` are the keys of moments that already have an evaluation: they stay in the list
    even when a later change of the phases would drop them (a recorded evaluation phase
    before the one-year moment, a yearly moment now further away)."""
    start = timeline.start
    end = end_date(timeline)
    moments: list[Moment] = []
    one_year = add_months(start, 12)
    if one_year < end or ONE_YEAR in held:
        moments.append(Moment(ONE_YEAR, ONE_YEAR, 1, one_year, start, one_year))
    moments.append(Moment(END, END, 1, end, start, end))
    previous = end
    last_held = max(
        (
            int(key.rsplit("_", 1)[1])
            for key in held
            if key.startswith(f"{YEARLY}_") and key.rsplit("_", 1)[1].isdigit()
        ),
        default=0,
    )
    for number in range(1, MAX_YEARLY + 1):
        due = add_months(end, 12 * number)
        moments.append(
            Moment(
                f"{YEARLY}_{number}",
                YEARLY,
                number,
                due,
                previous + dt.timedelta(days=1),
                due,
            )
        )
        previous = due
        if due > today and number >= last_held:
            break
    moments.sort(key=lambda moment: (moment.due, moment.kind != ONE_YEAR))
    return moments


def moment_by_key(moments: list[Moment], key: str) -> Moment | None:
    return next((moment for moment in moments if moment.key == key), None)


def next_moment(moments: list[Moment], done: set[str]) -> Moment | None:
    """The first moment not evaluated yet after the latest one that was (a skipped earlier
    moment is not asked for again once a later one is done)."""
    last_done = max((i for i, moment in enumerate(moments) if moment.key in done), default=-1)
    return next((moment for moment in moments[last_done + 1 :] if moment.key not in done), None)
