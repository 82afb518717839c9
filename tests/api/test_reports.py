"""Report endpoints: the same figures as the dashboard and the municipality report, for the
roles that may see them; hidden (suppressed) figures never carry a value."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import token_client
from tests.factories import ParticipantFactory, SessionFactory, UserFactory
from vangnet.dashboards.selectors import organisation_figures
from vangnet.networks.models import Attendance
from vangnet.reports.periods import year_period
from vangnet.reports.selectors import municipality_figures


@pytest.fixture
def attended(network):
    people = [ParticipantFactory(network=network) for _ in range(3)]
    for week in range(4):
        session = SessionFactory(
            network=network, date=dt.date(2025, 2, 5) + dt.timedelta(weeks=week), recorded=True
        )
        for person in people:
            Attendance.objects.create(session=session, participant=person)
    return people


def test_organisation_figures_match_the_dashboard(coordinator, network, attended):
    api = token_client(coordinator)
    response = api.get(
        reverse("api:organisation_figures"), {"start": "2025-01-01", "end": "2025-12-31"}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    figures = organisation_figures(
        organisation=network.organisation,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        today=timezone.localdate(),
    )
    assert data["totals"]["sessions"] == figures.totals.sessions == 4
    assert data["totals"]["reached"] == figures.totals.reached == 3
    assert [row["network_id"] for row in data["networks"]] == [network.pk]
    assert attended[0].display_name not in str(data)


@pytest.mark.parametrize(
    "query",
    [
        {"start": "2025-02-30"},
        {"start": "1999-01-01"},
        {"start": "2025-05-01", "end": "2025-01-01"},
        {"start": "2000-01-01", "end": "2099-01-01"},
    ],
)
def test_organisation_figures_refuse_bad_periods(coordinator, query):
    response = token_client(coordinator).get(reverse("api:organisation_figures"), query)
    assert response.status_code == 400
    assert set(response.json()) & {"start", "end"}


def test_municipality_figures_hide_small_counts(organisation, network, attended):
    viewer = UserFactory(organisation=organisation, municipality=True)
    api = token_client(viewer)
    response = api.get(reverse("api:municipality_figures"), {"period": "2025"})
    assert response.status_code == 200, response.content
    data = response.json()
    report = municipality_figures(
        organisation=organisation,
        start=year_period(2025).start,
        end=year_period(2025).end,
        today=timezone.localdate(),
    )
    assert data["period"] == "2025" and data["k"] == report.k
    # One network: fewer than VANGNET_MIN_NETWORKS_PER_AREA, so no area rows, only the total.
    assert data["people"]["cells"] == [] and data["areas"] == []
    reached = data["people"]["column_totals"][0]
    assert report.people.column_totals[0].hidden  # 3 people < k = 5
    assert reached == {"value": None, "hidden": "primary", "text": "< 5"}
    assert data["sessions_total"] == 4
    assert data["attendance_total"]["hidden"] == "primary"  # average of 3 people
    assert attended[0].display_name not in str(data)


@pytest.mark.parametrize(
    "query", [{"period": "2025-K5"}, {"period": "1800"}, {"period": "2999"}, {"area": "Nergens"}]
)
def test_municipality_figures_refuse_bad_input(organisation, network, query):
    viewer = UserFactory(organisation=organisation, municipality=True)
    response = token_client(viewer).get(reverse("api:municipality_figures"), query)
    assert response.status_code == 400
    assert set(response.json()) & {"period", "area"}


def test_workers_may_not_see_the_reports(worker):
    api = token_client(worker)
    assert api.get(reverse("api:organisation_figures")).status_code == 403
    assert api.get(reverse("api:municipality_figures")).status_code == 403
