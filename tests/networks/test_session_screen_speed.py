"""The session screen's reads of issue 21 (second round): the screen's base cached under the
network's fact version (networks/sessions/screen_cache.py), the session's marks in one query
(`selectors.session_marks`). The screen equals the one the code before them built, equals a
from-scratch build after random writes, and opens in a number of queries that does not
depend on the size of the network or its history."""

import datetime as dt
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, UserFactory
from tests.networks.session_form import form_data, record_url
from tests.participants.factories import weekly_sessions
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session
from vangnet.networks.sessions.absences import absence_reasons
from vangnet.networks.sessions.selectors import (
    USUAL_TASK_WEEKS,
    session_get,
    session_screen,
    session_tasks,
)
from vangnet.networks.sessions.services import AttendanceMarks
from vangnet.participants.models import Participant, RouteEvent, RouteStage
from vangnet.participants.selectors import participants_for_session_screen

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
TASKS = ["koken", "afwassen", "Tafel dekken"]


# ----------------------------------------------------------- the screen as it was built


def _old_usual_tasks(*, session, people, tasks):
    """`usual_tasks` before issue 21's second round (one query of its own)."""
    if not people or not tasks:
        return {}
    by_key = {task.casefold(): task for task in tasks}
    since = session.date - dt.timedelta(weeks=USUAL_TASK_WEEKS)
    counts = {}
    for pid, task in (
        Contribution.objects.filter(
            session__network_id=session.network_id,
            session__date__lt=session.date,
            session__date__gte=since,
            participant_id__in=people,
        )
        .order_by("-session__date", "-session_id")
        .values_list("participant_id", "task")
    ):
        known = by_key.get(str(task).casefold())
        if known is not None:
            mine = counts.setdefault(pid, {})
            mine[known] = mine.get(known, 0) + 1
    return {pid: max(mine, key=lambda task: mine[task]) for pid, mine in counts.items()}


def old_screen(session):
    """What `session_screen` gave before (copied from `selectors.py` at 0b9ec16), as plain
    values: the reference the new reads must equal."""
    network = session.network
    participants = participants_for_session_screen(network=network, on=session.date)
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    contributions = set(
        Contribution.objects.filter(session=session).values_list("participant_id", "task")
    )
    absent_rows = list(
        AnnouncedAbsence.objects.filter(session=session).values_list(
            "participant_id", "reason", "by_participant"
        )
    )
    absent = {(pid, reason) for pid, reason, _by in absent_rows}
    shown = {p.pk for p in participants}
    missing = (present | {pid for pid, _ in contributions | absent}) - shown
    if missing:
        participants += list(Participant.objects.filter(network=network, pk__in=missing))
        participants.sort(key=lambda p: (p.display_name.casefold(), p.pk))
    seen_before = {
        p.pk
        for p in participants
        if hasattr(p, "route") and p.route.first_visit and p.route.first_visit < session.date
    }
    unknown = [p.pk for p in participants if not hasattr(p, "route")]
    if unknown:
        seen_before |= set(
            Attendance.objects.filter(participant_id__in=unknown, session__date__lt=session.date)
            .values_list("participant_id", flat=True)
            .distinct()
        )
    previous, previous_date = (
        Session.objects.filter(network=network, recorded=True, date__lt=session.date)
        .order_by("-date", "-id")
        .values_list("pk", "date")
        .first()
    ) or (None, None)
    last_week = (
        set(Attendance.objects.filter(session_id=previous).values_list("participant_id", flat=True))
        if previous
        else set()
    )
    tasks = session_tasks(session)
    own_texts = {}
    for pid, task in sorted(contributions):
        if task not in tasks:
            own_texts.setdefault(pid, []).append(task)
    usual = _old_usual_tasks(session=session, people={p.pk for p in participants}, tasks=tasks)
    coming = {"acquainted", "settling", "steady", "returned"}
    rows = []
    for person in participants:
        route = getattr(person, "route", None)
        rows.append(
            (
                person.pk,
                person.display_name,
                person.pk not in seen_before,
                tuple(tasks + own_texts.get(person.pk, [])),
                person.pk in present or route is None or route.current in coming,
                usual.get(person.pk),
                None if route is None else route.current,
                None if route is None else route.current_step.start,
            )
        )
    return {
        "rows": rows,
        "tasks": tasks,
        "stored": AttendanceMarks.build(present, contributions, absent),
        "reasons": absence_reasons(network.organisation),
        "previous_date": previous_date,
        "last_week": {pk for pk in last_week if pk in {p.pk for p in participants}},
        "present_count": len(present),
        "self_announced": {pid for pid, _reason, by in absent_rows if by},
        "first_timers": [row[0] for row in rows if row[2] and row[0] in present],
    }


def new_screen(session):
    screen = session_screen(session=session)
    rows = [
        (
            row.participant.pk,
            row.participant.display_name,
            row.is_new,
            tuple(row.options),
            row.is_coming,
            row.usual,
            row.stage,
            row.stage_start,
        )
        for row in screen.rows
    ]
    return {
        "rows": rows,
        "tasks": screen.tasks,
        "stored": screen.stored,
        "reasons": screen.reasons,
        "previous_date": screen.previous_date,
        "last_week": screen.last_week,
        "present_count": screen.present_count,
        "self_announced": screen.self_announced,
        "first_timers": [person.pk for person in screen.first_timers],
    }


def _fresh(session_id):
    session = Session.objects.get(pk=session_id)
    return session_get(network=session.network, session_id=session_id)


# ----------------------------------------------------------------- a random history


def random_network(rng, *, people=14, weeks=16):
    network = NetworkFactory(start_date=START)
    activity = ActivityFactory(network=network, tasks=TASKS)
    sessions = weekly_sessions(network, START, weeks)
    for session in sessions:
        session.activities.add(activity)
    names = ["Ria", "ria", "Jan de Vries", "Émile", "anna", "Bo", "Kees", "Zoë", "Ömer"]
    persons = [
        ParticipantFactory(network=network, display_name=f"{rng.choice(names)} {i}")
        for i in range(people)
    ]
    for session in sessions:
        for person in persons:
            if rng.random() < 0.5:
                Attendance.objects.create(session=session, participant=person)
                if rng.random() < 0.4:
                    task = rng.choice([*TASKS, "KOKEN", "boodschappen"])
                    Contribution.objects.create(session=session, participant=person, task=task)
            elif rng.random() < 0.2:
                AnnouncedAbsence.objects.create(
                    session=session,
                    participant=person,
                    reason=rng.choice(["", "ziek"]),
                    by_participant=rng.random() < 0.5,
                )
    # Routes that ended (hidden from the screen unless marked) and one never seen.
    RouteEvent.objects.create(
        participant=persons[0], stage=RouteStage.REFERRED_ON, date=START + dt.timedelta(weeks=3)
    )
    RouteEvent.objects.create(
        participant=persons[1], stage=RouteStage.DROPPED_OUT, date=START + dt.timedelta(weeks=1)
    )
    ParticipantFactory(network=network, display_name="Nog nooit")
    return network, sessions, persons


def random_write(rng, network, sessions, persons, worker):
    """One write of the kinds that change what the screen shows."""
    session = rng.choice(sessions)
    person = rng.choice(persons)
    kind = rng.randrange(7)
    if kind == 0:
        Attendance.objects.get_or_create(session=session, participant=person)
    elif kind == 1:
        Attendance.objects.filter(session=session, participant=person).delete()
    elif kind == 2:
        Contribution.objects.get_or_create(
            session=session, participant=person, task=rng.choice(TASKS)
        )
    elif kind == 3:
        AnnouncedAbsence.objects.update_or_create(
            session=session,
            participant=person,
            defaults={"reason": rng.choice(["", "ziek"]), "by_participant": rng.random() < 0.5},
        )
    elif kind == 4:
        persons.append(ParticipantFactory(network=network, display_name=f"Nieuw {len(persons)}"))
    elif kind == 5:
        Session.objects.filter(pk=session.pk).update(recorded=not session.recorded)
        session.refresh_from_db()
    else:
        Participant.objects.filter(pk=person.pk).update(display_name=f"Anders {person.pk}")


# ------------------------------------------------------------------------------ tests


@pytest.mark.parametrize("seed", range(4))
def test_the_screen_equals_the_one_built_before(seed, django_capture_on_commit_callbacks):
    rng = random.Random(seed)
    network, sessions, persons = random_network(rng)
    # The referred-on person marked at the last session: listed again ("missing").
    Attendance.objects.get_or_create(session=sessions[-1], participant=persons[0])
    for session in (sessions[-1], sessions[8], sessions[0]):
        with django_capture_on_commit_callbacks(execute=True) as stored:
            assert new_screen(_fresh(session.pk)) == old_screen(_fresh(session.pk))
        assert stored  # the base (and the routes) went into the cache
        again = _fresh(session.pk)
        with CaptureQueriesContext(connection) as queries:
            cached = new_screen(again)
        assert cached == old_screen(_fresh(session.pk))
        # The fact version and the marks (and for people marked but not listed, two more):
        # not the people, their routes, the previous session.
        assert len(queries) <= 4, queries.captured_queries
        assert "networkfactversion" in queries[0]["sql"] and "UNION ALL" in queries[1]["sql"]


@pytest.mark.parametrize("seed", range(3))
def test_the_cached_screen_equals_a_fresh_one_after_random_writes(
    seed, django_capture_on_commit_callbacks
):
    rng = random.Random(100 + seed)
    network, sessions, persons = random_network(rng, weeks=10)
    worker = UserFactory(organisation=network.organisation)
    for _ in range(25):
        target = rng.choice(sessions)
        with django_capture_on_commit_callbacks(execute=True):
            cached = new_screen(_fresh(target.pk))
        with override_settings(VANGNET_ROUTE_CACHE_SECONDS=0):
            fresh = new_screen(_fresh(target.pk))
        assert cached == fresh
        assert cached == old_screen(_fresh(target.pk))
        random_write(rng, network, sessions, persons, worker)


def _open_queries(client, session):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(record_url(session)).status_code == 200
    return len(queries)


def test_opening_the_screen_costs_the_same_queries_at_any_size(
    worker_client, worker, django_capture_on_commit_callbacks
):
    counts = {}
    for size, weeks in ((3, 2), (40, 30)):
        network = NetworkFactory(
            organisation=worker.organisation, lead_worker=worker, start_date=START
        )
        activity = ActivityFactory(network=network, tasks=TASKS)
        sessions = weekly_sessions(network, START, weeks)
        people = [ParticipantFactory(network=network) for _ in range(size)]
        for session in sessions:
            session.activities.add(activity)
            for person in people[::2]:
                Attendance.objects.create(session=session, participant=person)
                Contribution.objects.create(session=session, participant=person, task="koken")
            AnnouncedAbsence.objects.create(session=session, participant=people[1])
        session = sessions[-1]
        with django_capture_on_commit_callbacks(execute=True):
            first = _open_queries(worker_client, session)
        second = _open_queries(worker_client, session)  # the screen's base from the cache
        counts[size] = (first, second)
    assert counts[3] == counts[40], counts
    # session, user, network (with its fact version), session (+ activities), the marks,
    # audit.
    assert counts[40][1] <= 7, counts


def test_the_cache_serves_no_other_network_and_no_role_without_the_right(
    client, worker_client, worker, network
):
    """The cached base is per network and comes after the permission check: a worker of
    another network gets 404 and a coordinator 403, also with the screen in the cache."""
    session = weekly_sessions(network, START, 1)[0]
    ParticipantFactory(network=network, display_name="Geheime Ria")
    assert "Geheime Ria" in worker_client.get(record_url(session)).content.decode()
    other = UserFactory(organisation=network.organisation)
    NetworkFactory(organisation=network.organisation, lead_worker=other)
    client.force_login(other)
    assert client.get(record_url(session)).status_code == 404
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    client.force_login(coordinator)
    assert client.get(record_url(session)).status_code == 403
    # Another network's screen never lists this network's people.
    own = NetworkFactory(organisation=network.organisation, lead_worker=worker)
    own_session = weekly_sessions(own, START, 1)[0]
    assert "Geheime Ria" not in worker_client.get(record_url(own_session)).content.decode()


def test_a_save_is_seen_by_the_next_opening(worker_client, network):
    """The screen's cached base follows a save at once (the fact version changes)."""
    sessions = weekly_sessions(network, START, 2)
    ria = ParticipantFactory(network=network, display_name="Ria")
    worker_client.get(record_url(sessions[1]))
    data = form_data(sessions[0], present=[ria.pk])
    assert worker_client.post(record_url(sessions[0]), data).status_code == 302
    page = worker_client.get(record_url(sessions[1])).content.decode()
    assert "data-last-week" in page  # Ria was there the week before
