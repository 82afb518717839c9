"""A small hand-countable organisation for the report tests.

Period 2025-K2 (1 April - 30 June 2025), weekly sessions on Wednesdays from 8 January:
- Noord: network A, 8 people every week since January, 2 newcomers from 4 June;
- Zuid:  network B, 3 people every week since January;
- West:  network C, 6 people every week since January.
Support in Q2: A has 3 emotional pairs (one recorded twice) and 6 companionship pairs,
B one practical pair.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    LocationFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)
from vangnet.networks.models import Attendance
from vangnet.support.models import SupportTie

START = dt.date(2025, 4, 1)
END = dt.date(2025, 6, 30)
TODAY = dt.date(2025, 8, 1)


def wednesdays(first: dt.date, last: dt.date) -> list[dt.date]:
    days = []
    day = first
    while day <= last:
        days.append(day)
        day += dt.timedelta(days=7)
    return days


def build_network(organisation, *, name, area, regulars, newcomers=0, extra_weeks=0):
    location = LocationFactory(organisation=organisation, neighbourhood=area)
    network = NetworkFactory(
        organisation=organisation,
        name=name,
        neighbourhood=area,
        location=location,
        start_date=dt.date(2025, 1, 6),
        lead_worker=UserFactory(organisation=organisation),
        backup_worker=UserFactory(organisation=organisation, backup=True),
    )
    days = wednesdays(dt.date(2025, 1, 8), dt.date(2025, 6, 25) + dt.timedelta(weeks=extra_weeks))
    sessions = [SessionFactory(network=network, date=day, recorded=True) for day in days]
    people = [
        ParticipantFactory(network=network, display_name=f"{name}-persoon-{i}")
        for i in range(regulars + newcomers)
    ]
    rows = []
    for session in sessions:
        for index, person in enumerate(people):
            if index < regulars or session.date >= dt.date(2025, 6, 4):
                rows.append(Attendance(session=session, participant=person))
    Attendance.objects.bulk_create(rows)
    return network, people


def tie(network, giver, receiver, kind, day=dt.date(2025, 5, 7)):
    return SupportTie.objects.create(
        network=network, giver=giver, receiver=receiver, support_type=kind, date=day
    )


@pytest.fixture
def small_world(db, settings):
    # One network per area: these tests are about the counts and their suppression, so the
    # minimum number of networks per area is lowered (tests/reports/test_areas.py tests it).
    settings.VANGNET_MIN_NETWORKS_PER_AREA = 1
    organisation = OrganisationFactory(name="Welzijn Klein")
    a, people_a = build_network(
        organisation, name="Netwerk Anna", area="Noord", regulars=8, newcomers=2
    )
    b, people_b = build_network(organisation, name="Netwerk Bert", area="Zuid", regulars=3)
    c, _people_c = build_network(organisation, name="Netwerk Cor", area="West", regulars=6)
    for giver, receiver in ((0, 1), (1, 0), (2, 3)):
        tie(a, people_a[giver], people_a[receiver], "emotional")
    tie(a, people_a[0], people_a[1], "emotional", day=dt.date(2025, 6, 4))  # same pair again
    for giver in range(6):
        tie(a, people_a[giver], people_a[giver + 1], "companionship")
    tie(b, people_b[0], people_b[1], "practical")
    tie(b, people_b[1], people_b[2], "practical", day=dt.date(2025, 3, 1))  # before Q2
    return {
        "organisation": organisation,
        "networks": {"A": a, "B": b, "C": c},
        "people": people_a + people_b,
        "municipality": UserFactory(organisation=organisation, municipality=True),
        "coordinator": UserFactory(organisation=organisation, coordinator=True),
    }
