"""The API documentation works in a real browser under the site's CSP: Swagger UI starts,
shows the operations, loads nothing from another host and logs no (CSP) error."""

import pytest

from tests.browser.conftest import _new_page, login_via_form
from tests.factories import NetworkFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def desktop_page(chromium_browser, live_server, page_log):
    context, page = _new_page(
        chromium_browser, live_server, page_log, viewport={"width": 1280, "height": 900}
    )
    yield page
    context.close()


def test_swagger_ui_runs_under_the_csp(desktop_page, live_server, page_log):
    page = desktop_page
    network = NetworkFactory()
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert "Vangnet API" in page.locator(".swagger-ui .info .title").inner_text()
    page.locator(".opblock-summary-path", has_text="/api/networks/").first.wait_for()
    assert page_log.non_local() == []
    assert page_log.console_errors == []


def test_api_docs_have_no_accessibility_findings(desktop_page, live_server):
    from tests.browser.test_accessibility import axe_violations

    page = desktop_page
    network = NetworkFactory()
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".opblock-summary-path", has_text="/api/networks/").first.wait_for()
    assert axe_violations(page) == []
    # An operation opened: its parameters and responses pass too.
    page.locator(".opblock-summary-control").first.click()
    page.locator(".opblock.is-open .opblock-body").first.wait_for()
    assert axe_violations(page) == []
