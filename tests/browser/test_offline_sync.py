"""Saving the session screen when the phone is online but Vangnet cannot be reached
("lie-fi": the request fails, or a gateway answers 502), and the "Bedoel je ...?" question
for a newcomer's name that waited on the phone. No mark is lost, no person made twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from tests.browser.test_session_phone import serious_axe_violations
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance
from vangnet.participants.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTBOX_COUNT = """new Promise(r => { const q = indexedDB.open('vangnet-offline');
  q.onsuccess = () => { const t = q.result.transaction('outbox').objectStore('outbox').count();
  t.onsuccess = () => r(t.result); }; })"""
STATUS = "/netwerken/offline/status/"


@pytest.fixture
def screen(live_server):
    network = NetworkFactory(start_date=timezone.localdate() - dt.timedelta(days=28))
    people = [
        ParticipantFactory(network=network, display_name=name) for name in ("Anna", "Bram", "Ria")
    ]
    session = SessionFactory(network=network, date=timezone.localdate())
    earlier = SessionFactory(network=network, date=session.date - dt.timedelta(days=7))
    Attendance.objects.bulk_create(Attendance(session=earlier, participant=p) for p in people)
    return session, people, f"/netwerken/{network.pk}/bijeenkomsten/{session.pk}/"


def _names(session) -> list[str]:
    return sorted(
        Attendance.objects.filter(session=session).values_list(
            "participant__display_name", flat=True
        )
    )


def _status(page):
    return page.locator("[data-offline-status]")


def _cut_off(page, url: str, how: str):
    """Saving and sending do not reach Vangnet (the screen's POST, the sending of what
    waits, the status it asks first); pages and files still do."""

    def unreachable(address: str) -> bool:
        path = "/" + address.split("/", 3)[-1]
        return path in (url, url + "versturen/") or path.startswith(STATUS)

    def handle(route):
        if route.request.method == "GET" and STATUS not in route.request.url:
            route.continue_()
        elif how == "abort":
            route.abort("connectionreset")
        else:
            route.fulfill(status=502, body="Bad Gateway", content_type="text/plain")

    page.route(unreachable, handle)
    return unreachable


def _back(page, matcher) -> None:
    """Vangnet answers again; the phone notices at its next try (here: at once)."""
    page.unroute(matcher)
    page.evaluate("window.dispatchEvent(new Event('online'))")


@pytest.mark.parametrize("how", ["abort", "502"])
def test_save_without_reaching_vangnet_is_kept_and_sent_later(
    phone_page, page_log, live_server, screen, how
):
    session, people, url = screen
    page = phone_page
    login_via_form(page, live_server, session.network.lead_worker)
    page.goto(url)
    cut = _cut_off(page, url, how)
    page.locator(f"#present-{people[0].pk}").check()
    page.locator(f"#present-{people[1].pk}").check()
    page.get_by_role("button", name="Opslaan").click()
    status = _status(page)
    status.get_by_text("Vangnet is nu niet bereikbaar").wait_for()
    assert "2 wijzigingen nog niet verstuurd" in status.inner_text()
    assert page.url.endswith(url) and page.locator("form.session-form").is_visible()
    assert _names(session) == []
    assert page.evaluate(OUTBOX_COUNT) == 1
    assert serious_axe_violations(page) == []
    # A change after the failed save is kept too (the screen reloads once it is sent).
    page.locator(f"#present-{people[2].pk}").check()
    status.get_by_text("3 wijzigingen nog niet verstuurd").wait_for()

    _back(page, cut)
    _status(page).get_by_text("Verstuurd: alles").wait_for(timeout=30_000)
    assert _names(session) == ["Anna", "Bram", "Ria"]
    assert page.evaluate(OUTBOX_COUNT) == 0
    page.reload()  # nothing is sent twice
    assert Attendance.objects.filter(session=session).count() == 3
    assert not [e for e in page_log.console_errors if "TypeError" in e or "ReferenceError" in e]


def test_online_save_still_says_what_followed(phone_page, live_server, screen):
    session, people, url = screen
    page = phone_page
    login_via_form(page, live_server, session.network.lead_worker)
    page.goto(url)
    page.locator(f"#present-{people[0].pk}").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Opgeslagen: 1 aanwezig.").is_visible()
    assert _names(session) == ["Anna"]
    # A name like a known one: the screen asks (nothing saved), as without JavaScript.
    page.get_by_label("Nieuw vandaag").fill("ria")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.locator("[data-newcomer-question]").is_visible()
    assert _names(session) == ["Anna"]


def test_newcomer_typed_without_reaching_vangnet_is_asked_about(
    phone_page, page_log, live_server, screen
):
    session, people, url = screen
    ria = people[2]
    page = phone_page
    login_via_form(page, live_server, session.network.lead_worker)
    page.goto(url)
    cut = _cut_off(page, url, "abort")
    page.locator(f"#present-{people[0].pk}").check()
    page.get_by_label("Nieuw vandaag").fill("ria, Zeynep")
    page.get_by_role("button", name="Opslaan").click()
    _status(page).get_by_text("Vangnet is nu niet bereikbaar").wait_for()

    _back(page, cut)
    question = page.locator(".offline-report .newcomer-question")
    question.wait_for(timeout=30_000)
    assert "Wie bedoel je?" in question.inner_text()
    assert _names(session) == ["Anna", "Zeynep"]  # ria waits for the worker's choice
    assert serious_axe_violations(page) == []
    question.get_by_label("Bedoel je Ria (sinds", exact=False).check()
    question.get_by_role("button", name="Kies").click()
    page.locator(".offline-report").wait_for(state="detached", timeout=30_000)
    _status(page).get_by_text("Verstuurd: alles").wait_for(timeout=30_000)
    assert _names(session) == ["Anna", "Ria", "Zeynep"]
    assert Participant.objects.filter(display_name__iexact="ria").count() == 1
    assert Attendance.objects.filter(session=session, participant=ria).count() == 1
