"""The data-subject export as PDF: same content, same permissions, audited."""

import contextlib
import re
import zlib

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory
from vangnet.audit.models import AuditEvent
from vangnet.privacy import pdf

pytestmark = pytest.mark.django_db


def pdf_objects(content: bytes) -> bytes:
    """The PDF's objects, with every Flate stream unpacked (WeasyPrint packs objects into
    compressed object streams): enough to see that it is a well-formed document."""
    parts = [content]
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", content, re.S):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(raw))
    return b"\n".join(parts)


def take_pdf(client, participant_id: int):
    """Ask for the PDF (an export job, run at once in these tests) and download it."""
    response = client.post(reverse("privacy:export_pdf", args=[participant_id]))
    if response.status_code != 302:
        return response
    job_id = int(response["Location"].rstrip("/").split("/")[-1])
    return client.get(reverse("exports:download", args=[job_id]))


@pytest.fixture(autouse=True)
def sync_exports(settings):
    settings.VANGNET_EXPORTS_SYNC = True


def test_export_pdf_opens_and_holds_the_person(worker_client, network, monkeypatch):
    rendered: list[str] = []
    real = pdf.render_pdf

    def spy(html, **kwargs):
        rendered.append(html)
        return real(html, **kwargs)

    monkeypatch.setattr(pdf, "render_pdf", spy)
    person = ParticipantFactory(
        network=network, display_name="Marietje", phone="06-12345678", notes="Houdt van soep."
    )
    response = take_pdf(worker_client, person.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert f'deelnemer-{person.pk}.pdf"' in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    assert response.content.rstrip().endswith(b"%%EOF")
    objects = pdf_objects(response.content)
    assert b"/Type /Catalog" in objects and b"/Type /Page" in objects
    # The text WeasyPrint laid out into that PDF (its streams are compressed).
    (html,) = rendered
    text = pdf.pdf_document_text(html)
    for expected in ("Marietje", "06-12345678", "Profiel", "Route", "Toestemmingen"):
        assert expected in text
    events = AuditEvent.objects.filter(action="export", object_id=str(person.pk), detail="pdf")
    assert events.count() == 1


def test_export_page_offers_the_pdf(worker_client, network):
    person = ParticipantFactory(network=network)
    page = worker_client.get(reverse("privacy:export", args=[person.pk])).content.decode()
    assert f'action="{reverse("privacy:export_pdf", args=[person.pk])}"' in page
    assert worker_client.get(reverse("privacy:export_pdf", args=[person.pk])).status_code == 302


def test_backup_worker_may_not_take_the_pdf(client, network):
    person = ParticipantFactory(network=network)
    client.force_login(network.backup_worker)
    assert client.post(reverse("privacy:export_pdf", args=[person.pk])).status_code == 403


def test_pdf_answers_as_the_html_export_for_every_role(client, world, monkeypatch):
    """The same matrix row as privacy:export (lead and admin only; others 403/404)."""
    monkeypatch.setattr(pdf, "render_pdf", lambda html, **kwargs: b"%PDF-")
    participant_id = world["participant"].pk
    for label, user in world["users"].items():
        client.force_login(user)
        html = client.get(reverse("privacy:export", args=[participant_id])).status_code
        pdf_status = take_pdf(client, participant_id).status_code
        assert pdf_status == html, label
        assert (pdf_status == 200) == (label in ("lead", "admin")), label
        if label.startswith("foreign"):
            assert pdf_status == 404, label
