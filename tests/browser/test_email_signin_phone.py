"""The pages of sign-in by e-mail link on a phone (390x844): choosing the address in the
space, asking a link on the sign-in page, the link's button page and a refused link. axe-core
finds no WCAG A/AA violation, no page scrolls sideways at 320px, and the link signs in."""

import datetime as dt
import secrets

import pytest
from django.utils import timezone

from tests.browser.test_accessibility import axe_violations
from tests.factories import ParticipantFactory
from tests.myspace.conftest import PIN, activate
from vangnet.myspace.email_models import EmailLink, SignInEmail
from vangnet.myspace.email_signin import token_hash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, problems: list) -> None:
    problems += axe_violations(page)
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 700})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_email_signin_pages_on_a_phone(phone_page, live_server, network):
    anna = ParticipantFactory(network=network, display_name="Anna", email="anna@example.org")
    account = activate(anna, actor=network.lead_worker)
    page, problems = phone_page, []

    page.goto(f"{live_server.url}/mijn/inloggen/")
    page.get_by_label("Je nummer").fill(account.number)
    page.get_by_label("Je pincode").fill(PIN)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen", exact=True).tap()
    with page.expect_navigation():
        page.get_by_role("link", name="Inloggen met e-mail").tap()
    _check(page, problems)
    assert page.get_by_label("Je e-mailadres").input_value() == "anna@example.org"
    with page.expect_navigation():
        page.get_by_role("button", name="Stuur een mail om te testen").tap()
    assert "We stuurden een mail naar anna@example.org" in page.content()
    _check(page, problems)
    SignInEmail.objects.filter(account=account).update(confirmed_at=timezone.now())

    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").tap()
    _check(page, problems)
    page.get_by_label("Je e-mailadres").fill("anna@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Stuur mij een inloglink").tap()
    assert "Als dit adres bij ons bekend is" in page.content()
    _check(page, problems)

    token = secrets.token_urlsafe(32)
    EmailLink.objects.create(
        account=account,
        purpose="signin",
        token_hash=token_hash(token),
        expires_at=timezone.now() + dt.timedelta(minutes=30),
    )
    page.goto(f"{live_server.url}/mijn/link/{token}/")
    _check(page, problems)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").tap()
    assert page.url.endswith("/mijn/") and "Hoi Anna" in page.content()
    page.goto(f"{live_server.url}/mijn/link/{token}/")
    assert "Deze link is al gebruikt." in page.content()
    _check(page, problems)
    assert problems == []
