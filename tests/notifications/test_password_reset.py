"""Self-service password reset, end to end through a real SMTP server on loopback."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from tests.jobs.helpers import run_ready_tasks
from tests.notifications.conftest import body_html, body_text
from vangnet.notifications.models import MailLog

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "een-heel-nieuw-wachtwoord-42"


def test_reset_end_to_end_through_smtp(client, inbox):
    user = UserFactory(email="pieter@example.org", last_name="Jansen")
    response = client.post(reverse("password_reset"), {"email": "Pieter@Example.org "})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert inbox.messages == []  # queued as a job, not sent within the request
    run_ready_tasks()
    [message] = inbox.to("pieter@example.org")
    assert message["Subject"] == "Vangnet: nieuw wachtwoord instellen"
    text = body_text(message)
    assert "Jansen" not in text and "Medewerker" not in text and user.username not in text
    link = re.search(r"https://vangnet\.example\.org(/wachtwoord-vergeten/\S+/\S+/)", text)
    assert link and link.group(0) in body_html(message)
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200 and b"Nieuw wachtwoord kiezen" in page.content
    done = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302 and done.url == reverse("password_reset_complete")
    client.logout()
    signed_in = client.post(reverse("login"), {"username": user.username, "password": NEW_PASSWORD})
    assert signed_in.status_code == 302 and signed_in.url == reverse("home")
    # The link works once.
    again = client.get(link.group(1), follow=True)
    assert b"Deze link werkt niet (meer)" in again.content
    assert MailLog.objects.filter(kind="password_reset", status="sent").count() == 1


def test_the_same_answer_whether_or_not_the_address_exists(client, inbox):
    UserFactory(email="bestaat@example.org")
    known = client.post(reverse("password_reset"), {"email": "bestaat@example.org"})
    unknown = client.post(reverse("password_reset"), {"email": "onbekend@example.org"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    run_ready_tasks()
    assert len(inbox.messages) == 1
    assert inbox.to("bestaat@example.org")


def test_an_inactive_account_gets_no_mail(client, inbox):
    UserFactory(email="weg@example.org", is_active=False)
    client.post(reverse("password_reset"), {"email": "weg@example.org"})
    run_ready_tasks()
    assert inbox.messages == []


def test_requests_are_rate_limited_whatever_the_address(client, inbox, settings):
    settings.VANGNET_RATE_LIMITS = {**settings.VANGNET_RATE_LIMITS, "password_reset": "2/hour"}
    UserFactory(email="a@example.org")
    codes = [
        client.post(reverse("password_reset"), {"email": address}).status_code
        for address in ("a@example.org", "x@example.org", "y@example.org", "a@example.org")
    ]
    assert codes == [302, 302, 429, 429]
    last = client.post(reverse("password_reset"), {"email": "z@example.org"})
    assert last.status_code == 429 and last["Retry-After"]


def test_a_bad_address_is_a_dutch_message_not_an_error(client):
    response = client.post(reverse("password_reset"), {"email": "geen-adres"})
    assert response.status_code == 400
    assert "Dit is geen geldig e-mailadres." in response.content.decode()


def test_the_login_page_links_to_the_reset(client):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
