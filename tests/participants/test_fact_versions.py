"""Every kind of write to a network's route facts gives that network (and only that one) a
new fact version in the same transaction, through the database's triggers
(participants/fact_triggers.py), and the cached figures keyed on it equal the ones derived
from scratch after random histories of writes (participants/fact_cache.py)."""

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
from tests.support.factories import SupportTieFactory
from vangnet.dashboards.routes import load_route_counts, route_counts
from vangnet.networks.models import Attendance, Network, PhaseTransition, Session
from vangnet.participants.fact_cache import network_fact_version, network_fact_versions
from vangnet.participants.models import NetworkFactVersion, Participant, RouteEvent
from vangnet.participants.selectors import network_routes
from vangnet.privacy.services import person_erase
from vangnet.support.models import SupportTie

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def two(network):
    """Two networks of one organisation, each with sessions, people, marks and an event."""
    other = NetworkFactory(organisation=network.organisation)
    for each in (network, other):
        sessions = weekly_sessions(each, START, 6)
        anna = ParticipantFactory(network=each)
        attend(anna, sessions[:4])
        RouteEventFactory(participant=anna, stage="steady", date=START)
    return network, other


def versions(*networks):
    many = network_fact_versions(network_ids=[n.pk for n in networks])
    assert [many[n.pk] for n in networks] == [network_fact_version(n.pk) for n in networks]
    return [many[n.pk] for n in networks]


def changes(two, write, *, both=False):
    """`write()` gives the first network a new version (and the second one too when `both`),
    leaves the other alone otherwise."""
    network, other = two
    before = versions(network, other)
    write()
    after = versions(network, other)
    assert after[0] != before[0]
    assert (after[1] != before[1]) == both


def test_sessions(two):
    network, other = two
    session = Session.objects.filter(network=network).first()
    changes(two, lambda: SessionFactory(network=network, date=TODAY))
    changes(two, lambda: Session.objects.bulk_create([Session(network=network, date=START)]))
    session.recorded = False
    changes(two, session.save)
    changes(two, lambda: Session.objects.filter(pk=session.pk).update(note="x"))
    changes(
        two, lambda: raw_sql("UPDATE networks_session SET note = 'y' WHERE id = %s", [session.pk])
    )
    changes(two, lambda: Session.objects.filter(pk=session.pk).delete())
    changes(two, lambda: Session.objects.update(note="z"), both=True)


def test_attendance_marks(two):
    network, other = two
    anna = Participant.objects.filter(network=network).first()
    empty = Session.objects.filter(network=network).order_by("-date").first()
    changes(two, lambda: Attendance.objects.create(session=empty, participant=anna))
    mark = Attendance.objects.get(session=empty, participant=anna)
    changes(two, lambda: Attendance.objects.filter(pk=mark.pk).update(participant=anna))
    changes(two, lambda: raw_sql("DELETE FROM networks_attendance WHERE id = %s", [mark.pk]))
    again = Attendance(session=empty, participant=anna)
    changes(two, lambda: Attendance.objects.bulk_create([again]))
    changes(two, lambda: Attendance.objects.filter(session=empty).delete())


def test_participants_and_route_events(two):
    network, other = two
    anna = Participant.objects.filter(network=network).first()
    changes(two, lambda: ParticipantFactory(network=network))
    anna.invited_on = START
    changes(two, anna.save)
    changes(two, lambda: Participant.objects.filter(pk=anna.pk).update(invited_on=TODAY))
    changes(two, lambda: RouteEventFactory(participant=anna, stage="dropped_out", date=TODAY))
    event = RouteEvent.objects.filter(participant=anna).first()
    changes(two, lambda: RouteEvent.objects.filter(pk=event.pk).update(date=START))
    changes(two, lambda: RouteEvent.objects.filter(pk=event.pk).delete())
    moved = ParticipantFactory(network=network)
    changes(two, lambda: Participant.objects.filter(pk=moved.pk).update(network=other), both=True)


def test_support_ties_and_phase_transitions(two):
    """The sociogram's facts beside the routes' (support migration 0007)."""
    network, other = two
    anna, bert = ParticipantFactory(network=network), ParticipantFactory(network=network)
    changes(two, lambda: SupportTieFactory(network=network, giver=anna, receiver=bert, date=START))
    tie = SupportTie.objects.get(network=network)
    changes(two, lambda: SupportTie.objects.filter(pk=tie.pk).update(support_type="practical"))
    changes(
        two,
        lambda: raw_sql("UPDATE support_supporttie SET date = %s WHERE id = %s", [TODAY, tie.pk]),
    )
    changes(two, lambda: SupportTie.objects.filter(pk=tie.pk).delete())
    changes(
        two,
        lambda: PhaseTransition.objects.create(
            network=network, phase="build_up", date=START, reason="x"
        ),
    )
    changes(two, lambda: PhaseTransition.objects.filter(network=network).update(date=TODAY))
    PhaseTransition.objects.create(network=other, phase="build_up", date=START, reason="x")
    changes(two, lambda: PhaseTransition.objects.update(reason="y"), both=True)
    changes(two, lambda: PhaseTransition.objects.filter(network=network).delete())


def test_erasure_and_deletion(two, worker):
    network, other = two
    anna = Participant.objects.filter(network=network).first()
    changes(two, lambda: person_erase(participant=anna, actor=worker))
    changes(two, lambda: Participant.objects.filter(network=network).delete())


def test_a_rolled_back_write_keeps_the_version(two):
    network, other = two
    before = versions(network, other)
    with pytest.raises(RuntimeError), transaction.atomic():
        SessionFactory(network=network, date=TODAY)
        assert versions(network)[0] != before[0]  # seen inside the transaction
        raise RuntimeError
    assert versions(network, other) == before


def test_a_network_gets_a_version_when_made_and_loses_it_when_deleted(organisation):
    made = NetworkFactory(organisation=organisation)
    assert NetworkFactVersion.objects.filter(network_id=made.pk).exists()
    weekly_sessions(made, START, 3)
    Network.objects.filter(pk=made.pk).delete()  # with its sessions
    assert not NetworkFactVersion.objects.filter(network_id=made.pk).exists()


def test_every_network_of_an_organisation(two, organisation):
    network, other = two
    assert set(network_fact_versions(organisation=organisation)) == {network.pk, other.pk}


WRITES = st.lists(
    st.tuples(
        st.sampled_from(["mark", "unmark", "session", "unrecord", "person", "invite", "event"]),
        st.integers(0, 1),  # which network
        st.integers(0, 30),  # which row / week
    ),
    max_size=8,
)


def _write(kind, network, n):
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    sessions = list(Session.objects.filter(network=network).order_by("date"))
    person = people[n % len(people)] if people else None
    session = sessions[n % len(sessions)] if sessions else None
    if kind == "mark" and person and session:
        Attendance.objects.get_or_create(session=session, participant=person)
    elif kind == "unmark" and session:
        Attendance.objects.filter(session=session).delete()
    elif kind == "session":
        Session.objects.get_or_create(network=network, date=START + dt.timedelta(weeks=n))
    elif kind == "unrecord" and session:
        Session.objects.filter(pk=session.pk).update(recorded=not session.recorded)
    elif kind == "person":
        ParticipantFactory(network=network, invited_on=START + dt.timedelta(weeks=n))
    elif kind == "invite" and person:
        Participant.objects.filter(pk=person.pk).update(invited_on=START + dt.timedelta(days=n))
    elif kind == "event" and person:
        stage = ["steady", "dropped_out", "returned"][n % 3]
        RouteEventFactory(participant=person, stage=stage, date=START + dt.timedelta(weeks=n))


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=st.lists(WRITES, min_size=1, max_size=3))
def test_cached_figures_equal_fresh_ones_after_random_writes(two, organisation, rounds):
    """After each round of random writes (of every kind, through the ORM, `update` and
    `bulk` paths alike), the cached dashboard figures and routes equal the ones derived from
    scratch."""
    cache.clear()
    ids = [n.pk for n in two]
    start = dt.date(2025, 4, 1)
    for writes in rounds:
        with TestCase.captureOnCommitCallbacks(execute=True):  # warm the cache first
            route_counts(organisation=organisation, ids=ids, start=start, as_of=TODAY)
            for network in two:
                network_routes(network=network, today=TODAY)
        for kind, which, n in writes:
            _write(kind, two[which], n)
        with TestCase.captureOnCommitCallbacks(execute=True):
            cached = route_counts(organisation=organisation, ids=ids, start=start, as_of=TODAY)
            routes = [
                {p.pk: p.route for p in network_routes(network=network, today=TODAY)}
                for network in two
            ]
        fresh = load_route_counts(organisation=organisation, ids=ids, start=start, as_of=TODAY)
        assert cached == fresh
        for network, got in zip(two, routes, strict=True):
            scratch = network_routes(network=network, today=TODAY, cached=False)
            assert got == {p.pk: p.route for p in scratch}
