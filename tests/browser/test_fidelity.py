"""The fidelity pages in a browser at 390x844, checked with axe (WCAG 2.1 A/AA) on the demo
data: the organisation page, a network's components, the weights page, the organisation
report with its fidelity section, and the network
page's section as htmx loads it."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations, check_pages
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network
from vangnet.organisations.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    demo_generate(today=timezone.localdate(), progress=False)
    worker = User.objects.get(username="sociaalwerker")
    return {"network": Network.objects.filter(lead_worker=worker).first()}


def test_fidelity_pages_are_accessible_and_the_section_loads(phone_page, live_server, demo):
    network = demo["network"]
    login_via_form(
        phone_page,
        live_server,
        User.objects.get(username="coordinator"),
        password=content.DEMO_PASSWORD,
    )
    paths = [
        "/methodetrouw/",
        f"/methodetrouw/netwerk/{network.pk}/",
        "/methodetrouw/gewichten/",
        "/dashboard/rapport/",
    ]
    problems = check_pages(phone_page, live_server, paths)
    phone_page.goto(f"{live_server.url}/methodetrouw/")
    assert phone_page.locator("table tbody tr").count() >= 1
    phone_page.goto(f"{live_server.url}/netwerken/{network.pk}/")
    section = phone_page.locator("#fidelity-section")
    section.locator("table").wait_for()  # htmx replaced the link with the components
    assert "Checklist elementen" in section.inner_text()
    problems += [f"network page: {violation}" for violation in axe_violations(phone_page)]
    assert problems == []


def test_weights_page_refuses_a_wrong_total(phone_page, live_server, demo):
    login_via_form(
        phone_page,
        live_server,
        User.objects.get(username="coordinator"),
        password=content.DEMO_PASSWORD,
    )
    phone_page.goto(f"{live_server.url}/methodetrouw/gewichten/")
    phone_page.get_by_label("Checklist elementen").fill("50")
    phone_page.get_by_role("button", name="Opslaan").click()
    expect(phone_page.locator("main")).to_contain_text("samen 100")
    phone_page.get_by_label("Checklist elementen").fill("30")
    phone_page.get_by_label("Fasen volgens plan").fill("0")
    phone_page.get_by_role("button", name="Opslaan").click()
    phone_page.wait_for_url(f"{live_server.url}/methodetrouw/")
    assert "Checklist elementen: 30" in phone_page.content()
