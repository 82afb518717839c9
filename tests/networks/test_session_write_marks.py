"""The save's writes in one statement (`networks.sessions.stored.write_marks`): from any
stored state, the changes to any other state leave exactly that state, with the save's audit
record written; on PostgreSQL in one statement (two when an absence is announced again with
another reason: the old one is deleted first)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ParticipantFactory, SessionFactory
from vangnet.audit.models import AuditEvent
from vangnet.audit.services import audit_event
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution
from vangnet.networks.sessions.stored import MarkChanges, stored_marks, write_marks

pytestmark = pytest.mark.django_db

STATE = st.tuples(
    st.sets(st.integers(0, 3)),
    st.sets(st.tuples(st.integers(0, 3), st.sampled_from(["koken", "afwas", "koffie"]))),
    st.dictionaries(st.integers(0, 3), st.sampled_from(["", "ziek", "werk"])),
)


def scratch(session) -> tuple[set, set, dict]:
    """The session's marks, read through the ORM."""
    return (
        set(Attendance.objects.filter(session=session).values_list("participant_id", flat=True)),
        set(Contribution.objects.filter(session=session).values_list("participant_id", "task")),
        dict(
            AnnouncedAbsence.objects.filter(session=session).values_list("participant_id", "reason")
        ),
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(start=STATE, target=STATE, day=st.integers(0, 400))
def test_the_changes_leave_the_target_state(network, worker, start, target, day):
    session = SessionFactory(network=network, date=dt.date(2025, 1, 6) + dt.timedelta(days=day))
    people = [ParticipantFactory(network=network).pk for _ in range(4)]
    present, contributions, absent = start
    Attendance.objects.bulk_create(
        [Attendance(session=session, participant_id=people[i]) for i in present]
    )
    Contribution.objects.bulk_create(
        [Contribution(session=session, participant_id=people[i], task=t) for i, t in contributions]
    )
    AnnouncedAbsence.objects.bulk_create(
        [
            AnnouncedAbsence(session=session, participant_id=people[i], reason=r)
            for i, r in absent.items()
        ]
    )
    before = (
        {people[i] for i in present},
        {(people[i], t) for i, t in contributions},
        {people[i]: r for i, r in absent.items()},
    )
    assert scratch(session) == before
    goal_present, goal_contributions, goal_absent = target
    goal = (
        {people[i] for i in goal_present},
        {(people[i], t) for i, t in goal_contributions},
        {people[i]: r for i, r in goal_absent.items()},
    )
    changes = MarkChanges(
        gone=before[0] - goal[0],
        arrived=goal[0] - before[0],
        dropped=before[1] - goal[1],
        added=goal[1] - before[1],
        stale={pid for pid, reason in before[2].items() if goal[2].get(pid) != reason},
        announced=[
            AnnouncedAbsence(session=session, participant_id=pid, reason=reason, recorded_by=worker)
            for pid, reason in sorted(goal[2].items())
            if before[2].get(pid) != reason
        ],
    )
    detail = f"save of {session.pk}"
    with CaptureQueriesContext(connection) as queries:
        write_marks(
            session_id=session.pk,
            changes=changes,
            audit=audit_event(actor=worker, action="update", obj=session, detail=detail),
        )
    assert scratch(session) == goal
    stored = stored_marks(session_id=session.pk, network_id=network.pk, mentioned=people)
    assert (stored.present, stored.contributions, stored.absent) == goal
    row = AuditEvent.objects.get(object_type="networks.session", object_id=str(session.pk))
    assert (row.actor_id, row.action, row.detail, row.organisation_id) == (
        worker.pk,
        "update",
        detail,
        worker.organisation_id,
    )
    assert row.at is not None
    recorded_by = set(
        AnnouncedAbsence.objects.filter(
            session=session, participant_id__in=[a.participant_id for a in changes.announced]
        ).values_list("recorded_by_id", flat=True)
    )
    assert recorded_by <= {worker.pk}
    if connection.vendor == "postgresql":
        again = changes.stale & {a.participant_id for a in changes.announced}
        assert len(queries) == (2 if again else 1)
