"""`session_get` (and the screen key's `session_head`) read the session through queries
compiled once (core.compiled_query): the same session, network, organisation, last saver and
activities as the ORM reads them, in two queries (one), and 404 for anything that is not
this network's session."""

import datetime as dt

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from tests.factories import ActivityFactory, NetworkFactory, SessionFactory, UserFactory
from vangnet.networks.models import Network, Session
from vangnet.networks.sessions.screen_body import session_head
from vangnet.networks.sessions.selectors import session_get

pytestmark = pytest.mark.django_db


def orm_read(pk: int) -> Session:
    return (
        Session.objects.select_related("network__organisation", "updated_by")
        .prefetch_related("activities")
        .get(pk=pk)
    )


def fields(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


def described(session: Session) -> dict:
    return {
        "session": fields(session),
        "network": fields(session.network),
        "organisation": fields(session.network.organisation),
        "updated_by": None if session.updated_by is None else fields(session.updated_by),
        "activities": [fields(activity) for activity in session.activities.all()],
    }


@pytest.fixture
def sessions(worker):
    network = NetworkFactory(organisation=worker.organisation)
    # Activity's ordering (weekday, start time, name) is not the order they were made in.
    late = ActivityFactory(network=network, name="Zwemmen", weekday=4, tasks=["  fiets "])
    early = ActivityFactory(network=network, name="Koffie", weekday=1, tasks=[])
    same_day = ActivityFactory(network=network, name="Breien", weekday=4, tasks=["wol", "thee"])
    plain = SessionFactory(network=network, date=dt.date(2025, 3, 4))
    saved = SessionFactory(
        network=network,
        date=dt.date(2025, 3, 11),
        title="Voorjaar",
        note="Koffie & taart",
        recorded=True,
        version=3,
        updated_by=UserFactory(organisation=worker.organisation, first_name="Ria"),
    )
    saved.activities.add(late, early, same_day)
    one = SessionFactory(network=network, date=dt.date(2025, 3, 18))
    one.activities.add(early)
    return network, [plain, saved, one]


@pytest.mark.parametrize("with_organisation", [False, True])
def test_the_compiled_read_is_the_orms(sessions, with_organisation):
    network, made = sessions
    for session in made:
        given = (
            Network.objects.select_related("organisation").get(pk=network.pk)
            if with_organisation
            else Network.objects.get(pk=network.pk)
        )
        with CaptureQueriesContext(connection) as queries:
            read = session_get(network=given, session_id=str(session.pk))
            found = described(read)
        assert len(queries) == 2
        assert found == described(orm_read(session.pk))
        if with_organisation:
            assert read.network is given
    read = session_get(network=network, session_id=made[1].pk)
    assert [a.name for a in read.activities.all()] == ["Koffie", "Breien", "Zwemmen"]
    # A further query on them is still about this session's activities alone.
    assert list(read.activities.filter(weekday=4).values_list("name", flat=True)) == [
        "Breien",
        "Zwemmen",
    ]
    only = session_get(network=network, session_id=made[2].pk)
    assert list(only.activities.values_list("name", flat=True)) == ["Koffie"]


def test_the_screens_key_reads_the_last_saver_as_the_orm_does(sessions):
    network, made = sessions
    for session in made:
        with CaptureQueriesContext(connection) as queries:
            head = session_head(network=network, session_id=str(session.pk))
        assert len(queries) == 1
        assert (head.pk, *head.saver) == Session.objects.values_list(
            "pk",
            "updated_by_id",
            "updated_by__first_name",
            "updated_by__last_name",
            "updated_by__username",
        ).get(pk=session.pk)


@pytest.mark.parametrize("read", [session_get, session_head])
def test_anything_but_this_networks_session_is_not_found(sessions, read):
    network, made = sessions
    elsewhere = SessionFactory()
    for session_id in (elsewhere.pk, 0, -1, 10**30, "abc", "", None, max(s.pk for s in made) + 99):
        with pytest.raises(Http404):
            read(network=network, session_id=session_id)
    with pytest.raises(Http404):
        read(network=elsewhere.network, session_id=made[0].pk)
