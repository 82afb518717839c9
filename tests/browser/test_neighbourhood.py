"""A social worker records on a phone what this week's Speelgoedpunt produced for the
neighbourhood (guests, toy parcels, partners), in the folded section of the session
screen; a negative number gets a clear Dutch message and saves nothing; the network page
shows the result. The session screen with the section open, the yearly page and the
network page pass axe (WCAG 2.1 A/AA) with the demo data."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations, check_pages
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.neighbourhood.models import NeighbourhoodOutput, OutputItem
from vangnet.networks.models import Network
from vangnet.organisations.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_what_the_speelgoedpunt_produced_on_a_phone(phone_page, live_server, page_log):
    demo_generate(today=timezone.localdate(), progress=False)
    worker = User.objects.get(username="sociaalwerker2")
    network = Network.objects.get(lead_worker=worker, name="Creaclub en Speelgoedpunt")
    page = phone_page
    login_via_form(page, live_server, worker, password=content.DEMO_PASSWORD)

    page.goto(live_server.url + reverse("networks:session_current", args=[network.pk]))
    section = page.locator("[data-buurt-section]")
    expect(section).to_be_visible()
    expect(section.get_by_label("Gasten uit de buurt")).to_be_hidden()  # folded
    section.locator("summary").click()
    rows = section.locator(".buurt-item")
    last = rows.nth(rows.count() - 1)  # the empty row under what is stored

    # A negative number: a Dutch message at the field, the section open, nothing saved.
    section.get_by_label("Gasten uit de buurt").fill("-4")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    section = page.locator("[data-buurt-section]")
    expect(
        section.get_by_text("Vul bij gasten een aantal van 0 tot en met 500 in.")
    ).to_be_visible()
    assert not OutputItem.objects.filter(description="houten treintjes").exists()

    section.get_by_label("Gasten uit de buurt").fill("7")
    rows = section.locator(".buurt-item")
    last = rows.nth(rows.count() - 1)
    last.get_by_label("Aantal").fill("3")
    last.get_by_label("Wat", exact=True).select_option("made")
    last.get_by_label("Wat precies").fill("houten treintjes")
    section.get_by_label("Andere partner").fill("Speeltuin De Bolderik, Bibliotheek Noord")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Opgeslagen:").first).to_be_visible()
    item = OutputItem.objects.select_related("output").get(description="houten treintjes")
    assert (item.number, item.output.guests) == (3, 7)
    assert item.output.partners.filter(name="Bibliotheek Noord").exists()
    summary = page.locator("[data-buurt-section] summary")
    expect(summary).to_contain_text("7 gasten")
    expect(summary).to_contain_text("3 houten treintjes")

    page.locator("[data-buurt-section] summary").click()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/netwerken/{network.pk}/")
    buurt = page.locator("section", has=page.locator("#buurt-heading"))
    expect(buurt).to_contain_text("houten treintjes")
    expect(buurt).to_contain_text("Bibliotheek Noord")
    assert NeighbourhoodOutput.objects.filter(session__network=network).count() > 1

    paths = [f"/netwerken/{network.pk}/", f"/buurt/netwerk/{network.pk}/"]
    assert check_pages(page, live_server, paths) == []
    # The refused save answered 400 on purpose (the fetch, then the form shown again).
    errors = [e for e in page_log.console_errors if "status of 400" not in e]
    assert not errors, errors
    assert not page_log.non_local(), page_log.non_local()
