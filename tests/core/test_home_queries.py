"""The worker's home page (the first page a worker opens) reads a fixed number of queries,
however many networks, sessions, phase transitions and evaluations there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Phase, PhaseTransition
from vangnet.participants.models import FollowUpTask

# session, user, networks, this week's sessions, follow-up tasks, interviews, absences,
# reminder settings, transitions, held evaluations, checklists, the audit record
HOME_QUERIES = 12


def _network(worker, start: dt.date):
    network = NetworkFactory(organisation=worker.organisation, lead_worker=worker, start_date=start)
    ActivityFactory(network=network, active_from=start)
    PhaseTransition.objects.create(
        network=network, phase=Phase.BUILD_UP, date=start + dt.timedelta(days=60), reason="op tijd"
    )
    participant = ParticipantFactory(network=network)
    SessionFactory(network=network, date=timezone.localdate(), recorded=True)
    FollowUpTask.objects.create(
        participant=participant, network=network, created_on=timezone.localdate(), missed_sessions=2
    )
    return network


def _home_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_home_page_reads_a_fixed_number_of_queries(client, worker, network):
    client.force_login(worker)
    today = timezone.localdate()
    _network(worker, today - dt.timedelta(days=300))
    client.get("/")
    few = _home_queries(client)
    for days in (30, 200, 340, 400, 700):  # moments coming up, phases behind, ...
        _network(worker, today - dt.timedelta(days=days))
    many = _home_queries(client)
    assert many == few <= HOME_QUERIES
