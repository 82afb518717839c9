"""The follow-up check's reads in one query (`participants.followup_facts`) equal the four
ORM reads they replace, after random histories of two networks (sessions recorded or not,
marks, route events, tasks), for random days, thresholds and dropout rules; and they are
one query."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory
from tests.participants.factories import FollowUpTaskFactory, RouteEventFactory
from vangnet.networks.models import Attendance, Session
from vangnet.participants.followup_facts import followup_facts
from vangnet.participants.models import FollowUpStatus, FollowUpTask, RouteEvent, RouteStage

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)


def by_orm(network, today: dt.date, missed_needed: int, cutoff: dt.date):
    """The reads as followup_selectors and followup_services made them before."""
    nth = list(
        Session.objects.filter(network=network, recorded=True, date__lte=today)
        .order_by("-date", "-id")
        .values_list("date", flat=True)[missed_needed - 1 : missed_needed]
    )
    visits = []
    if nth:
        visits = sorted(
            Attendance.objects.filter(
                session__network=network, session__date__range=(min(cutoff, nth[0]), today)
            ).values_list("participant_id", "session__date")
        )
    events = sorted(
        RouteEvent.objects.filter(
            participant__network=network, date__gt=cutoff, date__lte=today
        ).values_list("participant_id", "stage", "date")
    )
    tasks: dict[int, list] = {}
    for participant_id, status, seen in FollowUpTask.objects.filter(
        participant__network=network
    ).values_list("participant_id", "status", "last_seen_on"):
        tasks.setdefault(participant_id, []).append((status, seen))
    return nth[0] if nth else None, visits, events, {k: sorted(v) for k, v in tasks.items()}


def history(network, rng_data) -> None:
    days, marks, events, tasks = rng_data
    sessions = []
    for offset, recorded in days:
        sessions.append(
            Session.objects.create(
                network=network, date=START + dt.timedelta(days=offset), recorded=recorded
            )
        )
    people = [ParticipantFactory(network=network) for _ in range(4)]
    if sessions:
        Attendance.objects.bulk_create(
            {
                (person_index, session_index % len(sessions)): Attendance(
                    session=sessions[session_index % len(sessions)],
                    participant=people[person_index],
                )
                for person_index, session_index in marks
            }.values()
        )
    for person_index, stage, offset in events:
        RouteEventFactory(
            participant=people[person_index], stage=stage, date=START + dt.timedelta(days=offset)
        )
    opened: set[int] = set()  # one open task a person
    for person_index, open_, seen in tasks:
        open_ = open_ and person_index not in opened
        if open_:
            opened.add(person_index)
        FollowUpTaskFactory(
            participant=people[person_index],
            status=FollowUpStatus.OPEN if open_ else FollowUpStatus.DONE,
            last_seen_on=None if seen is None else START + dt.timedelta(days=seen),
        )


HISTORY = st.tuples(
    st.lists(st.tuples(st.integers(0, 200), st.booleans()), max_size=12),
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 11)), max_size=25),
    st.lists(
        st.tuples(st.integers(0, 3), st.sampled_from(list(RouteStage)), st.integers(0, 200)),
        max_size=5,
    ),
    st.lists(
        st.tuples(st.integers(0, 3), st.booleans(), st.one_of(st.none(), st.integers(0, 200))),
        max_size=3,
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    mine=HISTORY,
    other=HISTORY,
    today=st.integers(-10, 230),
    missed_needed=st.integers(1, 4),
    weeks=st.sampled_from([1, 2, 4, 8]),
)
def test_one_query_equals_the_orm_reads(mine, other, today, missed_needed, weeks):
    organisation = OrganisationFactory()
    network = NetworkFactory(organisation=organisation)
    history(network, mine)
    history(NetworkFactory(organisation=organisation), other)  # never read
    day = START + dt.timedelta(days=today)
    cutoff = day - dt.timedelta(weeks=weeks)
    with CaptureQueriesContext(connection) as queries:
        facts = followup_facts(
            network_id=network.pk, today=day, missed_needed=missed_needed, cutoff=cutoff
        )
    assert len(queries) == 1
    nth, visits, events, tasks = by_orm(network, day, missed_needed, cutoff)
    assert facts.nth == nth
    assert sorted(facts.visits) == visits
    assert sorted(facts.events) == events
    assert {k: sorted(v) for k, v in facts.tasks.items()} == tasks
    assert facts.cutoff == cutoff
