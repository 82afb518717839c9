"""`Route.valid_through` (participants/route.py): the route derived for a day stays the same,
every field but `today`, on each later day up to it while no new fact arrives, which is what
lets the route cache carry a route over to later days (participants/route_cache.py).

The facts include facts dated after the day (they end the validity the day before the
first of them). Checked against derivations from scratch on every day of the validity (up
to a bound), on its last day, and on the day after it when the change is a rule firing. The
fast paths of derive_route give the same `valid_through` as the full sweep: the route
equality of test_route_properties.py compares it too."""

import dataclasses
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.participants.test_route_properties import day, facts
from vangnet.participants.route import RouteRules, derive_route

checked = settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow])
EVERY_DAY = 120  # days after the first that are each compared with a derivation


def on(f, today: dt.date):
    return derive_route(**{**f, "today": today})


def without_today(route):
    return dataclasses.replace(route, today=dt.date.min)


def assert_holds_through(f) -> None:
    route = derive_route(**f)
    start, through = f["today"], route.valid_through
    assert through >= start
    days = [start + dt.timedelta(days=n) for n in range(EVERY_DAY)]
    days = [d for d in days if d <= through]
    if through < dt.date(9000, 1, 1):
        days.append(through)
    for later in days:
        assert without_today(on(f, later)) == without_today(route), later
    later_facts = [
        d
        for d in [*f["session_dates"], *f["attended_dates"], *(e.date for e in f["events"])]
        if d > start
    ]
    if through < dt.date(9000, 1, 1) and not later_facts:
        # Nothing but the passing of time ends it: the next day, a rule has fired.
        assert on(f, through + dt.timedelta(days=1)).steps != route.steps


@checked
@given(facts())
def test_a_route_holds_through_its_valid_through_day(f):
    assert_holds_through(f)


@checked
@given(facts(), st.integers(0, 800))
def test_only_the_facts_up_to_today_and_the_time_matter(f, horizon):
    """The same, with every fact after `today` dropped: only the timers end it."""
    today = f["today"]
    f = {
        **f,
        "session_dates": [d for d in f["session_dates"] if d <= today],
        "attended_dates": [d for d in f["attended_dates"] if d <= today],
        "events": [e for e in f["events"] if e.date <= today],
        "today": min(today, day(horizon)),
    }
    assert_holds_through(f)


def test_a_steady_threshold_after_today_ends_the_validity():
    """A settling participant whose share holds: steady on the threshold day, not before."""
    sessions = [dt.date(2025, 1, 6) + dt.timedelta(weeks=n) for n in range(4)]
    rules = RouteRules(steady_after_days=91, dropout_after_weeks=20)
    route = derive_route(
        invited_on=None,
        session_dates=sessions,
        attended_dates=sessions,
        events=[],
        rules=rules,
        today=sessions[-1],
    )
    assert route.current == "settling"
    steady_on = sessions[0] + dt.timedelta(days=92)  # 91 days after the first visit
    assert route.valid_through == steady_on - dt.timedelta(days=1)
    f = {
        "invited_on": None,
        "session_dates": sessions,
        "attended_dates": sessions,
        "events": [],
        "rules": rules,
    }
    assert derive_route(**f, today=steady_on).current == "steady"
