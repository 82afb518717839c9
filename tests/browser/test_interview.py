"""One evaluation interview from planning to an agreed report, in a real browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from tests.interviews.factories import give_consent
from vangnet.interviews.models import Interview

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_hold_report_and_member_check(chromium_browser, live_server, page_log):
    from tests.browser.conftest import _new_page

    today = timezone.localdate()
    network = NetworkFactory(start_date=today - dt.timedelta(days=300))
    participant = ParticipantFactory(network=network, display_name="Fatima")
    give_consent(participant)
    evaluator = UserFactory(
        organisation=network.organisation, evaluator=True, first_name="Pieter", last_name="Smits"
    )

    # 1. The lead worker plans the interview (earlier today) with the evaluator.
    context, page = _new_page(chromium_browser, live_server, page_log)
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/evaluatiegesprekken/vangnetwerk/{network.pk}/plannen/")
    page.get_by_label("Met wie?").select_option(label="Fatima")
    page.get_by_label("Wie voert het gesprek?").select_option(value=str(evaluator.pk))
    assert page.locator("#own-worker-warning").is_hidden()
    page.get_by_label("Wie voert het gesprek?").select_option(value=str(network.backup_worker.pk))
    assert page.locator("#own-worker-warning").is_visible()
    page.get_by_label("Wie voert het gesprek?").select_option(value=str(evaluator.pk))
    earlier = timezone.localtime() - dt.timedelta(hours=1)
    page.get_by_label("Datum en tijd").fill(earlier.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Plaats").fill("Wijkcentrum")
    with page.expect_navigation():
        page.get_by_role("button", name="Plannen").click()
    assert page.get_by_text("Het evaluatiegesprek is gepland.").is_visible()
    context.close()
    interview = Interview.objects.get()

    # 2. The evaluator sees it in their list, fills in the questionnaire and the report.
    context, page = _new_page(chromium_browser, live_server, page_log)
    login_via_form(page, live_server, evaluator)
    page.goto(f"{live_server.url}/evaluatiegesprekken/")
    with page.expect_navigation():
        page.locator(f'a[href="/evaluatiegesprekken/{interview.pk}/"]').click()
    assert page.get_by_role("heading", name="Evaluatiegesprek met Fatima").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Vragenlijst invullen").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Tussendoor opslaan").click()
    assert page.get_by_text("De antwoorden zijn bewaard.").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="Verslag schrijven").click()
    page.get_by_label("Verslag van het gesprek").fill(
        "Fatima kookt graag voor de groep. Ze voelt zich welkom."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Het verslag is opgeslagen.").is_visible()

    # 3. Member check: show it, the participant asks for a correction, then agrees.
    def step(label: str, note: str = "") -> None:
        page.get_by_label(label, exact=True).check()
        if note:
            page.get_by_label("Toelichting").fill(note)
        with page.expect_navigation():
            page.get_by_role("button", name="Vastleggen").click()
        assert page.get_by_text("De member check is bijgewerkt.").is_visible()

    step("Voorgelegd aan deelnemer")
    page.goto(f"{live_server.url}/evaluatiegesprekken/{interview.pk}/voor-deelnemer/")
    assert page.get_by_text("Dit is wat we hebben opgeschreven. Klopt het?").is_visible()
    assert page.get_by_role("button", name="Afdrukken").is_visible()  # progressive enhancement
    page.goto(f"{live_server.url}/evaluatiegesprekken/{interview.pk}/")
    step("Correcties gevraagd", "Ze kookt samen met anderen.")
    with page.expect_navigation():
        page.get_by_role("link", name="Nieuwe versie schrijven").click()
    page.get_by_label("Verslag van het gesprek").fill(
        "Fatima kookt graag samen met anderen voor de groep. Ze voelt zich welkom."
    )
    page.get_by_label("Wat is er veranderd?").fill("samen met anderen")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    step("Voorgelegd aan deelnemer")
    step("Akkoord na correctie")
    assert page.get_by_text("Stappen in de member check").is_visible()
    interview.report.refresh_from_db()
    assert interview.report.status == "corrected_and_agreed"
    assert interview.report.events.count() == 4
    assert interview.report.versions.count() == 2

    # 4. The evaluator codes a passage of the agreed report.
    with page.expect_navigation():
        page.get_by_role("link", name="Coderen met thema's").click()
    page.get_by_label("Passage uit het verslag").fill("Ze voelt zich welkom.")
    page.get_by_label("Zich uitgenodigd voelen").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Passage opslaan").click()
    assert page.get_by_text("De passage is gecodeerd.").is_visible()
    context.close()
    assert not page_log.console_errors, page_log.console_errors
    assert not page_log.non_local(), page_log.non_local()


def test_interview_pages_are_accessible(phone_page, live_server):
    """axe-core WCAG 2.1 A/AA on the interviewer's and the planner's pages."""
    from tests.browser.test_accessibility import check_pages
    from tests.interviews.factories import agreed_interview, plan_interview
    from vangnet.interviews import selectors, services

    today = timezone.localdate()
    network = NetworkFactory(start_date=today - dt.timedelta(days=300))
    interview = agreed_interview(network=network)
    evaluator = interview.interviewer
    planned = plan_interview(network=network, interviewer=evaluator, days_ago=-5, consent=False)
    services.themes_ensure_defaults(organisation=network.organisation)
    theme = selectors.organisation_themes(organisation=network.organisation).first()
    services.passage_code(
        version=interview.report.versions.get(), quote="kookt graag", themes=[theme], by=evaluator
    )
    login_via_form(phone_page, live_server, evaluator)
    base = "/evaluatiegesprekken"
    problems = check_pages(
        phone_page,
        live_server,
        [
            f"{base}/",
            f"{base}/{interview.pk}/",
            f"{base}/{planned.pk}/",
            f"{base}/{interview.pk}/voor-deelnemer/",
            f"{base}/{interview.pk}/coderen/",
            f"{base}/coderen/",
            f"{base}/{interview.pk}/vragenlijst/",
            f"{base}/{interview.pk}/verslag/",
        ],
    )
    # progressive enhancement: selecting text in the report fills the passage field
    phone_page.goto(f"{live_server.url}{base}/{interview.pk}/coderen/")
    phone_page.evaluate(
        """() => {
        const p = [...document.querySelectorAll('#coding-text p')].find(
            (el) => el.textContent.includes('kookt graag'));
        const node = p.firstChild;
        const at = node.textContent.indexOf('kookt graag');
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 'kookt graag'.length);
        const selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        p.parentElement.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
    }"""
    )
    assert phone_page.get_by_label("Passage uit het verslag").input_value() == "kookt graag"
    raw = interview.report.versions.get().text
    assert phone_page.locator("#id_start").input_value() == str(raw.index("kookt graag"))
    phone_page.context.clear_cookies()
    login_via_form(phone_page, live_server, network.lead_worker)
    problems += check_pages(
        phone_page,
        live_server,
        [
            f"{base}/vangnetwerk/{network.pk}/",
            f"{base}/vangnetwerk/{network.pk}/plannen/",
            f"{base}/{planned.pk}/wijzigen/",
            f"{base}/vangnetwerk/{network.pk}/thematisch-verslag/",
            f"{base}/thematisch-verslag/",
        ],
    )
    assert problems == []
