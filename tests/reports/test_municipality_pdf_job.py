"""The municipality report PDF is an export job: the worker makes the same document, with
the same disclosure protection, as the request used to; only who may see the report gets
the job, its progress page and its file; a bad period or area starts nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from tests.jobs.helpers import run_ready_tasks
from vangnet.audit.models import AuditEvent
from vangnet.exports.models import ExportJob, ExportKind, JobStatus
from vangnet.reports import views
from vangnet.reports.pdf import render_pdf

pytestmark = pytest.mark.django_db
URL = reverse("reports:municipality_pdf")


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def start(client, query: str) -> ExportJob | None:
    response = client.post(f"{URL}?{query}")
    if response.status_code != 302 or "/exports/" not in response["Location"]:
        return None
    return ExportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


@pytest.mark.parametrize("query", ["periode=2025-K2", "periode=2025&gebied=Noord"])
def test_the_jobs_pdf_has_the_same_figures_as_the_pdf_made_in_the_request(
    client, small_world, query
):
    user = small_world["municipality"]
    # The PDF as the request made it: the page's context, laid out there and then.
    request = RequestFactory().get(f"{URL}?{query}")
    request.user = user
    in_request = pdf_text(
        render_pdf("reports/municipality_pdf.html", views._municipality_context(request))
    )
    client.force_login(user)
    job = start(client, query)
    assert job is not None and job.kind == ExportKind.MUNICIPALITY_REPORT
    assert job.status == JobStatus.QUEUED
    run_ready_tasks()  # the worker's loop
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    text = pdf_text(bytes(job.file))
    assert text == in_request
    # The suppression ran in the worker: small counts hidden, no networks or people named.
    assert "< 5" in text and "Noord" in text
    for network in small_world["networks"].values():
        assert network.name not in text
    for person in small_world["people"]:
        assert person.display_name not in text


def test_the_job_is_audited_with_period_and_area(client, small_world, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    user = small_world["municipality"]
    client.force_login(user)
    job = start(client, "periode=2025-K2&gebied=Zuid")
    assert job is not None and job.params["query"] == {"periode": "2025-K2", "gebied": "Zuid"}
    event = AuditEvent.objects.get(object_type="reports.municipality")
    assert (event.action, event.detail, event.actor) == ("export", "2025-K2 Zuid", user)
    assert event.organisation == user.organisation
    client.get(reverse("exports:download", args=[job.pk]))
    assert AuditEvent.objects.filter(
        object_type="exports.exportjob", object_id=str(job.pk), detail__startswith="download"
    ).exists()


@pytest.mark.parametrize(
    "query",
    [
        "periode=1999-K9",
        "periode=2025-K2&gebied=Nergens",
        "periode=%00",
        "periode=" + "9" * 40,
        "gebied=<script>",
    ],
)
def test_bad_input_starts_no_job_and_says_why_in_dutch(client, small_world, query):
    client.force_login(small_world["municipality"])
    response = client.post(f"{URL}?{query}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reports:municipality"))
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Kies eerst een geldige periode en een geldig gebied."
    ]
    assert not ExportJob.objects.exists() and not DBTaskResult.objects.exists()


def test_a_get_starts_nothing(client, small_world):
    client.force_login(small_world["municipality"])
    response = client.get(URL, {"periode": "2025-K2"})
    assert response.status_code == 302 and not ExportJob.objects.exists()


def test_who_may_not_have_it_gets_no_job_page_or_file(client, small_world, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    official = small_world["municipality"]
    client.force_login(official)
    job = start(client, "periode=2025-K2")
    assert job is not None and job.available
    organisation = official.organisation
    strangers = [
        UserFactory(organisation=OrganisationFactory(), coordinator=True),
        UserFactory(organisation=OrganisationFactory(), municipality=True),
        UserFactory(organisation=organisation, network_helper=True),
        UserFactory(organisation=organisation, coordinator=True),  # may start their own
    ]
    for stranger in strangers:
        client.force_login(stranger)
        for name in ("exports:job", "exports:job_status", "exports:download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, stranger.role
    # A network helper (or a social worker) may not ask for it at all.
    for role in ("network_helper", "social_worker"):
        client.force_login(UserFactory(organisation=organisation, role=role))
        assert client.post(f"{URL}?periode=2025-K2").status_code == 403
    assert ExportJob.objects.count() == 1


def test_another_organisations_official_gets_only_their_own_report(client, small_world, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    elders = OrganisationFactory(name="Elders")
    NetworkFactory(organisation=elders, start_date=dt.date(2025, 1, 6))
    other = UserFactory(organisation=elders, municipality=True)
    client.force_login(other)
    job = start(client, "periode=2025")
    assert job is not None and job.organisation == other.organisation
    text = pdf_text(bytes(job.file))
    assert "Elders" in text and "Welzijn Klein" not in text and "Noord" not in text


def test_an_official_who_lost_the_role_gets_no_file(client, small_world, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    official = small_world["municipality"]
    client.force_login(official)
    job = start(client, "periode=2025-K2")
    type(official).objects.filter(pk=official.pk).update(role="evaluator")
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 403
