"""Every page of Mijn Vangnet, walked in a browser: axe-core finds no WCAG A/AA violation,
and no page scrolls sideways at 320 CSS px wide, with text at 200% at 320 px, nor at 200%
zoom (the checks: tests/browser/reflow.py).

The pages come from tests/myspace/pages.py, which sorts every name in myspace/urls.py by who
sees it; each test below fails if a page of its list was not walked, and
test_every_address_is_sorted fails if urls.py has a name no list mentions.

The worker's pages of Mijn Vangnet (the card, the switches, tablet mode) are checked the
same way, text at 200% included; tests/browser/test_staff_pages.py walks every other staff
page.
"""

from __future__ import annotations

import datetime as dt
import secrets

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import PHONE, login_via_form
from tests.browser.reflow import reflow_problems
from tests.factories import ActivityFactory, ParticipantFactory, UserFactory
from tests.myspace import pages
from tests.myspace.conftest import PIN, activate
from tests.myspace.test_contacts import _client_with_map
from tests.myspace.test_member_check import _shown_report
from tests.myspace.test_questionnaire import _started
from vangnet.myspace import client_services, services
from vangnet.myspace.email_models import EmailLink, SignInEmail
from vangnet.myspace.email_signin import token_hash
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.networks.sessions.schedule_services import sessions_generate_from_schedule
from vangnet.support import map_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKER_PIN = "73915"


class Walk:
    """The pages walked and what was found on them."""

    def __init__(self) -> None:
        self.walked: set[str] = set()
        self.problems: list[str] = []

    def check(self, page, name: str) -> None:
        self.walked.add(name)
        where = f"{name} {page.url.split('/', 3)[-1]}"
        self.problems += reflow_problems(page, where)
        page.set_viewport_size(PHONE["viewport"])

    def visit(self, page, base: str, name: str, *args, query: str = "", status=200) -> None:
        answer = page.goto(base + reverse(f"myspace:{name}", args=args) + query)
        assert answer is not None and answer.status == status, f"{name}: {answer and answer.status}"
        assert page.url.split("?")[0].endswith(reverse(f"myspace:{name}", args=args)), page.url
        self.check(page, name)


def _phone(chromium_browser, live_server):
    context = chromium_browser.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def world(network):
    """Anna (a participant with a group, a questionnaire, a report and a map) and Kees (a
    network-support client with a map and a goal), both with an account."""
    worker = network.lead_worker
    organisation = network.organisation
    organisation.absence_reasons = ["ziek", "werk"]
    organisation.save(update_fields=["absence_reasons"])
    today = timezone.localdate()
    network.start_date = today - dt.timedelta(weeks=2)
    network.save(update_fields=["start_date"])
    ActivityFactory(
        network=network,
        name="Lunch",
        weekday=(today + dt.timedelta(days=1)).weekday(),
        start_time=dt.time(11, 30),
        duration_minutes=90,
        active_from=network.start_date,
    )
    anna = ParticipantFactory(
        network=network,
        display_name="Anna",
        email="anna@example.org",
        wishes=["tuinieren"],
        talents=["fietsen maken"],
    )
    sessions_generate_from_schedule(network=network, until=today + dt.timedelta(weeks=4))
    for past in Session.objects.filter(network=network, date__lt=today):
        Attendance.objects.create(session=past, participant=anna)
        Contribution.objects.create(session=past, participant=anna, task="koffie zetten")
    response, _first, _second = _started(anna, worker)
    _shown_report(anna)
    network_map = map_services.map_wave_create(
        participant=anna, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    map_services.alter_add(
        network_map=network_map, name="Zus", kind="relative", consent="yes", actor=worker
    )
    anna_account = activate(anna, actor=worker)
    kees, _mother = _client_with_map(worker)
    goal = client_services.goal_add(client=kees, text="een eigen woning")
    client_services.goal_rate(goal=goal, score=4, day=today - dt.timedelta(days=30))
    client_services.goal_rate(goal=goal, score=6, day=today)
    kees_account = activate(None, actor=worker, client=kees)
    return {
        "network": network,
        "worker": worker,
        "anna": anna,
        "anna_account": anna_account,
        "response": response,
        "kees": kees,
        "kees_account": kees_account,
    }


def _sign_in(page, base: str, account) -> None:
    page.goto(base + reverse("myspace:signin"))
    page.get_by_label("Je nummer").fill(account.number)
    page.get_by_label("Je pincode").fill(PIN)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen", exact=True).tap()
    assert page.url.endswith(reverse("myspace:home")), page.url


def test_every_address_is_sorted():
    assert pages.unlisted() == set()
    assert not set(pages.NOT_A_PAGE) & (pages.FOR_PARTICIPANTS | pages.WORKER)


def test_participant_pages(chromium_browser, live_server, world):
    context, page = _phone(chromium_browser, live_server)
    base, walk = live_server.url, Walk()
    _sign_in(page, base, world["anna_account"])
    for name in sorted(pages.PARTICIPANT - {"questionnaire_fill"}):
        walk.visit(page, base, name)
    # The report with the form for corrections open.
    walk.visit(page, base, "reports")
    page.locator("summary", has_text="Er moet iets anders").tap()
    walk.check(page, "reports")
    # The questionnaire, one question at a time, then the thanks.
    response = world["response"]
    walk.visit(page, base, "questionnaire_fill", response.pk)
    page.locator("input[name$=_now][value='7']").check()
    page.locator("input[name$=_then][value='3']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende vraag").tap()
    walk.check(page, "questionnaire_fill")
    page.locator("input[type=radio][value='8']").first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Klaar").tap()
    assert page.url.endswith("?stap=klaar")
    walk.check(page, "questionnaire_fill")
    context.close()
    assert pages.PARTICIPANT - walk.walked == set()
    assert walk.problems == []


def test_client_pages(chromium_browser, live_server, world):
    context, page = _phone(chromium_browser, live_server)
    base, walk = live_server.url, Walk()
    _sign_in(page, base, world["kees_account"])
    for name in sorted(pages.CLIENT):
        walk.visit(page, base, name)
    # A goal without words: the page with the message.
    walk.visit(page, base, "goals")
    with page.expect_navigation():
        page.get_by_role("button", name="Zet erbij").tap()
    assert "Schrijf je doel op" in page.content()
    walk.check(page, "goals")
    context.close()
    assert pages.CLIENT - walk.walked == set()
    assert walk.problems == []


def test_signed_out_pages(chromium_browser, live_server, world):
    context, page = _phone(chromium_browser, live_server)
    base, walk = live_server.url, Walk()
    account = world["anna_account"]
    SignInEmail.objects.create(
        account=account, email="anna@example.org", confirmed_at=timezone.now()
    )
    walk.visit(page, base, "signin")
    page.get_by_label("Je e-mailadres").fill("anna@example.org")
    with page.expect_navigation():
        page.get_by_role("button", name="Stuur mij een inloglink").tap()
    assert page.url.endswith(reverse("myspace:email_link_request"))
    walk.check(page, "email_link_request")
    token = secrets.token_urlsafe(32)
    EmailLink.objects.create(
        account=account,
        purpose="signin",
        token_hash=token_hash(token),
        expires_at=timezone.now() + dt.timedelta(minutes=30),
    )
    walk.visit(page, base, "email_link", token)
    walk.visit(page, base, "email_link", "niet-bestaand", status=400)  # the refused link
    # A new card: the code, then choosing the PIN.
    new = services.code_create(actor=world["worker"], participant=world["anna"])
    walk.visit(page, base, "activate")
    page.get_by_label("Je code").fill("AAAA-BBBB")  # a wrong code: the page with the message
    with page.expect_navigation():
        page.get_by_role("button", name="Verder").tap()
    assert "Deze code klopt niet" in page.content()
    walk.check(page, "activate")
    page.get_by_label("Je code").fill(new.code)
    with page.expect_navigation():
        page.get_by_role("button", name="Verder").tap()
    assert page.url.endswith(reverse("myspace:choose_secret"))
    walk.check(page, "choose_secret")
    page.get_by_label("Kies een pincode").fill(PIN)
    page.get_by_label("Nog een keer").fill("11111")  # not the same: the page with the message
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    assert page.url.endswith(reverse("myspace:choose_secret"))
    walk.check(page, "choose_secret")
    context.close()
    assert pages.SIGNED_OUT - walk.walked == set()
    assert walk.problems == []


def _hand_over(page, walk: Walk, task: str) -> None:
    """On the tablet start page: give the device for `task`, walk the task and the way
    back, and take the device back with the worker's PIN."""
    page.get_by_label(task).check()
    page.get_by_label("Jouw pincode voor het teruggeven").fill(WORKER_PIN)
    page.get_by_label("Nog een keer").fill(WORKER_PIN)
    with page.expect_navigation():
        page.get_by_role("button", name="Apparaat geven").tap()
    assert page.url.endswith(reverse("myspace:tablet_task"))
    walk.check(page, "tablet_task")
    with page.expect_navigation():
        page.get_by_role("link", name="Klaar", exact=True).tap()
    walk.check(page, "tablet_unlock")
    page.get_by_label("Pincode van de begeleider").fill(WORKER_PIN)
    with page.expect_navigation():
        page.get_by_role("button", name="Terug naar de begeleider").tap()
    assert "/mijn/tablet/" not in page.url


def test_worker_and_tablet_pages(chromium_browser, live_server, world):
    context, page = _phone(chromium_browser, live_server)
    base, walk = live_server.url, Walk()
    anna, kees, network = world["anna"], world["kees"], world["network"]
    login_via_form(page, live_server, world["worker"])
    walk.visit(page, base, "participant_access", anna.pk)
    with page.expect_navigation():
        page.get_by_role("button", name="Code maken").click()
    walk.check(page, "participant_access")  # the card to print
    walk.visit(page, base, "client_access", kees.pk)
    walk.visit(page, base, "erasure_requests")
    for task in (
        "Lezen wat we van mij weten",
        "Mijn gespreksverslag lezen en zeggen of het klopt",
        "Mijn vragenlijst invullen",
    ):
        walk.visit(page, base, "tablet_start", anna.pk)
        _hand_over(page, walk, task)
    for task in ("Lezen wat we van mij weten", "Mijn doelen: een cijfer geven"):
        walk.visit(page, base, "client_tablet_start", kees.pk)
        _hand_over(page, walk, task)
    context.close()
    # The switches are the organisation's administrator's.
    context, page = _phone(chromium_browser, live_server)
    login_via_form(page, live_server, UserFactory(organisation=network.organisation, admin=True))
    walk.visit(page, base, "network_switch", network.pk)
    walk.visit(page, base, "clients_switch")
    context.close()
    assert (pages.WORKER | pages.TABLET) - walk.walked == set()
    assert walk.problems == []


def test_the_walk_finds_what_it_looks_for(phone_page, live_server):
    """The checks can fail: a box wider than the screen at 200% zoom, and an image without
    a text, put on the sign-in page, are found."""
    walk = Walk()
    walk.visit(phone_page, live_server.url, "signin")
    assert walk.problems == []
    phone_page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.style.width = "700px";
          box.style.height = "10px";
          document.querySelector("main").append(box, document.createElement("img"));
        }"""
    )
    walk.check(phone_page, "signin")
    found = " ".join(walk.problems)
    assert "scrolls sideways at 320 px" in found
    assert "scrolls sideways at 200% zoom" in found
    assert "with text at 200%" in found
    assert "image-alt" in found
