"""derive_route against a from-scratch reference (hypothesis).

`reference_route` below reads the rules of docs/participants.md the plain way: day by day
from the first fact to today it applies the day's visits, then every change by the passing
of time that is due that day (a dropout first), then the day's records; the share of the
steady rule is counted anew each day; `valid_through` comes from walking on day by day
without new facts until a rule fires; long-term from the stretches of visits. None of the
shortcuts of participants/route.py (skipping quiet visits, the bounded steady scan that
looks only at visit days, the kept timer) is used, so the two meet only if they are right.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.participants.test_route_properties import REASONS, day, facts, rules_strategy
from vangnet.participants.long_term import long_term_since, plus_months
from vangnet.participants.route import (
    ACQUAINTED,
    DROPPED_OUT,
    INVITED,
    REFERRED_ON,
    RETURNED,
    SETTLING,
    STAGES,
    STEADY,
    RecordedEvent,
    Route,
    RouteStep,
    derive_route,
)

ACTIVE = (ACQUAINTED, SETTLING, STEADY, RETURNED)
ONE_DAY = dt.timedelta(days=1)
checked = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def reference_long_term_since(visit_days, weeks: int, as_of: dt.date) -> dt.date | None:
    """The first visit that completes a stretch (no gap longer than `weeks` weeks) of more
    than three calendar months with visits in at least three calendar months."""
    days = sorted({d for d in visit_days if d <= as_of})
    stretch: list[dt.date] = []
    for d in days:
        if stretch and (d - stretch[-1]).days > 7 * weeks:
            stretch = []
        stretch.append(d)
        months = {(v.year, v.month) for v in stretch}
        if len(months) >= 3 and plus_months(stretch[0], 3) < d:
            return d
    return None


def reference_route(*, invited_on, session_dates, attended_dates, events, rules, today) -> Route:
    rules = rules.normalised()
    steady_after, minimum = rules.steady_after_days, rules.steady_min_attendance_share
    dropout_after = 7 * rules.dropout_after_weeks
    sessions = [d for d in session_dates if d <= today]
    visits = [d for d in attended_dates if d <= today]
    known = [e for e in events if e.stage in STAGES]
    records = sorted((e for e in known if e.date <= today), key=lambda e: (e.date, e.id or 0))
    visit_days = sorted(set(visits))

    steps: list[RouteStep] = []
    confirmations: list[RecordedEvent] = []
    # stage, dropout clock, first visit (acquainted), start of the steady period, step start
    now = {"stage": INVITED, "clock": None, "anchor": None, "period": None, "since": None}

    def move(stage, d, rule, event=None):
        now["stage"], now["since"] = stage, d
        steps.append(
            RouteStep(
                stage=stage,
                start=d,
                derived=event is None,
                rule=rule,
                note=event.reason if event else "",
                dropout_reason=event.dropout_reason if event else "",
                referred_to=event.referred_to if event else "",
                event_id=event.id if event else None,
            )
        )

    def share_holds(start, d) -> bool:
        came = len([v for v in visits if start <= v <= d])
        held = max(len([s for s in sessions if start <= s <= d]), came)
        return (came / held if held else 0.0) + 1e-9 >= minimum

    def fire_one(d) -> bool:
        """The first change by the passing of time due on day d, if any."""
        stage, clock = now["stage"], now["clock"]
        if stage not in ACTIVE or clock is None:
            return False
        if (d - clock).days >= dropout_after:
            move(DROPPED_OUT, d, "no_attendance")
            return True
        if stage == ACQUAINTED and (d - now["anchor"]).days >= 7:
            move(SETTLING, d, "first_week_passed")
            return True
        period = now["period"]
        if (
            stage in (SETTLING, RETURNED)
            and (d - period).days > steady_after
            and d >= now["since"]
            and share_holds(period, d)
        ):
            move(STEADY, d, "steady_rule")
            return True
        return False

    def visit(d):
        stage = now["stage"]
        if stage == REFERRED_ON:
            return
        if stage == INVITED:
            move(ACQUAINTED, d, "first_visit")
            now["anchor"] = now["period"] = d
        elif stage == ACQUAINTED and d > now["anchor"]:
            move(SETTLING, d, "second_visit")
        elif stage == DROPPED_OUT:
            move(RETURNED, d, "came_back")
            now["period"] = d
        now["clock"] = d

    def record(event):
        d = event.date
        if event.stage == now["stage"] and steps:
            current = steps[-1]
            steps[-1] = RouteStep(
                stage=current.stage,
                start=current.start,
                derived=current.derived,
                rule=current.rule,
                note=event.reason or current.note,
                dropout_reason=event.dropout_reason or current.dropout_reason,
                referred_to=event.referred_to or current.referred_to,
                event_id=current.event_id if current.event_id is not None else event.id,
                confirmed_on=d,
            )
            confirmations.append(event)
        else:
            move(event.stage, d, "recorded", event)
            if event.stage in (ACQUAINTED, SETTLING, RETURNED):
                now["period"] = d
            if event.stage == ACQUAINTED:
                now["anchor"] = d
        if now["stage"] in ACTIVE:
            now["clock"] = d if now["clock"] is None else max(now["clock"], d)

    first_fact = min([*visit_days[:1], *(e.date for e in records[:1])], default=None)
    if invited_on is not None and (first_fact is None or invited_on <= first_fact):
        move(INVITED, invited_on, "invited_on")
    elif not visit_days or (records and records[0].date < visit_days[0]):
        move(INVITED, None, "not_yet_visited")

    d = first_fact
    while d is not None and d <= today:
        if d in visit_days:
            visit(d)
        while fire_one(d):
            pass
        for event in records:
            if event.date == d:
                record(event)
        d += ONE_DAY

    route_steps, route_confirmations = tuple(steps), tuple(confirmations)
    # On without new facts: the first day a rule fires ends the validity, as does the
    # first fact after today. A dropout fires at the latest `dropout_after` days on.
    later = [d for d in [*session_dates, *attended_dates, *(e.date for e in known)] if d > today]
    d = today + ONE_DAY
    while now["stage"] in ACTIVE and now["clock"] is not None:
        if fire_one(d):
            later.append(d)
            break
        d += ONE_DAY
    valid_through = min(later) - ONE_DAY if later else dt.date.max

    first, last = (visit_days[0], visit_days[-1]) if visit_days else (None, None)
    return Route(
        steps=route_steps,
        today=today,
        first_visit=first,
        last_visit=last,
        visits=len(visits),
        missed_in_a_row=len([s for s in sessions if s > last]) if last else 0,
        sessions_since_first_visit=(
            max(len([s for s in sessions if s >= first]), len(visits)) if first else 0
        ),
        confirmations=route_confirmations,
        long_term_since=reference_long_term_since(visits, rules.dropout_after_weeks, today),
        valid_through=valid_through,
    )


@st.composite
def regular_facts(draw):
    """Long histories of a network that meets every few days, most people often there:
    the shortcuts (steady and settling visits passed over, the steady scan) matter here."""
    start = draw(st.integers(0, 200))
    every = draw(st.integers(1, 14))
    held = draw(st.lists(st.booleans(), min_size=1, max_size=120))
    sessions = [day(start + n * every) for n, was in enumerate(held) if was]
    sessions += [d for d in sessions[:3] if draw(st.booleans())]  # two sessions on one day
    share = draw(st.floats(0.2, 1.0))
    attended = [d for d in sessions if draw(st.floats(0, 1)) < share]
    # A pause (no visits) of some weeks, somewhere.
    pause_from = draw(st.integers(0, 900))
    pause = draw(st.integers(0, 200))
    attended = [d for d in attended if not day(pause_from) <= d < day(pause_from + pause)]
    attended += [day(o) for o in draw(st.lists(st.integers(0, 900), max_size=2))]
    events = [
        RecordedEvent(
            stage=stage,
            date=day(offset),
            reason=draw(st.sampled_from(["", "reden"])),
            dropout_reason=reason if stage == DROPPED_OUT else "",
            referred_to="dagbesteding" if stage == REFERRED_ON else "",
            id=index + 1,
        )
        for index, (stage, offset, reason) in enumerate(
            draw(
                st.lists(
                    st.tuples(
                        st.sampled_from([*STAGES, "unknown"]),
                        st.integers(0, 900),
                        st.sampled_from(REASONS),
                    ),
                    max_size=3,
                )
            )
        )
    ]
    return {
        "invited_on": draw(st.one_of(st.none(), st.integers(-30, 900).map(day))),
        "session_dates": sessions,
        "attended_dates": attended,
        "events": events,
        "rules": draw(rules_strategy),
        "today": day(draw(st.integers(0, 1000))),
    }


@checked
@given(facts())
def test_the_route_is_the_day_by_day_reading_of_the_rules(f):
    assert derive_route(**f) == reference_route(**f)


@checked
@given(regular_facts())
def test_long_regular_histories_are_the_day_by_day_reading_of_the_rules(f):
    assert derive_route(**f) == reference_route(**f)


# Gaps between visits: days, weeks, about a month, about a year (the same month again).
gaps = st.lists(st.sampled_from([0, 1, 6, 7, 8, 28, 30, 31, 61, 92, 364, 365, 366]), max_size=40)


@settings(deadline=None, max_examples=300)
@given(gaps, st.integers(min_value=1, max_value=80), st.integers(min_value=0, max_value=3000))
@example([0, 366, 31], 60, 3000)  # January, January a year later, February: three months
def test_long_term_since_is_the_reading_of_its_definition(gaps, weeks, as_of):
    """participants/long_term.py counts a stretch's months as it goes; the reference keeps
    them all (long dropout times: a stretch can hold one month of two years)."""
    days = [day(sum(gaps[: n + 1])) for n in range(len(gaps))]
    assert long_term_since(days, dropout_after_weeks=weeks, as_of=day(as_of)) == (
        reference_long_term_since(days, weeks, day(as_of))
    )
