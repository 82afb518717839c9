"""Several workers save the same session at the same moment: nobody's marks are lost.

Runs on PostgreSQL only (SQLite serialises writers for the whole database, so it cannot show
the race). Each thread has its own database connection; a barrier releases them together.
"""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.networks.sessions.schedule_services import sessions_generate_from_schedule
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WORKERS = 6


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


def run_together(functions):
    barrier = threading.Barrier(len(functions))
    errors: list[BaseException] = []

    def wrap(function):
        try:
            barrier.wait(timeout=30)
            function()
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=wrap, args=(f,)) for f in functions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a save hung"
    assert not errors, errors


def every_mark_kept(session, present: set, contributions: set) -> None:
    """Each of the WORKERS saves was kept: their marks and contributions, and one version
    each."""
    session.refresh_from_db()
    assert (
        set(Attendance.objects.filter(session=session).values_list("participant_id", flat=True))
        == present
    )
    assert (
        set(Contribution.objects.filter(session=session).values_list("participant_id", "task"))
        == contributions
    )
    assert session.version == WORKERS


def test_simultaneous_saves_keep_every_mark():
    network = NetworkFactory()
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    people = [ParticipantFactory(network=network) for _ in range(WORKERS * 2)]
    users = [network.lead_worker, network.backup_worker]
    expected_present: set[int] = set()
    expected_contributions: set[tuple[int, str]] = set()
    jobs = []
    for i in range(WORKERS):
        mine = people[i * 2 : i * 2 + 2]
        present = {mine[0].pk}
        contributions = {(mine[1].pk, f"taak {i}")}
        expected_present |= present | {mine[1].pk}
        expected_contributions |= contributions

        def job(present=present, contributions=contributions, user=users[i % 2]):
            session_record_attendance(
                session=Session.objects.get(pk=session.pk),
                marks=AttendanceMarks.build(present, contributions),
                note=f"notitie {user.pk}",
                base_marks=AttendanceMarks(),
                base_note="",
                base_version=0,
                recorded_by=user,
            )

        jobs.append(job)

    run_together(jobs)

    every_mark_kept(session, expected_present, expected_contributions)
    assert session.recorded


def test_simultaneous_saves_through_the_screen_keep_every_mark():
    """The screen's save reads the session locked in its own transaction
    (`session_for_save(lock=True)`, the service with `locked=True`): the same race through
    the view, each worker with their own client and connection."""
    from django.test import Client

    from tests.networks.session_form import form_data, record_url

    network = NetworkFactory()
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    people = [ParticipantFactory(network=network) for _ in range(WORKERS * 2)]
    users = [network.lead_worker, network.backup_worker]
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        client.get("/healthz")  # the middleware loaded here, not by the racing threads
        clients.append(client)
    expected_present: set[int] = set()
    expected_contributions: set[tuple[int, str]] = set()
    jobs = []
    for i in range(WORKERS):
        mine = people[i * 2 : i * 2 + 2]
        expected_present |= {mine[0].pk, mine[1].pk}
        expected_contributions.add((mine[1].pk, f"taak {i}"))
        data = form_data(session, present=[mine[0].pk], **{f"other-{mine[1].pk}": f"taak {i}"})

        def job(data=data, client=clients[i % 2]):
            assert client.post(record_url(session), data).status_code == 302

        jobs.append(job)

    run_together(jobs)

    every_mark_kept(session, expected_present, expected_contributions)


def test_simultaneous_generation_creates_no_duplicates():
    network = NetworkFactory(start_date=dt.date(2025, 1, 6))
    ActivityFactory(network=network, weekday=2)
    until = dt.date(2025, 3, 31)
    run_together(
        [
            lambda: sessions_generate_from_schedule(network=network, until=until)
            for _ in range(WORKERS)
        ]
    )
    dates = list(Session.objects.filter(network=network).values_list("date", flat=True))
    assert len(dates) == 12 and len(set(dates)) == 12
