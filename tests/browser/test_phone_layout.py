"""Phone first, measured in the browser on the demo data: the main pages of each role never
scroll sideways at 360 px, every SVG chart's text renders at 12 px or more on a 390 px
phone, and the sociogram can be worked with the keyboard.

Run: .venv/bin/pytest -m browser tests/browser/test_phone_layout.py -p no:randomly
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network
from vangnet.organisations.models import User
from vangnet.support.models import NetworkMap

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 360, "height": 740}
PHONE = {"width": 390, "height": 844}
MIN_TEXT_PX = 12
MAIN = "svg.sociogram:not(.sociogram-small)"
DESKTOP = {"width": 1280, "height": 900}
# Set to a folder (docs/img) to write the screenshots of docs/phone-first.md.
SHOTS = os.environ.get("VANGNET_SCREENSHOTS", "")

# The rendered size of every visible SVG text: its font size times the scale of the drawing.
SMALLEST_TEXTS = """() => {
  const found = [];
  for (const text of document.querySelectorAll('svg text')) {
    if (!text.checkVisibility() || text.getBoundingClientRect().width === 0) continue;
    const matrix = text.getScreenCTM();
    if (!matrix) continue;
    const px = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(matrix.a, matrix.b);
    const chart = text.closest('svg').getAttribute('class') || '';
    found.push([Math.round(px * 10) / 10, chart + ': ' + text.textContent.trim().slice(0, 24)]);
  }
  return found.sort((a, b) => a[0] - b[0]).slice(0, 3);
}"""


@pytest.fixture
def demo(db):
    demo_generate(today=timezone.localdate(), progress=False)
    worker = User.objects.get(username="sociaalwerker")
    return {"worker": worker, "network": Network.objects.filter(lead_worker=worker).first()}


def _screenshots(page, name: str) -> None:
    """The page on a phone and on a desktop, for the docs (when VANGNET_SCREENSHOTS is set)."""
    if not SHOTS:
        return
    Path(SHOTS).mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(Path(SHOTS) / f"{name}-phone.png"), scale="css")
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(Path(SHOTS) / f"{name}-desktop.png"), scale="css")


def _problems(page, live_server, paths: list[str], shots: dict[str, str] | None = None):
    problems = []
    for path in paths:
        page.set_viewport_size(NARROW)
        page.goto(f"{live_server.url}{path}")
        problems += _open_page_problems(page, path, (shots or {}).get(path))
    return problems


def _open_page_problems(page, path: str, shot: str | None = None) -> list[str]:
    """The open page (loaded at 360 px) scrolls no wider than 360 px, and its chart text is
    12 px or more at 390 px; the viewport is left at 390 px."""
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        problems.append(f"{path}: page is {width} px wide at 360 px")
    page.set_viewport_size(PHONE)
    for size, where in page.evaluate(SMALLEST_TEXTS):
        if size < MIN_TEXT_PX - 0.05:
            problems.append(f"{path}: chart text at {size} px ({where})")
    if shot:
        _screenshots(page, shot)
    return problems


def _login(page, live_server, username: str) -> None:
    page.context.clear_cookies()
    login_via_form(
        page, live_server, User.objects.get(username=username), password=content.DEMO_PASSWORD
    )


def test_main_pages_of_every_role_fit_a_phone_with_readable_charts(phone_page, live_server, demo):
    network = demo["network"]
    participant = network.participants.order_by("pk").first()
    mapped = NetworkMap.objects.filter(participant__network=network).first()
    n = network.pk
    worker_paths = [
        "/",
        f"/netwerken/{n}/",
        f"/netwerken/{n}/bijeenkomsten/",
        f"/netwerken/{n}/activiteiten/",
        f"/deelnemers/netwerk/{n}/",
        f"/deelnemers/{participant.pk}/",
        f"/logboek/{n}/",
        f"/steun/{n}/",
        f"/steun/{n}/sociogram/",
        f"/planning/netwerk/{n}/",
        f"/vragenlijsten/uitkomsten/{n}/",
        "/evaluaties/",
        "/deelnemers/partners/",
    ]
    if mapped is not None:
        worker_paths.append(f"/steun/deelnemer/{mapped.participant_id}/kaart/")
    problems = []
    _login(phone_page, live_server, "sociaalwerker")
    problems += _problems(
        phone_page,
        live_server,
        worker_paths,
        {"/": "home-worker", f"/netwerken/{n}/": "network", f"/steun/{n}/sociogram/": "sociogram"},
    )
    _login(phone_page, live_server, "coordinator")
    problems += _problems(
        phone_page,
        live_server,
        ["/", "/dashboard/", "/netwerken/", f"/netwerken/{n}/", "/evaluatiegesprekken/themas/"],
        {"/": "home-coordinator", "/dashboard/": "dashboard"},
    )
    _login(phone_page, live_server, "evaluator")
    problems += _problems(phone_page, live_server, ["/", "/evaluaties/"], {"/": "home-evaluator"})
    _login(phone_page, live_server, "beheerder")
    problems += _problems(
        phone_page,
        live_server,
        ["/", "/organisatie/", "/audit/", "/privacy/beveiliging/"],
        {"/": "home-admin"},
    )
    _login(phone_page, live_server, "gemeente")
    problems += _problems(phone_page, live_server, ["/rapportages/gemeente/"])
    assert problems == []


def test_sociogram_by_keyboard_list_and_filters(phone_page, live_server, demo):
    page = phone_page
    network = demo["network"]
    _login(page, live_server, "sociaalwerker")
    page.goto(f"{live_server.url}/steun/{network.pk}/sociogram/")
    summary = page.locator("[data-sociogram-summary]")
    assert page.locator("[data-sociogram-tools]").is_visible()
    # Keyboard: a person's dot takes the focus (tabindex 0); Enter chooses them.
    node = page.locator(f"{MAIN} .node[role=button]").first
    name = node.get_attribute("data-name")
    node.focus()
    page.keyboard.press("Enter")
    assert node.get_attribute("aria-pressed") == "true"
    assert name in summary.inner_text()
    assert page.locator(f"{MAIN}.has-focus").count() == 1
    related = page.locator(f"{MAIN} .tie.is-related").count()
    # Escape lets go: everyone is shown again.
    page.keyboard.press("Escape")
    assert node.get_attribute("aria-pressed") == "false"
    assert page.locator(f"{MAIN}.has-focus").count() == 0
    # The list chooses the same person; switching a kind of support off hides its ties.
    page.select_option("#sociogram-person", node.get_attribute("data-node"))
    assert node.get_attribute("aria-pressed") == "true"
    assert page.locator(f"{MAIN} .tie.is-related").count() == related
    for box in page.locator("[data-sociogram-kind]").all():
        box.uncheck()
    assert page.locator(f"{MAIN} .tie.is-related").count() == 0
    assert page.locator(f"{MAIN} .tie:not(.is-hidden)").count() == 0
    # Finding a name marks it.
    page.select_option("#sociogram-person", "")
    page.fill("#sociogram-find", name)
    assert page.locator(f'svg.sociogram .node.is-match[data-name="{name}"]').count() == 1
    # One period of the small pictures, at once (no new page): only its ties, its figures.
    page.fill("#sociogram-find", "")
    for box in page.locator("[data-sociogram-kind]").all():
        box.check()
    url = page.url
    option = page.locator("#sociogram-period option").nth(1)
    index, ties = option.get_attribute("value"), option.get_attribute("data-ties")
    page.select_option("#sociogram-period", index)
    assert page.url == url
    marks = page.locator(f"{MAIN} .tie").evaluate_all(
        "ties => ties.map(t => t.getAttribute('data-periods'))"
    )
    in_period = [m for m in marks if index in [t.split(":")[0] for t in (m or "").split()]]
    assert 0 < len(in_period) < len(marks)
    assert page.locator(f"{MAIN} .tie:not(.is-hidden)").count() == len(in_period)
    assert page.locator('[data-figure="ties"]').inner_text() == ties
    assert page.locator("[data-sociogram-heading]").inner_text().startswith(option.inner_text())
    absent = page.locator(f"{MAIN} .node.is-absent").count()
    people_in_period = page.locator(f'{MAIN} .node[data-in~="{index}"]').count()
    assert absent == page.locator(f"{MAIN} .node[data-in]").count() - people_in_period
    page.select_option("#sociogram-period", "")
    assert page.locator(f"{MAIN} .node.is-absent").count() == 0
    assert axe_violations(page) == []


# Links the crawl never follows: downloads, sign-out, the language switch, API documents.
CRAWL_SKIP = (
    "uitloggen",
    "pdf",
    "csv",
    "xlsx",
    "formaat=",
    "download",
    ".ics",
    "/api/",
    "taal",
)
CRAWL_LIMIT = 40  # pages per role, breadth first from the home page


def _page_kind(path: str) -> str:
    """The URL name a path resolves to (the same template for every id), else the path."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(path).view_name
    except Resolver404:
        return path


def _crawl(page, live_server, limit: int) -> list[str]:
    """Breadth first over the same-site links from the home page: per page the width at
    360 px and the chart text at 390 px (every page, loaded once), and axe-core's WCAG A/AA
    findings on the first page of each kind (URL name): the same template with other ids
    adds little to what tests/browser/test_staff_pages.py already checks."""
    from urllib.parse import urlsplit

    from playwright.sync_api import Error as PlaywrightError

    problems: list[str] = []
    seen: set[str] = set()
    axed: set[str] = set()
    queue = [f"{live_server.url}/"]
    host = urlsplit(live_server.url).netloc
    while queue and len(seen) < limit:
        url = queue.pop(0)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen:
            continue
        seen.add(path)
        page.set_viewport_size(NARROW)
        try:
            response = page.goto(url)
        except PlaywrightError as error:  # a link that turned out to be a download
            if "Download is starting" in str(error):
                continue
            raise
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            continue
        problems += _open_page_problems(page, path)
        kind = _page_kind(parts.path)
        if kind not in axed:  # axe-core once per kind of page: most of the crawl's time
            axed.add(kind)
            problems += [f"{path}: {violation}" for violation in axe_violations(page)]
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            href = href.split("#")[0]
            if urlsplit(href).netloc != host or any(skip in href for skip in CRAWL_SKIP):
                continue
            if href not in queue:
                queue.append(href)
    return problems


@pytest.mark.parametrize(
    "username",
    [
        "sociaalwerker",
        "achterwacht",
        "coordinator",
        "evaluator",
        "beheerder",
        "gemeente",
        "onderzoeker",
        "vrijwilliger",
    ],
)
def test_every_page_a_role_reaches_fits_reads_and_passes_axe(
    phone_page, live_server, demo, username
):
    _login(phone_page, live_server, username)
    problems = _crawl(phone_page, live_server, CRAWL_LIMIT)
    assert problems == [], "\n".join(problems)
