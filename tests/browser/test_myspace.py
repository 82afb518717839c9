"""Mijn Vangnet on a phone (390x844): the worker prints a card, the participant activates
it with the code, chooses a PIN, sees their own data, signs out and in again. axe-core finds
no WCAG A/AA violation on any of these pages, and no page scrolls sideways at 320px."""

import datetime as dt
import re

import pytest

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.factories import ParticipantFactory, SessionFactory
from vangnet.myspace import services
from vangnet.networks.models import Attendance, Contribution

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PIN = "48213"


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_card_activation_pin_and_own_data(chromium_browser, phone_page, live_server, network):
    worker = network.lead_worker
    anna = ParticipantFactory(network=network, display_name="Anna", wishes=["tuinieren"])
    session = SessionFactory(network=network, date=dt.date(2025, 3, 4))
    Attendance.objects.create(session=session, participant=anna)
    Contribution.objects.create(session=session, participant=anna, task="koffie zetten")
    services.space_switch_set(
        organisation=network.organisation, network=network, on=True, actor=worker
    )
    problems = []

    # The worker makes the card.
    page = phone_page
    login_via_form(page, live_server, worker)
    page.goto(f"{live_server.url}/mijn/beheer/deelnemer/{anna.pk}/")
    problems += axe_violations(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Code maken").click()
    problems += axe_violations(page)
    code = page.locator("[data-code]").inner_text().strip()
    number = page.locator("[data-number]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert page.locator(".space-qr svg").count() == 1

    # Anna, on her own phone: the QR code's link fills in the code.
    context = chromium_browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="nl-NL",
    )
    phone = context.new_page()
    phone.goto(f"{live_server.url}/mijn/activeren/?code={code}")
    problems += axe_violations(phone)
    assert phone.get_by_label("Je code").input_value() == code
    with phone.expect_navigation():
        phone.get_by_role("button", name="Verder").tap()
    problems += axe_violations(phone)
    phone.get_by_label("Kies een pincode").fill(PIN)
    phone.get_by_label("Nog een keer").fill(PIN)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Opslaan").tap()
    assert phone.url.endswith("/mijn/")
    assert "Hoi Anna" in phone.content()
    problems += axe_violations(phone)
    assert _no_sideways_scroll(phone)
    buttons = phone.locator("main a.space-tile, main button, header button")
    for index in range(buttons.count()):
        assert buttons.nth(index).bounding_box()["height"] >= 48

    with phone.expect_navigation():
        phone.get_by_role("link", name="Wat we van jou weten").tap()
    problems += axe_violations(phone)
    body = phone.content()
    assert "tuinieren" in body and "koffie zetten" in body
    phone.set_viewport_size({"width": 320, "height": 640})
    assert _no_sideways_scroll(phone)
    phone.set_viewport_size({"width": 390, "height": 844})

    # Out, and in again with the number (remembered on this phone) and the PIN.
    with phone.expect_navigation():
        phone.get_by_role("button", name="Uitloggen").tap()
    problems += axe_violations(phone)
    assert phone.get_by_label("Je nummer").input_value() == number
    phone.get_by_label("Je pincode").fill(PIN)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Inloggen").tap()
    assert phone.url.endswith("/mijn/")
    context.close()
    assert problems == []


def test_tablet_mode_holds_until_the_workers_pin(phone_page, live_server, network):
    worker = network.lead_worker
    anna = ParticipantFactory(network=network, display_name="Anna", talents=["fietsen maken"])
    services.space_switch_set(
        organisation=network.organisation, network=network, on=True, actor=worker
    )
    page = phone_page
    problems = []
    login_via_form(page, live_server, worker)
    page.goto(f"{live_server.url}/mijn/beheer/deelnemer/{anna.pk}/tablet/")
    problems += axe_violations(page)
    page.get_by_label("Lezen wat we van mij weten").check()
    page.get_by_label("Jouw pincode voor het teruggeven").fill("73915")
    page.get_by_label("Nog een keer").fill("73915")
    with page.expect_navigation():
        page.get_by_role("button", name="Apparaat geven").tap()
    assert page.url.endswith("/mijn/tablet/")
    assert "fietsen maken" in page.content()
    problems += axe_violations(page)
    assert _no_sideways_scroll(page)

    # The participant tries to leave: every address leads back to the task.
    for path in ("/", f"/deelnemers/{anna.pk}/", "/netwerken/", "/mijn/"):
        page.goto(f"{live_server.url}{path}")
        assert page.url.endswith("/mijn/tablet/"), path

    with page.expect_navigation():
        page.get_by_role("link", name="Klaar", exact=True).tap()
    problems += axe_violations(page)
    page.get_by_label("Pincode van de begeleider").fill("00000")
    with page.expect_navigation():
        page.get_by_role("button", name="Terug naar de begeleider").tap()
    assert "/mijn/tablet/terug/" in page.url
    page.get_by_label("Pincode van de begeleider").fill("73915")
    with page.expect_navigation():
        page.get_by_role("button", name="Terug naar de begeleider").tap()
    assert page.url.endswith(f"/deelnemers/{anna.pk}/")
    assert problems == []


def test_participant_agrees_with_the_report_on_a_phone(phone_page, live_server, network):
    from tests.interviews.factories import plan_interview
    from tests.myspace.conftest import activate
    from vangnet.interviews import services as interview_services
    from vangnet.interviews.member_check import ReportStatus

    anna = ParticipantFactory(network=network, display_name="Anna")
    interview = plan_interview(network=network, participant=anna)
    interview_services.report_version_write(
        interview=interview, text="Anna vertelt over de moestuin.", by=interview.interviewer
    )
    report = interview.report
    interview_services.report_transition(
        report=report, to_status=ReportStatus.SHOWN, by=interview.interviewer
    )
    account = activate(anna, actor=network.lead_worker)
    page = phone_page
    page.goto(f"{live_server.url}/mijn/inloggen/")
    page.get_by_label("Je nummer").fill(account.number)
    page.get_by_label("Je pincode").fill("48213")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").tap()
    with page.expect_navigation():
        page.get_by_role("link", name="Mijn gespreksverslag").tap()
    problems = axe_violations(page)
    assert "moestuin" in page.content()
    page.locator("summary", has_text="Er moet iets anders").tap()
    problems += axe_violations(page)
    assert _no_sideways_scroll(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Ja, dit klopt").tap()
    assert "Je zei: dit klopt." in page.content()
    report.refresh_from_db()
    assert report.status == ReportStatus.AGREED
    assert problems == []


def test_participant_fills_in_the_questionnaire_on_a_phone(phone_page, live_server, network):
    from tests.myspace.conftest import activate
    from tests.myspace.test_questionnaire import _started

    anna = ParticipantFactory(network=network, display_name="Anna")
    response, first, second = _started(anna, network.lead_worker)
    account = activate(anna, actor=network.lead_worker)
    page = phone_page
    page.goto(f"{live_server.url}/mijn/inloggen/")
    page.get_by_label("Je nummer").fill(account.number)
    page.get_by_label("Je pincode").fill("48213")
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").tap()
    with page.expect_navigation():
        page.get_by_role("link", name="Mijn vragenlijst").tap()
    with page.expect_navigation():
        page.get_by_role("link", name="Kort").tap()
    problems = axe_violations(page)
    assert _no_sideways_scroll(page)
    page.locator(f"input[name=item_{first.pk}_now][value='7']").check()
    page.locator(f"input[name=item_{first.pk}_then][value='4']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Volgende vraag").tap()
    assert "Vraag 2 van 2" in page.content()
    page.locator(f"input[name=item_{second.pk}][value='8']").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Klaar").tap()
    assert "Dank je wel" in page.content()
    problems += axe_violations(page)
    response.refresh_from_db()
    assert response.is_complete and response.self_filled
    assert problems == []
