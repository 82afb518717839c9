"""The report pages and PDFs: status, content, anonymity, audit, permissions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.exports.models import ExportJob
from vangnet.reports import views
from vangnet.reports.pdf import render_document

PERIOD = {"periode": "2025-K2"}


def document_text(document) -> str:
    """All text boxes of a laid-out WeasyPrint document."""
    parts: list[str] = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            text = getattr(box, "text", None)
            if isinstance(text, str):
                parts.append(text)
            stack.extend(reversed(getattr(box, "children", None) or []))
    return " ".join(parts)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def test_municipality_page_is_anonymous(client, small_world):
    client.force_login(small_world["municipality"])
    response = client.get(reverse("reports:municipality"), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt; 5" in html
    assert "Noord" in html and "Zuid" in html
    # No network names, no participant names, no links to network pages.
    for network in small_world["networks"].values():
        assert network.name not in html
        assert f"/netwerken/{network.pk}/" not in html
    for person in small_world["people"]:
        assert person.display_name not in html
    assert not re.search(r'href="/netwerken/', html)
    assert "<svg" in html


def test_bad_period_gives_the_form_again(client, small_world):
    client.force_login(small_world["municipality"])
    response = client.get(reverse("reports:municipality"), {"periode": "1999-K9", "gebied": "x"})
    assert response.status_code == 400
    assert "Periode" in response.content.decode()


def test_area_filter(client, small_world):
    client.force_login(small_world["municipality"])
    response = client.get(reverse("reports:municipality"), {**PERIOD, "gebied": "Noord"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gebied: Noord" in html


def test_municipality_pdf_is_a_job_recorded_and_anonymous(client, small_world, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    user = small_world["municipality"]
    client.force_login(user)
    response = client.post(reverse("reports:municipality_pdf") + "?periode=2025-K2")
    assert response.status_code == 302 and "/exports/" in response["Location"]
    job = ExportJob.objects.get()
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    assert "rapportage-gemeente-2025-K2.pdf" in download["Content-Disposition"]
    event = AuditEvent.objects.get(object_type="reports.municipality")
    assert event.action == "export"
    assert event.detail == "2025-K2"
    assert event.actor == user


def test_municipality_pdf_text(small_world):
    request = RequestFactory().get("/rapportages/gemeente/pdf/", PERIOD)
    request.user = small_world["municipality"]
    context = views._municipality_context(request)
    document = render_document("reports/municipality_pdf.html", context, request=request)
    assert len(document.pages) >= 1
    text = document_text(document)
    assert "Rapportage voor de gemeente" in text
    assert "< 5" in text
    assert "Noord" in text
    for network in small_world["networks"].values():
        assert network.name not in text
    for person in small_world["people"]:
        assert person.display_name not in text


def test_workers_and_coordinators(client, small_world):
    worker = small_world["networks"]["A"].lead_worker
    client.force_login(worker)
    assert client.get(reverse("reports:municipality")).status_code == 403
    assert client.get(reverse("reports:municipality_pdf")).status_code == 403
    client.force_login(small_world["coordinator"])
    assert client.get(reverse("reports:municipality"), PERIOD).status_code == 200


def test_municipality_viewer_cannot_open_network_pages(client, small_world):
    client.force_login(small_world["municipality"])
    network = small_world["networks"]["A"]
    assert client.get(reverse("reports:annual", args=[network.pk])).status_code in (403, 404)
    assert client.get(reverse("networks:detail", args=[network.pk])).status_code in (403, 404)


def test_annual_report_page(client, small_world):
    network = small_world["networks"]["A"]
    client.force_login(network.lead_worker)
    response = client.get(reverse("reports:annual", args=[network.pk]), {"jaar": "2025"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jaarverslag 2025" in html
    assert "<svg" in html
    for person in small_world["people"]:
        assert person.display_name not in html
    assert (
        client.get(reverse("reports:annual", args=[network.pk]), {"jaar": "x"}).status_code == 400
    )


def test_annual_report_pdf(client, small_world, settings):
    network = small_world["networks"]["A"]
    client.force_login(network.lead_worker)
    settings.VANGNET_EXPORTS_SYNC = True  # the PDF is an export job, run at once here
    response = client.post(reverse("reports:annual_pdf", args=[network.pk]) + "?jaar=2025")
    assert response.status_code == 302
    job_id = int(response["Location"].rstrip("/").split("/")[-1])
    download = client.get(reverse("exports:download", args=[job_id]))
    assert download.content.startswith(b"%PDF")
    assert f"jaarverslag-{network.pk}-2025.pdf" in download["Content-Disposition"]
    assert AuditEvent.objects.filter(object_type="reports.annual", action="export").exists()
    request = RequestFactory().get("/", {"jaar": "2025"})
    request.user = network.lead_worker
    context = views._annual_context(request, network.pk)
    text = document_text(render_document("reports/annual_pdf.html", context, request=request))
    assert "Jaarverslag 2025" in text
    assert "We kwamen" in text
    for person in small_world["people"]:
        assert person.display_name not in text


def test_annual_report_of_another_organisation_is_not_found(client, small_world):
    network = small_world["networks"]["A"]
    stranger = UserFactory()
    client.force_login(stranger)
    assert client.get(reverse("reports:annual", args=[network.pk])).status_code == 404


def test_network_page_section_links_to_the_annual_report(rf, small_world):
    from django.template import Context, Template

    network = small_world["networks"]["A"]
    template = Template("{% load reports_tags %}{% reports_network_section network %}")
    request = rf.get("/")
    request.user = network.lead_worker
    html = template.render(Context({"request": request, "network": network}))
    assert reverse("reports:annual", args=[network.pk]) in html
    request.user = small_world["municipality"]
    html = template.render(Context({"request": request, "network": network}))
    assert "jaarverslag" not in html


def test_a_municipality_viewer_after_a_coordinator_gets_the_suppressed_report_from_scratch(
    client, small_world, settings, django_capture_on_commit_callbacks
):
    """The grid's cache holds counts before suppression, shared by every viewer of the
    organisation; each response is suppressed for itself. After a coordinator (and a change
    of data) filled the cache, the municipality's page equals the one made without caches,
    small cells hidden."""
    from vangnet.networks.models import Attendance

    def look() -> str:
        with django_capture_on_commit_callbacks(execute=True):  # the cache is filled on commit
            response = client.get(reverse("reports:municipality"), PERIOD)
        assert response.status_code == 200
        return response.content.decode()

    client.force_login(small_world["coordinator"])
    look()
    Attendance.objects.filter(  # by a QuerySet: no service, no signal
        session__network=small_world["networks"]["B"], session__date__gt=dt.date(2025, 4, 30)
    ).delete()
    look()
    client.force_login(small_world["municipality"])
    cached = look()
    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 0
    cache.clear()
    fresh = look()

    def body(html: str) -> str:  # without the per-request token
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
        return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)

    assert "&lt; 5" in cached
    assert body(cached) == body(fresh)
