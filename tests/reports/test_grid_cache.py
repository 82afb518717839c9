"""The municipality report's grid, cached per network (reports/grid_counts.py), equals the
grid derived from scratch, on random histories and after random changes made as Vangnet
makes them (a mark stamps its session; ties and route events are added or deleted)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase

from tests.factories import (
    LocationFactory,
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    SessionFactory,
)
from vangnet.neighbourhood.models import NeighbourhoodOutput, OutputItem, OutputKind
from vangnet.neighbourhood.services import Item, OutputData, output_record
from vangnet.networks.models import Attendance, Session
from vangnet.participants.models import Participant, RouteEvent, RouteStage
from vangnet.reports import grid_counts
from vangnet.reports.grid import load_grid
from vangnet.support.models import SupportTie, SupportType

pytestmark = pytest.mark.django_db

YEAR = 2025
TODAY = dt.date(2025, 11, 20)  # the year's fourth quarter has started, not ended
STAGES = [RouteStage.DROPPED_OUT, RouteStage.RETURNED, RouteStage.REFERRED_ON]


def random_world(rng: random.Random):
    organisation = OrganisationFactory()
    networks = []
    for _network in range(rng.randint(3, 5)):
        area = rng.choice(["Noord", "Zuid"])
        network = NetworkFactory(
            organisation=organisation,
            neighbourhood=area,
            location=LocationFactory(organisation=organisation, neighbourhood=area),
            start_date=dt.date(2024, rng.randint(1, 12), 1),
        )
        first = network.start_date + dt.timedelta(days=rng.randint(0, 20))
        days = [first + dt.timedelta(weeks=w) for w in range(0, 100) if rng.random() < 0.85]
        sessions = [
            SessionFactory(network=network, date=day, recorded=rng.random() < 0.9)
            for day in days
            if day <= TODAY
        ]
        people = [ParticipantFactory(network=network) for _ in range(rng.randint(2, 9))]
        marks = [
            Attendance(session=session, participant=person)
            for person in people
            for session in sessions
            if rng.random() < 0.55
        ]
        Attendance.objects.bulk_create(marks)
        for person in rng.sample(people, k=min(2, len(people))):
            RouteEvent.objects.create(
                participant=person,
                stage=rng.choice(STAGES),
                date=dt.date(YEAR, rng.randint(1, 10), rng.randint(1, 28)),
            )
        for _ in range(rng.randint(0, 6)):
            giver, receiver = rng.sample(people, k=2)
            SupportTie.objects.create(
                network=network,
                giver=giver,
                receiver=receiver,
                support_type=rng.choice(list(SupportType)),
                date=dt.date(YEAR, rng.randint(1, 11), rng.randint(1, 28)),
            )
        for session in rng.sample(sessions, k=min(len(sessions), rng.randint(0, 6))):
            record_output(rng, session)
        networks.append(network)
    return organisation, networks


def record_output(rng: random.Random, session) -> None:
    """What a session produced for the neighbourhood, through the service (or removed)."""
    kinds = rng.sample(list(OutputKind.values), k=rng.randint(0, 2))
    data = OutputData(
        guests=rng.randint(0, 12),
        items=[Item(kind, rng.randint(1, 30)) for kind in kinds],
    )
    output_record(session=session, data=data, actor=session.network.lead_worker)


def change_something(rng: random.Random, networks) -> None:
    """One change in one network, through the models as the services write them."""
    network = rng.choice(networks)
    sessions = list(Session.objects.filter(network=network, date__year=YEAR))
    people = list(Participant.objects.filter(network=network))
    kind = rng.choice(
        [
            "mark",
            "unmark",
            "tie",
            "untie",
            "event",
            "newcomer",
            "unrecord",
            "buurt",
            "unbuurt",
            "tie_sql",
            "buurt_update",
        ]
    )
    if kind in ("mark", "unmark", "newcomer", "unrecord") and sessions:
        session = rng.choice(sessions)
        if kind == "mark":
            for person in people:
                Attendance.objects.get_or_create(session=session, participant=person)
        elif kind == "unmark":
            Attendance.objects.filter(session=session).delete()
        elif kind == "newcomer":
            person = ParticipantFactory(network=network)
            Attendance.objects.create(session=session, participant=person)
        else:
            session.recorded = not session.recorded
        session.save()  # a mark stamps its session (participants.fact_cache)
    elif kind == "tie" and len(people) > 1:
        giver, receiver = rng.sample(people, k=2)
        SupportTie.objects.create(
            network=network,
            giver=giver,
            receiver=receiver,
            support_type=rng.choice(list(SupportType)),
            date=dt.date(YEAR, rng.randint(1, 11), rng.randint(1, 28)),
        )
    elif kind == "untie":
        tie = SupportTie.objects.filter(network=network).order_by("?").first()
        if tie is not None:
            tie.delete()
    elif kind == "buurt" and sessions:
        record_output(rng, rng.choice(sessions))  # the output alone: no session stamp
    elif kind == "unbuurt":
        output = NeighbourhoodOutput.objects.filter(session__network=network).first()
        if output is not None:
            output_record(session=output.session, data=OutputData(), actor=network.lead_worker)
    elif kind == "tie_sql":  # raw SQL, past every service and signal
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE support_supporttie SET date = %s WHERE network_id = %s",
                [dt.date(YEAR, rng.randint(1, 11), 1), network.pk],
            )
    elif kind == "buurt_update":  # QuerySet.update, no save() and no updated_at
        OutputItem.objects.filter(output__session__network=network).update(
            number=rng.randint(1, 40)
        )
        NeighbourhoodOutput.objects.filter(session__network=network).update(
            guests=rng.randint(0, 9)
        )
    elif kind == "event" and people:
        RouteEvent.objects.create(
            participant=rng.choice(people),
            stage=rng.choice(STAGES),
            date=dt.date(YEAR, rng.randint(1, 11), rng.randint(1, 28)),
        )


def cached_grid(organisation):
    with TestCase.captureOnCommitCallbacks(execute=True):
        grid = load_grid(organisation=organisation, year=YEAR, today=TODAY)
    return grid.counts, grid.phases


def scratch_grid(organisation, settings):
    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 0
    try:
        grid = load_grid(organisation=organisation, year=YEAR, today=TODAY)
    finally:
        settings.VANGNET_DASHBOARD_CACHE_SECONDS = 3600
    return grid.counts, grid.phases


@pytest.mark.parametrize("seed", range(10))
def test_the_cached_grid_equals_the_grid_from_scratch_after_random_changes(seed, settings):
    settings.VANGNET_MIN_NETWORKS_PER_AREA = 1
    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 3600
    cache.clear()
    rng = random.Random(seed)
    organisation, networks = random_world(rng)
    assert cached_grid(organisation) == scratch_grid(organisation, settings)
    assert cached_grid(organisation)[0]  # the world has counts at all
    assert any(key[0].startswith("buurt:") for key in cached_grid(organisation)[0])
    for _step in range(10):
        change_something(rng, networks)
        assert cached_grid(organisation) == scratch_grid(organisation, settings)


def test_a_later_look_derives_no_network_and_a_change_derives_only_its_own(settings, monkeypatch):
    settings.VANGNET_MIN_NETWORKS_PER_AREA = 1
    cache.clear()
    organisation, networks = random_world(random.Random(99))
    derived: list[list[int]] = []
    real = grid_counts._derive

    def spy(**kwargs):
        derived.append(sorted(kwargs["network_ids"]))
        return real(**kwargs)

    monkeypatch.setattr(grid_counts, "_derive", spy)
    cached_grid(organisation)
    assert derived == [sorted(n.pk for n in networks)]
    cached_grid(organisation)
    assert len(derived) == 1
    session = Session.objects.filter(network=networks[0], date__year=YEAR).first()
    session.save()
    cached_grid(organisation)
    assert derived[-1] == [networks[0].pk]
