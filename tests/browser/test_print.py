"""Pages printed from the browser (the dashboard, the reports' pages): every sheet carries
its page number ("2 / 3"), and the printout says when it was made."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.browser.conftest import login_via_form
from tests.factories import NetworkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_printed_dashboard_has_page_numbers_and_the_date_made(phone_page, live_server):
    coordinator = UserFactory(coordinator=True)
    for index in range(12):  # enough rows for more than one sheet
        NetworkFactory(organisation=coordinator.organisation, name=f"Vangnetwerk {index:02d}")
    page = phone_page
    login_via_form(page, live_server, coordinator)
    page.goto(f"{live_server.url}/dashboard/")
    page.emulate_media(media="print")
    assert page.locator(".print-made").is_visible()
    assert not page.locator(".site-header").is_visible()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    sheets = len(pdf.pages)
    assert sheets > 1
    texts = [" ".join(sheet.extract_text().split()) for sheet in pdf.pages]
    for number, text in enumerate(texts, 1):
        assert f"{number} / {sheets}" in text, (number, text[-200:])
    assert "Gemaakt op" in texts[-1] and "met Vangnet" in texts[-1]
