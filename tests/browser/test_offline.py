"""The session screen without a connection, on a phone, in a real (headless) Chromium.

After one online visit the service worker keeps this week's and last week's session screens;
marks made offline stay on the device (through a reload and a closed browser) and are sent
through the merge-safe save when the connection is back: each exactly once. A save that
cannot be made whole says what was not saved and why; logging out removes what was kept.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, login_via_form
from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.privacy.services import person_erase

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
NAMES = ["Anna", "Bram", "Carla", "Dirk", "Els", "Fenna"]

STORED_SCREENS = """async () => {
  const cache = await caches.open("vangnet-screens");
  return (await cache.keys()).map(r => new URL(r.url).pathname);
}"""
NO_NETWORK = "fetch('/healthz').then(() => false, () => true)"
CONTROLLED = "navigator.serviceWorker.controller !== null"
STORED_NOTHING = """async () => {
  const names = await caches.keys();
  const dbs = indexedDB.databases ? await indexedDB.databases() : [];
  const workers = await navigator.serviceWorker.getRegistrations();
  return {caches: names, dbs: dbs.map(d => d.name), workers: workers.length};
}"""


@pytest.fixture(autouse=True)
def _service_worker(settings):
    settings.VANGNET_OFFLINE = True


@pytest.fixture
def week():
    today = timezone.localdate()
    network = NetworkFactory(start_date=today - dt.timedelta(days=28))
    ActivityFactory(
        network=network,
        name="Lunch",
        weekday=today.weekday(),
        tasks=["koken", "afwassen"],
        active_from=network.start_date,
    )
    people = [ParticipantFactory(network=network, display_name=name) for name in NAMES]
    earlier = SessionFactory(network=network, date=today - dt.timedelta(days=7), recorded=True)
    Attendance.objects.bulk_create(Attendance(session=earlier, participant=p) for p in people)
    return network, people


def _this_week(network) -> Session:
    """This week's session, generated when the phone first asked which screens to keep."""
    deadline = time.monotonic() + 30
    while True:
        session = Session.objects.filter(network=network, date=timezone.localdate()).first()
        if session is not None or time.monotonic() > deadline:
            assert session is not None, "the phone never asked for its screens"
            return session
        time.sleep(0.2)


def _screen_url(session) -> str:
    return f"/netwerken/{session.network_id}/bijeenkomsten/{session.pk}/"


def _open_and_keep(page, live_server, network):
    """Sign in, open the home page and the session screen online; wait until the phone
    keeps the screen and the service worker controls the page."""
    login_via_form(page, live_server, network.lead_worker)
    _poll(page, CONTROLLED, bool)
    session = _this_week(network)
    url = _screen_url(session)
    # The whole refresh is done (no request of the worker's still under way).
    _poll(page, "localStorage.getItem('vangnet-offline-refreshed')", bool, seconds=30)
    stored = page.evaluate(STORED_SCREENS)
    assert url in stored and all("/bijeenkomsten/" in path for path in stored), stored
    page.goto(url)
    _poll(page, CONTROLLED, bool)
    return session


def _poll(page, script, done, seconds=15.0):
    """Evaluate `script` (it may return a promise) until `done(result)`."""
    deadline = time.monotonic() + seconds
    while True:
        result = page.evaluate(script)
        if done(result) or time.monotonic() > deadline:
            return result
        page.wait_for_timeout(200)


def _status(page):
    return page.locator("[data-offline-status]")


def _axe(page) -> None:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    bad = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not bad, bad


def _present(session) -> list[int]:
    return sorted(Attendance.objects.filter(session=session).values_list("participant", flat=True))


def test_offline_marks_survive_reload_and_closed_browser(
    live_server, week, tmp_path, page_log, playwright_driver
):
    network, people = week
    profile = tmp_path / "profile"
    playwright = playwright_driver

    def phone(offline: bool = False):
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            base_url=live_server.url,
            offline=offline,
            **PHONE,
        )
        context.set_default_timeout(15_000)
        page = context.pages[0] if context.pages else context.new_page()
        page.on("request", lambda request: page_log.urls.append(request.url))
        return context, page

    context, page = phone()
    session = _open_and_keep(page, live_server, network)
    context.set_offline(True)

    # Offline: two people present, one with a contribution, then save.
    page.locator(f"#present-{people[0].pk}").check()
    page.locator(f"#present-{people[1].pk}").check()
    page.get_by_role("button", name="Opslaan").click()
    _status(page).get_by_text("2 wijzigingen nog niet verstuurd").wait_for()
    assert _present(session) == []

    # Reloaded without a connection: the stored screen, with the marks made.
    page.reload()
    assert page.evaluate(NO_NETWORK), "the service worker must be offline too"
    assert page.locator(f"#present-{people[0].pk}").is_checked()
    assert page.locator(f"#present-{people[1].pk}").is_checked()
    assert not page.locator(f"#present-{people[2].pk}").is_checked()
    page.locator(f"#present-{people[2].pk}").check()  # kept without pressing save
    _status(page).get_by_text("3 wijzigingen nog niet verstuurd").wait_for()
    _axe(page)
    context.close()  # the browser is closed while still offline
    assert _present(session) == []

    context, page = phone(offline=False)  # opened again later, with a connection
    page.goto("/")
    _status(page).get_by_text("Verstuurd: alles").wait_for(timeout=30_000)
    assert _present(session) == sorted(p.pk for p in people[:3])
    _axe(page)
    page.goto(_screen_url(session))  # nothing is sent twice
    page.reload()
    assert _present(session) == sorted(p.pk for p in people[:3])
    assert Attendance.objects.filter(session=session).count() == 3
    assert (
        page.evaluate(
            "new Promise(r => { const q = indexedDB.open('vangnet-offline');"
            " q.onsuccess = () => { const t = q.result.transaction('outbox')"
            ".objectStore('outbox').count(); t.onsuccess = () => r(t.result); }; })"
        )
        == 0
    )
    context.close()
    assert not page_log.non_local()


def test_offline_save_merges_with_an_online_save_in_between(phone_page, live_server, week):
    network, people = week
    page = phone_page
    session = _open_and_keep(page, live_server, network)
    page.context.set_offline(True)
    # Offline, another page says so and lists the kept screens; "deze week" opens the kept one.
    page.goto("/netwerken/")
    assert page.get_by_role("heading", name="Je bent offline").is_visible()
    _axe(page)
    page.goto(f"/netwerken/{network.pk}/deze-week/")
    page.wait_for_url(f"**{_screen_url(session)}")
    page.locator(f"#present-{people[0].pk}").check()
    page.get_by_role("button", name="Opslaan").click()
    _status(page).get_by_text("1 wijziging nog niet verstuurd").wait_for()
    # Meanwhile the backup worker saves online: someone else present, one contribution.
    session_record_attendance(
        session=Session.objects.get(pk=session.pk),
        marks=AttendanceMarks.build([people[1].pk], [(people[2].pk, "koken")]),
        note="",
        base_marks=AttendanceMarks(),
        base_note="",
        base_version=0,
        recorded_by=network.backup_worker,
    )
    page.context.set_offline(False)
    _status(page).get_by_text("Verstuurd: alles").wait_for(timeout=30_000)
    assert _present(session) == sorted(p.pk for p in people[:3])
    assert Contribution.objects.filter(session=session).count() == 1
    # The screen shows the merged state after sending.
    page.locator(f"#present-{people[1].pk}:checked").wait_for()
    assert page.locator(f"#present-{people[0].pk}").is_checked()


def test_what_could_not_be_saved_is_reported(phone_page, live_server, week):
    network, people = week
    page = phone_page
    session = _open_and_keep(page, live_server, network)
    page.context.set_offline(True)
    for person in people[:3]:
        page.locator(f"#present-{person.pk}").check()
    page.get_by_role("button", name="Opslaan").click()
    _status(page).get_by_text("3 wijzigingen nog niet verstuurd").wait_for()
    person_erase(participant=people[1], actor=network.lead_worker)  # erased meanwhile

    page.context.set_offline(False)
    report = page.locator(".offline-report")
    report.wait_for(timeout=30_000)
    text = report.inner_text()
    assert "Bram is intussen uit Vangnet gewist" in text, text
    assert _present(session) == sorted([people[0].pk, people[2].pk])
    _axe(page)
    report.get_by_role("button", name="Begrepen").click()
    page.locator(".offline-report").wait_for(state="detached")


def test_removed_session_reports_what_was_not_saved(phone_page, live_server, week):
    network, people = week
    page = phone_page
    session = _open_and_keep(page, live_server, network)
    page.context.set_offline(True)
    page.locator(f"#present-{people[4].pk}").check()
    page.get_by_role("button", name="Opslaan").click()
    _status(page).get_by_text("1 wijziging nog niet verstuurd").wait_for()
    Session.objects.filter(pk=session.pk).delete()
    page.context.set_offline(False)
    report = page.locator(".offline-report")
    report.wait_for(timeout=30_000)
    text = report.inner_text()
    assert "is er niet meer" in text and "Els: aanwezig" in text, text
    assert not Attendance.objects.filter(participant=people[4], session__date=session.date)


def test_logout_removes_everything_kept(phone_page, live_server, week):
    network, _people = week
    page = phone_page
    _open_and_keep(page, live_server, network)
    kept = page.evaluate(STORED_NOTHING)
    assert "vangnet-screens" in kept["caches"] and kept["workers"] == 1
    page.locator("[data-site-menu] summary").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/inloggen/**")
    left = page.evaluate(STORED_NOTHING)
    assert left == {"caches": [], "dbs": [], "workers": 0}, json.dumps(left)


def test_signed_out_phone_forgets_the_screens(phone_page, live_server, week):
    """The server session ended (expired, or ended elsewhere): the next page the phone
    opens finds it signed out and removes the stored screens."""
    network, _people = week
    page = phone_page
    _open_and_keep(page, live_server, network)
    page.context.clear_cookies()
    page.goto("/")  # to the sign-in page
    left = _poll(page, "caches.keys()", lambda names: "vangnet-screens" not in names)
    assert "vangnet-screens" not in left
