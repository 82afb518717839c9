"""Playwright (sync API) driving Debian's Chromium against pytest-django's live_server.

Never downloads a browser: it uses /usr/bin/chromium (apt package `chromium`). Without it the
browser tests are skipped, except in CI (CI=true), where a missing browser is a failure.
Run: .venv/bin/pytest -m browser tests/browser -p no:randomly
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# database access from the test body ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from tests.factories import TEST_PASSWORD  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "locale": "nl-NL",
    "device_scale_factor": 2,
}


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    reason = (
        f"{CHROMIUM} not found: install Debian's chromium package to run the browser tests "
        "(a browser is never downloaded)"
    )
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _no_service_worker(settings):
    """Pages register no service worker here: its background requests (the screens it keeps)
    would run at the same time as the test's own, which SQLite's in-memory test database
    refuses ("table is locked"). tests/browser/test_offline.py switches it on."""
    settings.VANGNET_OFFLINE = False


@pytest.fixture(scope="session", autouse=True)
def _live_server_one_request_at_a_time():
    """The live server answers one request at a time. With SQLite's in-memory test database
    every server thread shares one connection, and two requests at once (a page and the
    section it loads with htmx, or the service worker's background fetch) could interleave
    on it and hang both threads for good. Browsers open several connections, so the server
    stays threaded; only the handling of a request is serialised."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    original = StaticFilesHandler.__call__
    lock = threading.Lock()

    def serialised(self, environ, start_response):
        with lock:
            return original(self, environ, start_response)

    StaticFilesHandler.__call__ = serialised
    yield
    StaticFilesHandler.__call__ = original


@pytest.fixture(scope="session")
def playwright_driver():
    """One Playwright driver for the whole test session: a second sync_playwright() while
    one runs fails ("Sync API inside the asyncio loop"), so tests that launch a browser of
    their own (a persistent profile, closed and opened again) use this one."""
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium_browser(playwright_driver):
    """One headless Chromium for the whole test session."""
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()


class PageLog:
    """Every request URL and console error of one page, to assert on afterwards."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.console_errors: list[str] = []

    def non_local(self) -> list[str]:
        hosts = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if parts.hostname not in LOCAL_HOSTS:
                hosts.append(url)
        return hosts


@pytest.fixture
def page_log() -> PageLog:
    return PageLog()


def _new_page(chromium_browser, live_server, page_log: PageLog, **options):
    context = chromium_browser.new_context(base_url=live_server.url, **{**PHONE, **options})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.on("request", lambda request: page_log.urls.append(request.url))
    page.on(
        "console",
        lambda message: (
            page_log.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: page_log.console_errors.append(str(error)))
    return context, page


@pytest.fixture
def phone_page(chromium_browser, live_server, page_log) -> Iterator:
    """A page in a phone-sized context (390x844, touch, nl-NL) against the live server."""
    context, page = _new_page(chromium_browser, live_server, page_log)
    yield page
    context.close()


@pytest.fixture
def phone_page_without_js(chromium_browser, live_server, page_log) -> Iterator:
    """The same phone, with JavaScript switched off (every page must work without it)."""
    context, page = _new_page(chromium_browser, live_server, page_log, java_script_enabled=False)
    yield page
    context.close()


# Can a thumb hit this element where it is now? Its centre must be inside the viewport and
# not covered (by the sticky save bar, for instance).
_REACHABLE = """el => {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2, y = r.top + r.height / 2;
  if (r.height === 0 || y < 0 || y > innerHeight || x < 0 || x > innerWidth) { return false; }
  const hit = document.elementFromPoint(x, y);
  if (!hit) { return false; }
  const labels = el.labels ? Array.from(el.labels) : [];
  return hit === el || el.contains(hit) || hit.contains(el) || labels.some(l => l.contains(hit));
}"""


class Interactions:
    """Clicks, taps, fills and the scrolls they need, counted: what a worker does with their
    thumbs. Before each action the target must be reachable where the page is; if not, that
    is one scroll: the worker reads on, so the target comes to the top of the screen (or as
    high as the page goes) and what follows it is in view for the next actions."""

    def __init__(self, page) -> None:
        self.page = page
        self.count = 0
        self.scrolls = 0
        self.log: list[str] = []

    def _note(self, what: str, target) -> None:
        self.count += 1
        self.log.append(f"{what} {target}")

    def _reach(self, locator) -> None:
        locator.wait_for(state="visible")
        if not locator.evaluate(_REACHABLE):
            self.scrolls += 1
            self._note("scroll to", locator)
            locator.evaluate("el => { el.scrollIntoView({block: 'start'}); scrollBy(0, -8); }")

    def tap(self, locator) -> None:
        self._reach(locator)
        self._note("tap", locator)
        locator.tap()

    def click(self, locator) -> None:
        self._reach(locator)
        self._note("click", locator)
        locator.click()

    def fill(self, locator, value: str) -> None:
        self._reach(locator)
        self._note("fill", locator)
        locator.fill(value)

    def choose(self, locator, value: str) -> None:
        """A native select on a phone: one tap opens the list, one tap chooses."""
        self._reach(locator)
        self._note("tap", locator)
        self._note("choose", value)
        locator.select_option(value)


@pytest.fixture
def interactions(phone_page) -> Interactions:
    return Interactions(phone_page)


def login_via_form(page, live_server, user, *, password: str = TEST_PASSWORD, interactions=None):
    """Log in through the real login form (username, password, button)."""
    act = interactions or Interactions(page)
    page.goto(f"{live_server.url}/inloggen/")
    act.fill(page.get_by_label("Gebruikersnaam"), user.username)
    act.fill(page.get_by_label("Wachtwoord"), password)
    with page.expect_navigation():
        act.click(page.get_by_role("button", name="Inloggen"))
    assert "/inloggen/" not in page.url, "login failed"
    return act
