"""The model of coherence in a browser at 390x844 on the demo data: the coordinator opens
the overview of all networks from the evaluation page, follows one network to its whole
model, chooses a period and opens the table; the worker finds the figure on their
network's evaluation page. Checked with axe and for chart text of 12 px or more."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_phone_layout import MIN_TEXT_PX, SMALLEST_TEXTS
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network
from vangnet.organisations.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(db):
    demo_generate(today=timezone.localdate(), progress=False)
    worker = User.objects.get(username="sociaalwerker")
    return {"worker": worker, "network": Network.objects.filter(lead_worker=worker).first()}


def _small_text(page) -> list:
    return [item for item in page.evaluate(SMALLEST_TEXTS) if item[0] < MIN_TEXT_PX - 0.05]


def test_coordinator_walks_from_all_networks_to_one_model(phone_page, live_server, demo):
    page = phone_page
    coordinator = User.objects.get(username="coordinator")
    login_via_form(page, live_server, coordinator, password=content.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/evaluaties/")
    page.get_by_role("link", name="Model van samenhang").click()
    page.wait_for_url(f"{live_server.url}/evaluatie/samenhang/")
    strips = page.locator("svg.coherence-strip")
    assert strips.count() == Network.objects.filter(organisation=coordinator.organisation).count()
    problems = [f"all: {v}" for v in axe_violations(page)] + _small_text(page)

    network = demo["network"]
    page.get_by_role("link", name=network.name, exact=True).first.click()
    page.wait_for_url(f"{live_server.url}/evaluatie/{network.pk}/samenhang/")
    figure = page.locator("svg.coherence-chart")
    assert "Hoofddoel" in figure.inner_html()
    assert figure.locator("circle.mark").count() == 9
    problems += [f"network: {v}" for v in axe_violations(page)] + _small_text(page)

    page.get_by_label("Van", exact=True).fill(f"{network.start_date:%Y-%m-%d}")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url(f"**/samenhang/?van={network.start_date:%Y-%m-%d}*")
    page.get_by_text("Model van samenhang als tabel").click()
    table = page.locator("table.coherence-table")
    assert table.is_visible()
    assert "Bouwsteen 1" in table.inner_text() and "Hoofddoel" in table.inner_text()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page is {width} px wide"
    assert problems == []


def test_worker_sees_the_model_on_the_evaluation_page(phone_page, live_server, demo):
    page = phone_page
    network = demo["network"]
    login_via_form(page, live_server, demo["worker"], password=content.DEMO_PASSWORD)
    page.goto(f"{live_server.url}/evaluatie/{network.pk}/")
    section = page.locator("section", has=page.locator("#coherence-heading"))
    assert section.locator("svg.coherence-chart").count() == 1
    assert "Wat je ziet" in section.inner_text()
    assert _small_text(page) == []
    section.get_by_role("link", name="Een andere periode kiezen").click()
    page.wait_for_url(f"{live_server.url}/evaluatie/{network.pk}/samenhang/")
