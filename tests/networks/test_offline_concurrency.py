"""A save that waited on a phone (offline) meets saves made online: nobody's marks are lost.

PostgreSQL only, like tests/networks/test_session_concurrency.py (SQLite serialises writers
for the whole database). The queued save carries the version and marks its stored screen
was made on (version 0, nothing marked); the online saves happen before it and at the same
moment as it.
"""

import datetime as dt

import pytest
from django.db import connection

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from tests.networks.test_session_concurrency import run_together
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session
from vangnet.networks.sessions.offline_services import session_sync_offline
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.privacy.services import person_erase

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


def _online(session, user, marks: AttendanceMarks, note=""):
    return session_record_attendance(
        session=Session.objects.get(pk=session.pk),
        marks=marks,
        note=note,
        base_marks=AttendanceMarks(),
        base_note="",
        base_version=0,
        recorded_by=user,
    )


def _queued(session, user, marks: AttendanceMarks, note=""):
    return session_sync_offline(
        session=Session.objects.get(pk=session.pk),
        marks=marks,
        note=note,
        base_marks=AttendanceMarks(),
        base_note="",
        base_version=0,  # the stored screen, made before any save
        recorded_by=user,
    )


def test_queued_save_after_and_during_online_saves_keeps_every_mark():
    network = NetworkFactory()
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    people = [ParticipantFactory(network=network) for _ in range(8)]
    lead, backup = network.lead_worker, network.backup_worker
    # Saved online while the phone was offline.
    _online(session, backup, AttendanceMarks.build([people[0].pk], [(people[1].pk, "koken")]))
    results = []

    def phone():
        results.append(
            _queued(
                session,
                lead,
                AttendanceMarks.build(
                    [people[2].pk, people[3].pk],
                    [(people[3].pk, "afwassen")],
                    [(people[4].pk, "ziek")],
                ),
                note="offline genoteerd",
            )
        )

    def online(index):
        return lambda: _online(session, backup, AttendanceMarks.build([people[index].pk]))

    run_together([phone, online(5), online(6), online(7)])

    present = set(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    assert present == {people[i].pk for i in (0, 1, 2, 3, 5, 6, 7)}
    assert set(Contribution.objects.filter(session=session).values_list("participant", "task")) == {
        (people[1].pk, "koken"),
        (people[3].pk, "afwassen"),
    }
    assert AnnouncedAbsence.objects.filter(session=session, participant=people[4]).exists()
    session.refresh_from_db()
    assert session.version == 5 and "offline genoteerd" in session.note
    (synced,) = results
    assert synced.result.merged and synced.left_out == {} and synced.overlap == []


def test_queued_save_with_an_erased_person_saves_the_rest():
    network = NetworkFactory()
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    people = [ParticipantFactory(network=network) for _ in range(3)]
    person_erase(participant=people[1], actor=network.lead_worker)
    results = []

    def phone():
        marks = AttendanceMarks.build([p.pk for p in people])
        results.append(_queued(session, network.lead_worker, marks))

    run_together([phone, lambda: _online(session, network.backup_worker, AttendanceMarks())])
    present = set(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    assert present == {people[0].pk, people[2].pk}
    assert results[0].left_out == {people[1].pk: "erased"}
