"""Single sign-on in a real browser: from Vangnet's sign-in page to the organisation's
OpenID Connect provider (a real provider process on loopback) and back, signed in."""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import LOCAL_HOSTS
from tests.factories import NetworkFactory, UserFactory
from tests.signin.conftest import configure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_through_the_organisations_provider(
    phone_page, live_server, oidc_provider, page_log
):
    page = phone_page
    # The provider's own page links a stylesheet on a CDN: nothing leaves this machine.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if urlsplit(route.request.url).hostname in LOCAL_HOSTS
            else route.abort()
        ),
    )
    network = NetworkFactory()
    worker = network.lead_worker
    worker.email = "ans@example.org"
    worker.save()
    admin = UserFactory(organisation=network.organisation, admin=True)
    configure(network.organisation, oidc_provider, admin)

    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("link", name="Inloggen via je organisatie").click()
    page.get_by_label("Code van je organisatie").fill("wijkwerk")
    with page.expect_navigation(url=f"{oidc_provider.issuer}/**"):
        page.get_by_role("button", name="Verder").click()
    page.get_by_placeholder("sub").fill("ans@example.org")
    with page.expect_navigation(url=f"{live_server.url}/"):
        page.get_by_role("button", name="Authorize").click()
    assert urlsplit(page.url).path == "/"
    assert "/inloggen/" not in page.url
    assert worker.first_name in page.content() or "Uitloggen" in page.content()
    assert [url for url in page_log.non_local() if "cdn" not in url] == []
