import datetime as dt
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from vangnet.exports.models import ExportJob
from vangnet.planning.models import PlanningSettings, WorkerHours

PLAN = {
    "participants": "31",
    "activity_hours": "3,5",
    "activities": "1",
    "weeks": "78",
    "activity_budget": "1000",
    "location": "rent",
    "rent_per_month": "100",
    "replacement_weeks": "4",
    "hourly_rate": "",
}


def test_plan_page_shows_defaults(client, coordinator, network):
    response = login(client, coordinator).get(reverse("planning:network_plan", args=[network.pk]))
    assert response.status_code == 200
    assert response.context["budget"].staffing.hours_per_week == Decimal(4)


def test_plan_page_calculates(client, coordinator, network):
    url = reverse("planning:network_plan", args=[network.pk])
    response = login(client, coordinator).get(url, PLAN)
    budget = response.context["budget"]
    assert budget.staffing.second_worker
    assert budget.staffing.hours_per_week == Decimal(10)  # 4 + 1 (longer) + 1 (size) + 4
    assert budget.rent_total == Decimal(1800)
    assert "planning:network_plan_pdf" not in response.content.decode()


def test_plan_uses_the_organisation_threshold(client, coordinator, network):
    PlanningSettings.objects.create(organisation=network.organisation, second_worker_above=20)
    url = reverse("planning:network_plan", args=[network.pk])
    response = login(client, coordinator).get(url, {**PLAN, "participants": "21"})
    assert response.context["budget"].staffing.second_worker


def test_plan_bad_input_shows_errors(client, coordinator, network):
    url = reverse("planning:network_plan", args=[network.pk])
    bad = {**PLAN, "participants": "veel", "rent_per_month": ""}
    response = login(client, coordinator).get(url, bad)
    assert response.status_code == 200
    assert response.context["budget"] is None
    assert "participants" in response.context["form"].errors
    assert "rent_per_month" in response.context["form"].errors


def test_plan_pdf_is_a_job(client, coordinator, network, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    url = reverse("planning:network_plan_pdf", args=[network.pk])
    login(client, coordinator)
    assert client.get(url, PLAN).status_code == 302  # GET: back to the plan, no job
    assert not ExportJob.objects.exists()
    response = client.post(url + "?" + urlencode(PLAN))
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("exports:job", args=[job.pk])
    assert job.params["query"]["participants"] == "31"
    response = client.get(reverse("exports:download", args=[job.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_plan_pdf_with_bad_input_redirects_without_a_job(client, coordinator, network):
    url = reverse("planning:network_plan_pdf", args=[network.pk])
    response = login(client, coordinator).post(url + "?participants=-1")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("planning:network_plan", args=[network.pk]))
    assert not ExportJob.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Verbeter eerst de fouten in het plan." in page


def test_plan_of_other_organisation_is_404(client, coordinator):
    other = NetworkFactory(organisation=OrganisationFactory())
    response = login(client, coordinator).get(reverse("planning:network_plan", args=[other.pk]))
    assert response.status_code == 404


def test_worker_records_hours(worker_client, worker, network):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    last = monday - dt.timedelta(weeks=1)
    url = reverse("planning:hours", args=[network.pk])
    response = worker_client.post(url, {f"week_{last.isoformat()}": "4,5"})
    assert response.status_code == 302
    row = WorkerHours.objects.get(network=network, worker=worker)
    assert row.hours == Decimal("4.5") and row.week_start == last
    # Emptying the field removes the week.
    worker_client.post(url, {f"week_{last.isoformat()}": ""})
    assert not WorkerHours.objects.exists()


def test_hours_bad_input(worker_client, network):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    url = reverse("planning:hours", args=[network.pk])
    response = worker_client.post(url, {f"week_{monday.isoformat()}": "900"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not WorkerHours.objects.exists()


def test_coordinator_cannot_record_hours(client, coordinator, network):
    response = login(client, coordinator).get(reverse("planning:hours", args=[network.pk]))
    assert response.status_code == 403


def test_settings(client, org_admin, organisation):
    url = reverse("planning:settings")
    login(client, org_admin)
    assert client.post(url, {"second_worker_above": "0"}).status_code == 200
    assert not PlanningSettings.objects.exists()
    assert client.post(url, {"second_worker_above": "20"}).status_code == 302
    assert PlanningSettings.objects.get(organisation=organisation).second_worker_above == 20


@pytest.mark.parametrize("role", ["coordinator", "social_worker"])
def test_settings_needs_manage_organisation(client, organisation, role):
    user = UserFactory(organisation=organisation, role=role)
    assert login(client, user).get(reverse("planning:settings")).status_code == 403
