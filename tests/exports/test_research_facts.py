"""The research export reads the attendance marks once per network and derives the routes
from that read (exports/research_facts.py). Its participants and attendance tables must equal
the from-scratch expectation (`expected_research`: the routes of `network_routes(...,
cached=False)`, the marks of each network's sessions read on their own) on random
histories: marks in sessions after the export's day or not recorded, marks of one network's
person in another network's session (in the export or not), announced absences, route
events, withdrawn consent. And the rows keep their order: network by network, by participant
code (then week).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.exports.helpers import csv_rows, zip_files
from tests.exports.test_export_fidelity import TODAY, expected_research, in_file, sort_key
from tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)
from vangnet.exports.scope import Pseudonyms, research_scope
from vangnet.exports.services import export_build
from vangnet.networks.models import AnnouncedAbsence, Attendance
from vangnet.participants.models import RouteEvent, RouteStage
from vangnet.privacy.models import ConsentKind, ConsentRecord

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
PEOPLE = 7  # 0-2 in network A, 3-5 in network B, 6 in another organisation's network
SESSIONS = 9  # 0-3 in A, 4-7 in B, 8 in the other network

SESSION = st.tuples(
    st.integers(-10, 260),  # days after START (TODAY is day 238)
    st.booleans(),  # recorded
)
HISTORY = st.fixed_dictionaries(
    {
        "sessions": st.lists(SESSION, min_size=SESSIONS, max_size=SESSIONS),
        "marks": st.sets(st.tuples(st.integers(0, PEOPLE - 1), st.integers(0, SESSIONS - 1))),
        "absences": st.sets(
            st.tuples(st.integers(0, PEOPLE - 1), st.integers(0, SESSIONS - 1)), max_size=6
        ),
        "events": st.lists(
            st.tuples(
                st.integers(0, PEOPLE - 1),
                st.sampled_from(RouteStage.values),
                st.integers(0, 260),
            ),
            max_size=4,
        ),
        "invited": st.lists(st.one_of(st.none(), st.integers(-30, 200)), min_size=6, max_size=6),
        "withdrawn": st.sets(st.integers(0, 5), max_size=2),
    }
)


@pytest.fixture
def codes(monkeypatch):
    monkeypatch.setattr(
        Pseudonyms, "__call__", lambda self, key: "" if key is None else f"{self.prefix}{key}"
    )


@pytest.fixture
def place(db):
    organisation = OrganisationFactory()
    networks = [NetworkFactory(organisation=organisation, start_date=START) for _ in range(2)]
    other = NetworkFactory(organisation=OrganisationFactory(), start_date=START)
    user = UserFactory(organisation=organisation, evaluator=True)
    return organisation, [*networks, other], user


def build(history: dict, networks: list) -> None:
    homes = [networks[0]] * 3 + [networks[1]] * 3 + [networks[2]]
    people = []
    for i, home in enumerate(homes):
        invited = history["invited"][i] if i < 6 else None
        people.append(
            ParticipantFactory(
                network=home,
                invited_on=None if invited is None else START + dt.timedelta(days=invited),
            )
        )
    where = [networks[0]] * 4 + [networks[1]] * 4 + [networks[2]]
    sessions = [
        SessionFactory(network=network, date=START + dt.timedelta(days=day), recorded=recorded)
        for network, (day, recorded) in zip(where, history["sessions"], strict=True)
    ]
    for person, session in history["marks"]:
        Attendance.objects.create(participant=people[person], session=sessions[session])
    for person, session in history["absences"]:
        AnnouncedAbsence.objects.create(participant=people[person], session=sessions[session])
    for person, stage, day in history["events"]:
        RouteEvent.objects.create(
            participant=people[person], stage=stage, date=START + dt.timedelta(days=day)
        )
    for person in history["withdrawn"]:
        ConsentRecord.objects.create(
            organisation=people[person].organisation,
            participant=people[person],
            kind=ConsentKind.RESEARCH_EXPORT,
            given_on=START,
            withdrawn_on=START + dt.timedelta(days=30),
        )


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=HISTORY)
def test_the_tables_equal_the_expectation(place, codes, settings, history):
    settings.VANGNET_SMALL_CELL_K = 5
    organisation, networks, user = place
    with transaction.atomic():
        build(history, networks)
        result = export_build(
            kind="research", file_format="zip", scope=research_scope(user), today=TODAY
        )
        expected = expected_research(organisation, 5)
        transaction.set_rollback(True)
    files = zip_files(result.data)
    for name in ("participants", "attendance"):
        got = csv_rows(files[f"{name}.csv"])[1:]
        assert sorted(got, key=sort_key) == sorted(in_file(expected[name], "csv"), key=sort_key)
        # Network by network (by code), then by participant code (and week).
        assert got == sorted(got, key=lambda row: (row[1], row[0], *row[2:3])), name
