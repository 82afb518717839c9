"""The endpoints make a bounded number of queries, whatever the number of rows."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.conftest import token_client
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance
from vangnet.support.models import SupportTie


def _grow(network, n: int) -> None:
    people = [ParticipantFactory(network=network) for _ in range(n)]
    for week in range(n):
        session = SessionFactory(
            network=network, date=dt.date(2025, 2, 5) + dt.timedelta(weeks=week), recorded=True
        )
        for person in people:
            Attendance.objects.create(session=session, participant=person)
    for giver, receiver in zip(people, people[1:], strict=False):
        SupportTie.objects.create(
            network=network,
            giver=giver,
            receiver=receiver,
            support_type="emotional",
            date=dt.date(2025, 2, 6),
        )


def _count(api, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_data(coordinator, organisation):
    network = NetworkFactory(organisation=organisation)
    worker_api = token_client(network.lead_worker)
    coordinator_api = token_client(coordinator)
    urls = {
        "routes": (worker_api, reverse("api:route_list", args=[network.pk])),
        "ties": (worker_api, reverse("api:tie_list", args=[network.pk])),
        "sessions": (worker_api, reverse("api:session_list", args=[network.pk])),
        "measures": (worker_api, reverse("api:measures", args=[network.pk])),
        "networks": (coordinator_api, reverse("api:network_list")),
    }
    _grow(network, 2)
    for api, url in urls.values():  # the first call also notes the token's last use
        api.get(url)
    small = {name: _count(api, url) for name, (api, url) in urls.items()}
    _grow(network, 6)
    NetworkFactory(organisation=organisation)
    large = {name: _count(api, url) for name, (api, url) in urls.items()}
    assert small == large
