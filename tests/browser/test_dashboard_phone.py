"""The organisation dashboard on a 360 px phone: the figures and the phases per network are
cards (each figure with its column's name), so neither the page nor a table scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login_via_form
from tests.browser.test_session_phone import serious_axe_violations
from tests.factories import NetworkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = """(table) => {
  const region = document.querySelector(table).closest('.dash-scroll');
  return [document.documentElement.scrollWidth, region.scrollWidth, region.clientWidth];
}"""
LABELS = """(table) => Array.from(document.querySelectorAll(table + ' tbody tr:first-child td'))
  .map(td => getComputedStyle(td, '::before').content)"""
FIGURES, PHASES = ".dash-figures", ".dash-details .dash-cards"


def test_dashboard_figures_are_cards_on_a_phone(phone_page, live_server):
    coordinator = UserFactory(coordinator=True)
    for index in range(3):
        NetworkFactory(organisation=coordinator.organisation, name=f"Vangnetwerk {index}")
    page = phone_page
    page.set_viewport_size({"width": 360, "height": 740})
    login_via_form(page, live_server, coordinator)
    page.goto(f"{live_server.url}/dashboard/")
    page_width, table_width, region_width = page.evaluate(WIDTHS, FIGURES)
    assert page_width <= 360 and table_width <= region_width, (page_width, table_width)
    labels = page.evaluate(LABELS, FIGURES)
    assert '"Opkomst"' in labels and '"Volgens plan?"' in labels, labels
    page.get_by_text("Fasen als tabel").click()
    page_width, table_width, region_width = page.evaluate(WIDTHS, PHASES)
    assert page_width <= 360 and table_width <= region_width, (page_width, table_width)
    assert '"Fase nu"' in page.evaluate(LABELS, PHASES)
    # The figures table's row header names the network (and its location).
    assert page.locator(FIGURES).get_by_role("rowheader", name="Vangnetwerk 0").is_visible()
    assert serious_axe_violations(page) == []
    page.set_viewport_size({"width": 1280, "height": 900})  # a desktop keeps the table
    assert page.evaluate(LABELS, FIGURES)[0] in ("none", "normal")
    assert page.evaluate(LABELS, PHASES)[0] in ("none", "normal")
