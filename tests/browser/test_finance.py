"""A social worker records an expense with a photo of the receipt on a phone, sees the
balance change, and the money pages pass axe (WCAG 2.1 A/AA) with the demo data."""

import pytest
from django.utils import timezone

from tests.authz.finance import PNG_BYTES
from tests.browser.conftest import login_via_form
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.finance.models import MoneyEntry
from vangnet.networks.models import Network
from vangnet.organisations.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_an_expense_with_a_receipt_and_pages_are_accessible(
    phone_page, live_server, page_log
):
    from tests.browser.test_accessibility import check_pages

    demo_generate(today=timezone.localdate(), progress=False)
    worker = User.objects.get(username="sociaalwerker")
    network = Network.objects.filter(lead_worker=worker).first()
    page = phone_page
    login_via_form(page, live_server, worker, password=content.DEMO_PASSWORD)

    page.goto(f"{live_server.url}/netwerken/{network.pk}/")
    page.get_by_role("link", name="Uitgaven en inkomsten").click()
    before = MoneyEntry.objects.filter(network=network).count()
    page.get_by_role("link", name="Uitgave of inkomsten toevoegen").click()
    page.get_by_label("uitgave", exact=True).check()
    page.get_by_label("Categorie").select_option("materials")
    page.get_by_label("Bedrag (euro)").fill("-4")
    page.get_by_label("Omschrijving").fill("Verf en kwasten")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Een bedrag is groter dan 0").first.is_visible()
    assert MoneyEntry.objects.filter(network=network).count() == before

    page.get_by_label("Bedrag (euro)").fill("18,75")
    page.get_by_label("Bon (foto of PDF, hoogstens 5 MB)").set_input_files(
        {"name": "bon.png", "mimeType": "image/png", "buffer": PNG_BYTES}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("cell", name="Verf en kwasten", exact=True).is_visible(), page.locator(
        "main"
    ).inner_text()
    entry = MoneyEntry.objects.get(network=network, description="Verf en kwasten")
    assert str(entry.amount) == "18.75" and entry.receipt_type == "image/png"
    response = page.request.get(f"{live_server.url}/geld/netwerk/{network.pk}/post/{entry.pk}/bon/")
    assert response.status == 200 and response.body() == PNG_BYTES

    paths = [
        "/geld/",
        f"/geld/netwerk/{network.pk}/",
        f"/geld/netwerk/{network.pk}/nieuw/",
        f"/geld/netwerk/{network.pk}/post/{entry.pk}/",
        f"/planning/netwerk/{network.pk}/",
        f"/netwerken/{network.pk}/",
    ]
    assert check_pages(page, live_server, paths) == []
    # The refused amount answered 400 on purpose (the form again, with its message).
    errors = [e for e in page_log.console_errors if "status of 400" not in e]
    assert not errors, errors
    assert not page_log.non_local(), page_log.non_local()
