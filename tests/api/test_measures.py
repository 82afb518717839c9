"""Support measures per period: the one computation of support.measures, figures only."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.api.conftest import token_client
from tests.factories import ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance
from vangnet.support.models import SupportTie


@pytest.fixture
def ties(network):
    a, b, c = (ParticipantFactory(network=network) for _ in range(3))
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5), recorded=True)
    for person in (a, b, c):
        Attendance.objects.create(session=session, participant=person)
    day = dt.date(2025, 2, 10)
    for giver, receiver in ((a, b), (b, a)):
        SupportTie.objects.create(
            network=network, giver=giver, receiver=receiver, support_type="practical", date=day
        )
    return a, b, c


def test_measures_per_month(worker, network, ties):
    url = reverse("api:measures", args=[network.pk])
    query = {"period": "month", "start": "2025-01-01", "end": "2025-03-31"}
    data = token_client(worker).get(url, query).json()
    assert [row["label"] for row in data["periods"]] == ["2025-01", "2025-02", "2025-03"]
    february = data["periods"][1]
    # Hand-computed: edges a->b, b->a among 3 active people; c is the isolate.
    assert february["tie_count"] == 2 and february["edges"] == 2
    assert february["reciprocity"] == 1.0
    assert february["isolates"] == 1
    assert february["density"] == round(2 / 6, 4)
    assert february["components"] == 2
    assert data["total"]["tie_count"] == 2


def test_coordinator_sees_figures_without_names(coordinator, network, ties):
    url = reverse("api:measures", args=[network.pk])
    response = token_client(coordinator).get(url)
    assert response.status_code == 200
    assert ties[0].display_name not in response.content.decode()
    assert response.json()["period"] == "quarter"


@pytest.mark.parametrize(
    "query",
    [
        {"period": "week"},
        {"start": "9999-12-31"},
        {"start": "2025-03-01", "end": "2025-01-01"},
        {"period": "month", "start": "1900-01-01", "end": "2025-01-01"},
        {"start": "not a date"},
    ],
)
def test_bad_periods_are_400(worker, network, query):
    url = reverse("api:measures", args=[network.pk])
    response = token_client(worker).get(url, query)
    assert response.status_code == 400
    assert set(response.json()) & {"period", "start", "end"}
