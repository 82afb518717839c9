"""The worker's pages that show what a participant or client changed themselves (issue 16
part 4) on a phone: the participant page with *Zelf aangepast*, the client's map with the
consent history per person and the client's consent page. axe-core finds no WCAG A/AA
violation and no page scrolls sideways at 320 or 390 px."""

import datetime as dt

import pytest

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.factories import ParticipantFactory
from vangnet.privacy.services import consent_set_by_participant
from vangnet.support import contact_services, map_services
from vangnet.support.models import Client

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _check(page, problems: list) -> None:
    problems += axe_violations(page)
    for width in (320, 390):
        page.set_viewport_size({"width": width, "height": 700})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def test_self_made_marks_on_the_workers_pages(phone_page, live_server, network):
    worker = network.lead_worker
    anna = ParticipantFactory(network=network, display_name="Anna")
    consent_set_by_participant(participant=anna, kind="research_export", given=False)
    kees = Client.objects.create(
        organisation=network.organisation, display_name="Kees", worker=worker
    )
    wave = map_services.map_wave_create(client=kees, wave_date=dt.date(2025, 3, 1), actor=worker)
    mother = map_services.alter_add(
        network_map=wave, name="Moeder", kind="relative", consent="yes", actor=worker
    )
    contact_services.alter_set_consent(alter=mother, consent="no", actor=None, by_person=True)
    consent_set_by_participant(client=kees, kind="contact_relatives", given=False)
    page, problems = phone_page, []
    login_via_form(page, live_server, worker)

    page.goto(f"{live_server.url}/deelnemers/{anna.pk}/")
    assert "Toestemming Onderzoeksexport: nee" in page.locator(".self-changes").inner_text()
    _check(page, problems)
    page.goto(f"{live_server.url}/steun/clienten/{kees.pk}/kaart/")
    page.locator("summary", has_text="Eerdere keuzes").first.click()
    assert "door cliënt zelf" in page.locator(".consent-history").first.inner_text()
    _check(page, problems)
    with page.expect_navigation():
        page.get_by_role("link", name="Toestemmingen").first.click()
    assert "Contact met naasten: nee" in page.locator(".consent-now").inner_text()
    _check(page, problems)
    assert problems == []
