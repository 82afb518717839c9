"""A social worker records a new version of the group's house rules on a phone; the network
page shows them, and the house rules pages pass axe (WCAG 2.1 A/AA) with the demo data."""

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.houserules.models import HouseRules
from vangnet.networks.models import Network
from vangnet.organisations.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_record_house_rules_and_see_them_on_the_network_page(phone_page, live_server, page_log):
    from tests.browser.test_accessibility import check_pages

    demo_generate(today=timezone.localdate(), progress=False)
    worker = User.objects.get(username="sociaalwerker")
    network = Network.objects.filter(lead_worker=worker).first()
    versions = HouseRules.objects.filter(network=network).count()
    page = phone_page
    login_via_form(page, live_server, worker, password=content.DEMO_PASSWORD)

    page.goto(f"{live_server.url}/netwerken/{network.pk}/")
    section = page.locator("section", has=page.locator("#houserules-heading"))
    assert section.get_by_text("We laten elkaar uitpraten.").is_visible()
    section.get_by_role("link", name="Nieuwe versie vastleggen").click()
    rules = page.get_by_label("Huisregels")
    rules.fill(rules.input_value() + "\nWe vieren samen verjaardagen.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("De huisregels zijn opgeslagen.").is_visible()
    assert HouseRules.objects.filter(network=network).count() == versions + 1
    page.goto(f"{live_server.url}/netwerken/{network.pk}/")
    assert section.get_by_text("We vieren samen verjaardagen.").is_visible()

    paths = [
        f"/huisregels/netwerk/{network.pk}/",
        f"/huisregels/netwerk/{network.pk}/nieuw/",
        f"/evaluatie/{network.pk}/checklist/nieuw/",
    ]
    assert check_pages(page, live_server, paths) == []
    assert not page_log.console_errors, page_log.console_errors
    assert not page_log.non_local(), page_log.non_local()
