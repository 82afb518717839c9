"""The organisation dashboard on a 360 px phone: the figures per network are cards (each
figure with its column's name), so neither the page nor the table scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login_via_form
from tests.browser.test_session_phone import serious_axe_violations
from tests.factories import NetworkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = """() => {
  const region = document.querySelector('.dash-figures').closest('.dash-scroll');
  return [document.documentElement.scrollWidth, region.scrollWidth, region.clientWidth];
}"""
LABELS = """() => Array.from(document.querySelectorAll('.dash-figures tbody tr:first-child td'))
  .map(td => getComputedStyle(td, '::before').content)"""


def test_dashboard_figures_are_cards_on_a_phone(phone_page, live_server):
    coordinator = UserFactory(coordinator=True)
    for index in range(3):
        NetworkFactory(organisation=coordinator.organisation, name=f"Vangnetwerk {index}")
    page = phone_page
    page.set_viewport_size({"width": 360, "height": 740})
    login_via_form(page, live_server, coordinator)
    page.goto(f"{live_server.url}/dashboard/")
    page_width, table_width, region_width = page.evaluate(WIDTHS)
    assert page_width <= 360 and table_width <= region_width, (page_width, table_width)
    labels = page.evaluate(LABELS)
    assert '"Opkomst"' in labels and '"Volgens plan?"' in labels, labels
    assert page.get_by_role("rowheader", name="Vangnetwerk 0").is_visible()
    assert serious_axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})  # a desktop keeps the table
    assert page.evaluate(LABELS)[0] in ("none", "normal")
