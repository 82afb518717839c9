"""The route cache's two reads of a network (participants/route_cache.py): the versions of
its people and what its sessions and later route events tell. Each person's version and
later event is looked up by its index (the join it replaced let PostgreSQL's planner read
the versions and events of the whole installation); the results are those of the plain
reads through the ORM."""

import datetime as dt

import pytest

from tests.factories import NetworkFactory, ParticipantFactory
from tests.participants.factories import RouteEventFactory, attend, weekly_sessions
from vangnet.participants.models import ParticipantFactVersion
from vangnet.participants.route_cache import participant_versions, session_facts

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)


def test_versions_are_the_networks_people_and_theirs_alone(network):
    other = NetworkFactory(organisation=network.organisation)
    anna, bert = ParticipantFactory(network=network), ParticipantFactory(network=network)
    attend(anna, weekly_sessions(network, START, 2))
    ParticipantFactory(network=other)
    ParticipantFactVersion.objects.filter(participant_id=bert.pk).delete()  # none kept
    expected = {
        pk: ParticipantFactVersion.objects.filter(participant_id=pk)
        .values_list("token", flat=True)
        .first()
        for pk in (anna.pk, bert.pk)
    }
    assert expected[anna.pk] is not None
    assert participant_versions(network.pk) == expected
    assert participant_versions(NetworkFactory(organisation=network.organisation).pk) == {}


def test_the_first_later_fact_is_a_session_or_a_route_event_of_the_networks_people(network):
    other = NetworkFactory(organisation=network.organisation)
    anna, bert = ParticipantFactory(network=network), ParticipantFactory(network=network)
    sessions = weekly_sessions(network, START, 4)  # the last on START + 3 weeks
    attend(anna, sessions)
    last = START + dt.timedelta(weeks=3)
    eve = ParticipantFactory(network=other)
    RouteEventFactory(participant=eve, stage="returned", date=last + dt.timedelta(days=5))
    RouteEventFactory(participant=bert, stage="returned", date=last + dt.timedelta(days=20))
    RouteEventFactory(participant=anna, stage="returned", date=last + dt.timedelta(days=40))
    # Before the last session: the next session comes first.
    assert session_facts(network.pk, START)[1] == START + dt.timedelta(weeks=1)
    # After it: the network's own first later event (eve's, in another network, is not).
    assert session_facts(network.pk, last)[1] == last + dt.timedelta(days=20)
    assert session_facts(network.pk, last + dt.timedelta(days=20))[1] == last + dt.timedelta(
        days=40
    )
    assert session_facts(network.pk, last + dt.timedelta(days=40))[1] == dt.date.max
    # A network without people: nothing later.
    assert session_facts(NetworkFactory(organisation=network.organisation).pk, START)[1] == (
        dt.date.max
    )


def test_the_fingerprint_follows_the_recorded_or_marked_sessions(network):
    sessions = weekly_sessions(network, START, 3)
    before = session_facts(network.pk, START)[0]
    sessions[1].date += dt.timedelta(days=1)  # a session moved
    sessions[1].save()
    assert session_facts(network.pk, START)[0] != before


def test_the_fingerprint_changes_with_what_a_route_sees_and_nothing_else(network):
    """Made in the query on PostgreSQL, in Python on SQLite: the same behaviour."""
    anna = ParticipantFactory(network=network)
    sessions = weekly_sessions(network, START, 3)
    empty = session_facts(NetworkFactory(organisation=network.organisation).pk, START)[0]
    assert isinstance(empty, str) and empty

    def fingerprint() -> str:
        return session_facts(network.pk, START)[0]

    first = fingerprint()
    assert fingerprint() == first  # the same sessions, the same fingerprint
    assert session_facts(network.pk, START + dt.timedelta(weeks=5))[0] == first  # any day
    attend(anna, sessions[:1])  # a mark at a recorded session: its dates are the same
    assert fingerprint() == first
    sessions[2].recorded = False
    sessions[2].save()
    unrecorded = fingerprint()
    assert unrecorded != first
    attend(anna, sessions[2:])  # a mark makes an unrecorded session count again
    assert fingerprint() not in (unrecorded, first)  # as unrecorded: a flag of its own
