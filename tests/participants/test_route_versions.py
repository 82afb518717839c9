"""Every kind of write to a participant's own route facts gives that participant (and only
that one) a new version through the database's triggers (participants/route_triggers.py),
and the route cache (participants/route_cache.py) derives again only the routes whose facts
changed, yet always equals the routes derived from scratch."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from tests.page_compare import raw_sql
from tests.participants.factories import RouteEventFactory, attend, weekly_sessions
from vangnet.networks.models import Attendance, Session
from vangnet.participants import selectors
from vangnet.participants.models import Participant, ParticipantFactVersion, RouteEvent
from vangnet.participants.route_cache import participant_versions
from vangnet.participants.selectors import network_route_map, network_routes
from vangnet.privacy.services import person_erase

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def people(network):
    """Anna and Bert in one network, Cor in another; sessions, marks and an event each."""
    other = NetworkFactory(organisation=network.organisation)
    sessions = weekly_sessions(network, START, 8)
    anna, bert = ParticipantFactory(network=network), ParticipantFactory(network=network)
    attend(anna, sessions[:5])
    attend(bert, sessions[2:])
    RouteEventFactory(participant=anna, stage="steady", date=START)
    cor = ParticipantFactory(network=other)
    attend(cor, weekly_sessions(other, START, 3))
    return anna, bert, cor


def version(person) -> int | None:
    row = ParticipantFactVersion.objects.filter(participant_id=person.pk).first()
    return row.token if row else None


def bumps(people, write, *who):
    """`write()` gives exactly the people `who` (of `people`) a new version."""
    before = [version(p) for p in people]
    write()
    after = [version(p) for p in people]
    changed = {p.pk for p, b, a in zip(people, before, after, strict=True) if a != b}
    assert changed == {p.pk for p in who}


def test_a_participant_gets_a_version_when_made_and_loses_it_when_deleted(network):
    made = ParticipantFactory(network=network)
    assert version(made) is not None
    attend(made, weekly_sessions(network, START, 2))
    Participant.objects.filter(pk=made.pk).delete()  # with their marks
    assert not ParticipantFactVersion.objects.filter(participant_id=made.pk).exists()


def test_marks(people):
    anna, bert, cor = people
    empty = SessionFactory(network=anna.network, date=TODAY)
    bumps(people, lambda: Attendance.objects.create(session=empty, participant=anna), anna)
    mark = Attendance.objects.get(session=empty, participant=anna)
    bumps(
        people, lambda: Attendance.objects.filter(pk=mark.pk).update(participant=bert), anna, bert
    )
    bumps(people, lambda: raw_sql("DELETE FROM networks_attendance WHERE id = %s", [mark.pk]), bert)
    bumps(
        people,
        lambda: Attendance.objects.bulk_create([Attendance(session=empty, participant=bert)]),
        bert,
    )
    first = Session.objects.filter(network=anna.network).order_by("date")[3]
    bumps(people, lambda: Attendance.objects.filter(session=first).delete(), anna, bert)


def test_the_person_and_their_route_events(people):
    anna, bert, cor = people
    anna.invited_on = START
    bumps(people, anna.save, anna)
    bumps(people, lambda: Participant.objects.filter(pk=bert.pk).update(invited_on=TODAY), bert)
    bumps(people, lambda: RouteEventFactory(participant=cor, stage="dropped_out", date=TODAY), cor)
    event = RouteEvent.objects.filter(participant=anna).first()
    bumps(people, lambda: RouteEvent.objects.filter(pk=event.pk).update(date=TODAY), anna)
    bumps(people, lambda: RouteEvent.objects.filter(pk=event.pk).delete(), anna)
    bumps(people, lambda: Participant.objects.filter(pk=cor.pk).update(network=anna.network), cor)


def test_session_writes_leave_the_people_alone(people):
    anna, bert, cor = people
    session = Session.objects.filter(network=anna.network).first()
    bumps(people, lambda: Session.objects.filter(pk=session.pk).update(note="x"))
    bumps(people, lambda: SessionFactory(network=anna.network, date=TODAY))


def test_erasure(people, worker):
    anna, bert, cor = people
    person_erase(participant=anna, actor=worker)
    assert version(bert) is not None and version(cor) is not None


def test_a_rolled_back_write_keeps_the_version(people):
    anna = people[0]
    before = version(anna)
    with pytest.raises(RuntimeError), transaction.atomic():
        RouteEventFactory(participant=anna, stage="dropped_out", date=TODAY)
        assert version(anna) != before
        raise RuntimeError
    assert version(anna) == before


def test_participant_versions_lists_the_network_in_one_query(people, django_assert_num_queries):
    anna, bert, _cor = people
    with django_assert_num_queries(1):
        got = participant_versions(anna.network_id)
    assert got == {anna.pk: version(anna), bert.pk: version(bert)}


def routes_committed(network, today=TODAY):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return network_route_map(network=network, today=today)


def counting(monkeypatch) -> list[list[int]]:
    """The ids of each derivation from here on (every path ends in `derive_routes`)."""
    derived: list[list[int]] = []
    real = selectors.derive_routes

    def count(people, **kwargs):
        people = list(people)
        derived.append(sorted(pk for pk, _network, _invited in people))
        return real(people, **kwargs)

    monkeypatch.setattr(selectors, "derive_routes", count)
    return derived


def test_only_the_changed_people_are_derived_again(people, monkeypatch):
    anna, bert, _cor = people
    network = anna.network
    cache.clear()
    routes_committed(network)
    with monkeypatch.context() as patched:
        derived = counting(patched)
        routes_committed(network)  # unchanged: nothing derived
        assert derived == []
        last = Session.objects.filter(network=network).order_by("-date").first()
        Attendance.objects.filter(session=last, participant=bert).delete()
        got = routes_committed(network)
        assert derived == [[bert.pk]]
    fresh = {p.pk: p.route for p in network_routes(network=network, today=TODAY, cached=False)}
    assert got == fresh
    # a moved session changes everybody's attended or session dates: all derived again
    derived = counting(monkeypatch)
    Session.objects.filter(pk=last.pk).update(date=last.date + dt.timedelta(days=1))
    routes_committed(network)
    assert derived[-1] == sorted([anna.pk, bert.pk])


WRITES = st.lists(
    st.tuples(
        st.sampled_from(
            ["mark", "unmark", "session", "move", "unrecord", "person", "invite", "event", "leave"]
        ),
        st.integers(0, 30),
    ),
    max_size=6,
)


def _write(kind, network, other, n):
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    sessions = list(Session.objects.filter(network=network).order_by("date"))
    person = people[n % len(people)] if people else None
    session = sessions[n % len(sessions)] if sessions else None
    if kind == "mark" and person and session:
        Attendance.objects.get_or_create(session=session, participant=person)
    elif kind == "unmark" and person:
        Attendance.objects.filter(participant=person, session=session).delete()
    elif kind == "session":
        Session.objects.get_or_create(
            network=network, date=START + dt.timedelta(weeks=n), defaults={"recorded": n % 2 == 0}
        )
    elif kind == "move" and session:
        moved = START + dt.timedelta(days=3 * n + 1)
        if not Session.objects.filter(network=network, date=moved).exists():
            Session.objects.filter(pk=session.pk).update(date=moved)
    elif kind == "unrecord" and session:
        Session.objects.filter(pk=session.pk).update(recorded=not session.recorded)
    elif kind == "person":
        ParticipantFactory(network=network, invited_on=START + dt.timedelta(weeks=n))
    elif kind == "invite" and person:
        Participant.objects.filter(pk=person.pk).update(invited_on=START + dt.timedelta(days=n))
    elif kind == "event" and person:
        stage = ["steady", "dropped_out", "returned"][n % 3]
        RouteEventFactory(participant=person, stage=stage, date=START + dt.timedelta(weeks=n))
    elif kind == "leave" and person:
        Participant.objects.filter(pk=person.pk).update(network=other)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=st.lists(WRITES, min_size=1, max_size=4))
def test_cached_routes_equal_fresh_ones_after_random_writes(people, rounds):
    """After each round of random writes the routes from the cache, renewed person by
    person, equal the routes derived from scratch, on the day of the facts and later."""
    cache.clear()
    network = people[0].network
    other = people[2].network
    for writes in rounds:
        for today in (TODAY, TODAY + dt.timedelta(weeks=10)):
            routes_committed(network, today)
        for kind, n in writes:
            _write(kind, network, other, n)
        for today in (TODAY, TODAY + dt.timedelta(weeks=10)):
            got = routes_committed(network, today)
            scratch = network_routes(network=network, today=today, cached=False)
            assert got == {p.pk: p.route for p in scratch}
