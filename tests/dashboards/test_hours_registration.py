"""Issue 14, item 9: "volgens plan" counted weeks without registered hours as zero hours.
A week nobody filled in is unknown; a registered 0 is a week without work. The plan is
judged on the registered weeks, and the pages say how complete the registration is."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.api.conftest import token_client
from tests.conftest import login
from tests.dashboards.factories import TODAY, hours, small_organisation
from tests.factories import UserFactory
from vangnet.dashboards.selectors import organisation_figures

pytestmark = pytest.mark.django_db

YEAR = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31), "today": TODAY}


@pytest.fixture
def small():
    return small_organisation()


def _rows(small):
    result = organisation_figures(organisation=small["organisation"], **YEAR)
    return {row.name: row for row in result.rows}, result.totals


def test_volgens_plan_counts_unregistered_weeks_as_zero_hours(small):
    # B Zuid registered 4 h in 2 of its 52 weeks: on plan for the weeks that are known.
    b = _rows(small)[0]["B Zuid"]
    assert (b.hours, b.registered_weeks, b.norm_weeks) == (Decimal(8), 2, 52)
    assert b.norm_hours == Decimal(8)
    assert b.hours_on_plan is True
    assert b.registration_share == pytest.approx(2 / 52)


def test_registered_zero_hours_count_as_a_week_below_the_norm(small):
    b_network = small["networks"]["b"]
    hours(b_network, small["workers"]["w2"], [dt.date(2025, 1, 20)], each="0")
    b = _rows(small)[0]["B Zuid"]
    assert (b.hours, b.registered_weeks, b.norm_hours) == (Decimal(8), 3, Decimal(12))
    assert b.hours_on_plan is False


def test_two_workers_in_one_week_count_as_one_registered_week(small):
    b_network = small["networks"]["b"]
    hours(b_network, small["workers"]["w1"], [dt.date(2025, 1, 6)], each="1")
    b = _rows(small)[0]["B Zuid"]
    assert (b.hours, b.registered_weeks) == (Decimal(9), 2)


def test_no_registered_week_gives_no_judgement_on_hours(small):
    from vangnet.planning.models import WorkerHours

    WorkerHours.objects.filter(network=small["networks"]["b"]).delete()
    rows, totals = _rows(small)
    b = rows["B Zuid"]
    assert (b.registered_weeks, b.norm_hours, b.hours_on_plan) == (0, Decimal(0), None)
    assert totals.registered_weeks == 51 and totals.norm_weeks == 103


def test_dashboard_and_api_show_the_registration_completeness(client, small):
    coordinator = UserFactory(organisation=small["organisation"], coordinator=True)
    html = (
        login(client, coordinator)
        .get(reverse("dashboards:organisation"), {"periode": "y2025"})
        .content.decode()
    )
    assert "2 van 52 weken ingevuld" in html
    assert "51 van 51 weken ingevuld" in html
    assert "53 van 103 weken ingevuld" in html
    data = (
        token_client(coordinator)
        .get(reverse("api:organisation_figures"), {"start": "2025-01-01", "end": "2025-12-31"})
        .json()
    )
    b = next(row for row in data["networks"] if row["name"] == "B Zuid")
    assert (b["registered_weeks"], b["norm_weeks"], b["norm_hours"]) == (2, 52, 8.0)
    assert b["hours_on_plan"] is True
    assert data["totals"]["registered_weeks"] == 53
    assert data["totals"]["registration_share"] == pytest.approx(53 / 103)
