"""WCAG 2.1 A/AA checks with axe-core on the pages people use, filled with the demo data.

axe-core (vendored under tests/browser/vendor/axe-core, test-only) is evaluated in the page
through the DevTools protocol, so the application's Content-Security-Policy stays as strict
as in production. Every violation axe reports for the WCAG 2.0/2.1 A and AA rules fails
the test, with the rule, the impact and the first offending elements.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network
from vangnet.organisations.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    page.evaluate(AXE)
    # resultTypes: only the violations are collected in full (axe-core's option for large
    # pages; the passes and incomplete results are not read here).
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    found = []
    for violation in result["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:3]]
        found.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return found


@pytest.fixture
def demo(db):
    demo_generate(today=timezone.localdate(), progress=False)
    worker = User.objects.get(username="sociaalwerker")
    network = Network.objects.filter(lead_worker=worker).first()
    return {"worker": worker, "network": network}


def check_pages(page, live_server, paths: list[str]) -> list[str]:
    problems = []
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert page.url.endswith(path) or "?" in path, f"{path} redirected to {page.url}"
        problems += [f"{path}: {violation}" for violation in axe_violations(page)]
    return problems


def test_login_page_is_accessible(phone_page, live_server):
    assert check_pages(phone_page, live_server, ["/inloggen/"]) == []


def test_worker_pages_are_accessible(phone_page, live_server, demo):
    network, worker = demo["network"], demo["worker"]
    participant = network.participants.order_by("pk").first()
    login_via_form(phone_page, live_server, worker, password=content.DEMO_PASSWORD)
    phone_page.goto(f"{live_server.url}/netwerken/{network.pk}/deze-week/")
    session_path = phone_page.url.removeprefix(live_server.url)
    paths = [
        "/",
        f"/netwerken/{network.pk}/",
        session_path,
        f"/netwerken/{network.pk}/bijeenkomsten/",
        f"/deelnemers/netwerk/{network.pk}/",
        f"/deelnemers/{participant.pk}/",
        f"/deelnemers/{participant.pk}/wijzigen/",
        f"/logboek/{network.pk}/",
        f"/logboek/{network.pk}/nieuw/",
        f"/logboek/{network.pk}/balans/",
        f"/netwerken/{network.pk}/importeren/",
        f"/netwerken/{network.pk}/activiteiten/",
    ]
    assert check_pages(phone_page, live_server, paths) == []


def test_coordinator_and_admin_pages_are_accessible(phone_page, live_server, demo):
    network = demo["network"]
    login_via_form(
        phone_page,
        live_server,
        User.objects.get(username="coordinator"),
        password=content.DEMO_PASSWORD,
    )
    paths = ["/netwerken/", f"/netwerken/{network.pk}/", "/netwerken/nieuw/"]
    problems = check_pages(phone_page, live_server, paths)
    phone_page.context.clear_cookies()
    login_via_form(
        phone_page,
        live_server,
        User.objects.get(username="beheerder"),
        password=content.DEMO_PASSWORD,
    )
    problems += check_pages(phone_page, live_server, ["/organisatie/", "/audit/"])
    assert problems == []
