"""The version of a network's facts: every way the application changes a route's facts gives
the network a new fingerprint, a cached answer equals a fresh one, and nothing from a
rolled-back transaction is kept (participants/fact_cache.py, participants/route_cache.py)."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import TestCase

from tests.factories import ParticipantFactory, SessionFactory
from tests.participants.factories import RouteEventFactory, attend, weekly_sessions
from vangnet.networks.importing.writing import attendance_import
from vangnet.networks.models import Attendance, Session
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.participants.fact_cache import (
    network_fact_version,
    network_fact_versions,
    store_after_commit,
)
from vangnet.participants.selectors import network_routes

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
TODAY = dt.date(2025, 6, 30)


def fingerprint(network):
    """Both fingerprints: of many networks (the dashboard) and of one (the pages)."""
    return (
        network_fact_versions(network_ids=[network.pk]).get(network.pk),
        network_fact_version(network.pk),
    )


def test_every_fingerprint_changes_alone(network, history):
    """Each test below asserts the pair changes; here: each part changes on its own."""
    sessions, anna, _ = history
    many, one = fingerprint(network)
    sessions[0].save()
    assert fingerprint(network)[0] != many and fingerprint(network)[1] != one


def test_an_empty_network_has_a_fingerprint(network):
    """Made with the network (participants/fact_triggers.py), and the same both ways."""
    assert network_fact_version(network.pk) != 0
    assert network_fact_versions(network_ids=[network.pk]) == {
        network.pk: network_fact_version(network.pk)
    }


def routes_committed(network, today=TODAY):
    """network_routes as a request would call it: its transaction commits."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        people = network_routes(network=network, today=today)
    return {p.pk: p.route for p in people}


@pytest.fixture
def history(network):
    sessions = weekly_sessions(network, START, 20)
    anna = ParticipantFactory(network=network, display_name="Anna")
    bert = ParticipantFactory(network=network, display_name="Bert")
    attend(anna, sessions)
    attend(bert, sessions[:5])
    return sessions, anna, bert


def _record(session, worker, present):
    before = set(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    session.refresh_from_db()
    session_record_attendance(
        session=session,
        marks=AttendanceMarks.build(present),
        note=session.note,
        base_marks=AttendanceMarks.build(before),
        base_note=session.note,
        base_version=session.version,
        recorded_by=worker,
    )


def test_the_session_screen_changes_the_fingerprint_on_every_mark(network, worker, history):
    sessions, anna, bert = history
    last = sessions[-1]
    first = fingerprint(network)
    _record(last, worker, {anna.pk, bert.pk})  # a mark added
    added = fingerprint(network)
    _record(last, worker, {anna.pk})  # and removed again: the same marks as at first
    removed = fingerprint(network)
    assert len({first, added, removed}) == 3


def test_the_import_changes_the_fingerprint(network, worker, history):
    sessions, anna, bert = history
    before = fingerprint(network)
    day = sessions[10].date.strftime("%d-%m-%Y")  # an existing session; Bert was not there
    attendance_import(
        network=network,
        source=f"datum;deelnemer\n{day};Bert\n".encode(),
        filename="lijst.csv",
        actor=worker,
        today=TODAY,
    )
    assert Attendance.objects.filter(participant=bert, session=sessions[10]).exists()
    assert fingerprint(network) != before


def test_participants_events_and_sessions_change_the_fingerprint(network, history):
    sessions, anna, bert = history
    seen = [fingerprint(network)]
    newcomer = ParticipantFactory(network=network)
    seen.append(fingerprint(network))
    newcomer.invited_on = START
    newcomer.save()
    seen.append(fingerprint(network))
    RouteEventFactory(participant=bert, stage="referred_on", date=TODAY)
    seen.append(fingerprint(network))
    SessionFactory(network=network, date=TODAY)
    seen.append(fingerprint(network))
    sessions[3].recorded = False
    sessions[3].save()
    seen.append(fingerprint(network))
    Session.objects.filter(pk=sessions[4].pk).delete()  # with its marks
    seen.append(fingerprint(network))
    newcomer.delete()
    seen.append(fingerprint(network))
    assert len(set(seen)) == len(seen)


def test_cached_routes_equal_fresh_ones_and_follow_a_change(network, worker, history):
    sessions, anna, bert = history
    cache.clear()
    first = routes_committed(network)
    assert first == {p.pk: p.route for p in network_routes(network=network, today=TODAY)}
    fresh = network_routes(network=network, today=TODAY, cached=False)
    assert first == {p.pk: p.route for p in fresh}
    _record(sessions[-1], worker, set())  # Anna was not there after all
    changed = routes_committed(network)
    assert changed[anna.pk].visits == first[anna.pk].visits - 1
    fresh = network_routes(network=network, today=TODAY, cached=False)
    assert changed == {p.pk: p.route for p in fresh}


def test_a_route_for_another_day_is_derived_for_that_day(network, history):
    sessions, anna, _ = history
    early = routes_committed(network, today=sessions[2].date)
    late = routes_committed(network, today=TODAY)
    assert early[anna.pk].visits == 3 and late[anna.pk].visits == 20


def test_nothing_is_stored_from_a_transaction_that_rolls_back():
    cache.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            store_after_commit({"vangnet:test:rolled-back": 1}, 60)
            raise RuntimeError
        store_after_commit({"vangnet:test:committed": 2}, 60)
    assert cache.get("vangnet:test:rolled-back") is None
    assert cache.get("vangnet:test:committed") == 2


def test_the_cache_can_be_turned_off(network, history, settings, django_assert_num_queries):
    settings.VANGNET_ROUTE_CACHE_SECONDS = 0
    cache.clear()
    routes_committed(network)
    network = type(network).objects.get(pk=network.pk)
    with django_assert_num_queries(5):  # organisation, participants and three loads
        network_routes(network=network, today=TODAY)
