"""A small organisation with known attendance (the figures are computed by hand in
test_selectors.py) and a bulk builder for query-count and benchmark sizes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from tests.factories import (
    ActivityFactory,
    LocationFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    UserFactory,
)
from vangnet.networks.models import Attendance, PhaseTransition, Session
from vangnet.participants.models import RouteEvent
from vangnet.planning.models import WorkerHours

TODAY = dt.date(2025, 12, 31)


def database_histories(max_examples: int) -> settings:
    """Hypothesis settings for random write histories on the test database: no deadline,
    no shrinking (shrinking a database: too slow), fixtures per test function allowed."""
    return settings(
        max_examples=max_examples,
        deadline=None,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def period_asks(starts: int, days: int) -> st.SearchStrategy:
    """Periods asked in a row (2 to 6) of the route figures: each the index of its start
    among `starts`, of its day among `days`, and all networks (True) or the first two."""
    return st.lists(
        st.tuples(
            st.sampled_from(range(starts)),
            st.sampled_from(range(days)),
            st.booleans(),
        ),
        min_size=2,
        max_size=6,
    )


def weekly(first: dt.date, last: dt.date) -> list[dt.date]:
    days = []
    day = first
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=7)
    return days


def add_sessions(network, days: list[dt.date]) -> dict[dt.date, Session]:
    sessions = Session.objects.bulk_create(
        [Session(network=network, date=day, recorded=True) for day in days]
    )
    return {session.date: session for session in sessions}


def mark(sessions: dict[dt.date, Session], participant, days: list[dt.date]) -> None:
    Attendance.objects.bulk_create(
        [Attendance(session=sessions[day], participant=participant) for day in days]
    )


def hours(network, worker, weeks: list[dt.date], each: str = "4") -> None:
    WorkerHours.objects.bulk_create(
        [
            WorkerHours(network=network, worker=worker, week_start=w, hours=Decimal(each))
            for w in weeks
        ]
    )


def small_organisation() -> dict:
    """Three networks (A runs, B is further on, C has not started), see test_selectors."""
    organisation = OrganisationFactory(name="Welzijn Proefstad")
    north, south = (
        LocationFactory(organisation=organisation, name="Wijkcentrum Noord"),
        LocationFactory(organisation=organisation, name="Buurthuis Zuid"),
    )
    w1 = UserFactory(organisation=organisation, first_name="Anna", last_name="Werker")
    w2 = UserFactory(organisation=organisation, first_name="Bram", last_name="Werker")
    a = NetworkFactory(
        organisation=organisation,
        name="A Noord",
        location=north,
        lead_worker=w1,
        start_date=dt.date(2025, 1, 6),
    )
    b = NetworkFactory(
        organisation=organisation,
        name="B Zuid",
        location=south,
        lead_worker=w2,
        start_date=dt.date(2024, 1, 8),
    )
    c = NetworkFactory(
        organisation=organisation,
        name="C Oost",
        location=north,
        lead_worker=w2,
        backup_worker=w1,
        start_date=dt.date(2026, 3, 2),
        target_core_size=20,
    )
    ActivityFactory(network=a, duration_minutes=150)
    PhaseTransition.objects.create(
        network=b, phase="build_up", date=dt.date(2024, 5, 1), reason="Later begonnen"
    )

    mondays = weekly(dt.date(2025, 1, 6), dt.date(2025, 12, 29))  # 52
    a_sessions = add_sessions(a, mondays)
    p1, p2, p3 = (ParticipantFactory(network=a) for _ in range(3))
    ParticipantFactory(network=a, invited_on=dt.date(2025, 11, 1))  # p4: invited only
    mark(a_sessions, p1, mondays)
    mark(a_sessions, p2, mondays[:1])
    mark(a_sessions, p3, mondays[:6] + weekly(dt.date(2025, 6, 2), dt.date(2025, 12, 29)))

    wednesdays = weekly(dt.date(2025, 1, 1), dt.date(2025, 12, 31))  # 53
    b_sessions = add_sessions(b, wednesdays)
    q1, q2 = ParticipantFactory(network=b), ParticipantFactory(network=b)
    mark(b_sessions, q1, wednesdays)
    mark(b_sessions, q2, wednesdays[:7])
    RouteEvent.objects.create(
        participant=q2, stage="dropped_out", date=dt.date(2025, 3, 1), dropout_reason="moved"
    )

    hours(a, w1, weekly(dt.date(2025, 1, 6), dt.date(2025, 12, 22)))  # 51 weeks x 4 h
    hours(b, w2, [dt.date(2025, 1, 6), dt.date(2025, 1, 13)])  # 8 h
    return {
        "organisation": organisation,
        "networks": {"a": a, "b": b, "c": c},
        "locations": {"north": north, "south": south},
        "workers": {"w1": w1, "w2": w2},
    }


def bulk_organisation(*, networks: int, weeks: int, people: int, organisation=None) -> dict:
    """`networks` networks with `weeks` weekly sessions each and `people` participants who
    come in turns (each present at about two of three sessions); with transitions, activities
    and hours. Bulk inserts, so it is quick enough for query-count tests."""
    organisation = organisation or OrganisationFactory()
    location = LocationFactory(organisation=organisation)
    worker = UserFactory(organisation=organisation)
    start = dt.date(2025, 12, 29) - dt.timedelta(weeks=weeks)
    created = []
    for index in range(networks):
        network = NetworkFactory(
            organisation=organisation,
            location=location,
            lead_worker=worker,
            backup_worker=None,
            start_date=start,
        )
        ActivityFactory(network=network)
        PhaseTransition.objects.create(
            network=network, phase="build_up", date=start + dt.timedelta(days=100), reason="."
        )
        days = weekly(start, start + dt.timedelta(weeks=weeks - 1))
        sessions = add_sessions(network, days)
        rows = []
        members = ParticipantFactory.create_batch(people, network=network)
        for number, person in enumerate(members):
            for position, day in enumerate(days):
                if (position + number + index) % 3:
                    rows.append(Attendance(session=sessions[day], participant=person))
        Attendance.objects.bulk_create(rows, batch_size=2000)
        RouteEvent.objects.create(participant=members[0], stage="dropped_out", date=days[-1])
        hours(network, worker, days[:-1])
        created.append(network)
    return {"organisation": organisation, "networks": created, "worker": worker}
