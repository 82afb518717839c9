"""The coordinator records a sounding-board meeting with an agreement on a phone; two weeks
later the agreement shows as overdue. The parties pages pass axe (WCAG 2.1 A/AA) with the
demo data and do not scroll sideways."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.organisations.models import User
from vangnet.stakeholders.models import Agreement, StakeholderMeeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Buurtbewoners uitnodigen voor de open dag"


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_record_a_meeting_and_see_the_agreement_overdue_later(
    phone_page, live_server, page_log, monkeypatch
):
    from tests.browser.test_accessibility import check_pages

    today = timezone.localdate()
    demo_generate(today=today, progress=False)
    coordinator = User.objects.get(username="coordinator")
    page = phone_page
    login_via_form(page, live_server, coordinator, password=content.DEMO_PASSWORD)

    page.goto(f"{live_server.url}/partijen/")
    assert page.get_by_role("link", name="Wijkraad Tilburg Noord").is_visible()
    problems = check_pages(page, live_server, ["/partijen/"])
    page.get_by_role("link", name="Overleg vastleggen").click()
    page.wait_for_url(f"{live_server.url}/partijen/overleg/nieuw/")
    assert _no_sideways_scroll(page)
    page.get_by_label("Datum").fill(f"{today:%Y-%m-%d}")
    page.get_by_label("klankbordgroep", exact=True).check()
    page.get_by_label("Onderwerp").fill("Open dag in de wijk")
    page.get_by_label("Wijkraad Tilburg Noord").check()
    page.locator("input[name=networks]").first.check()
    page.locator("#id_agreement-0-text").fill(TEXT)
    page.locator("#id_agreement-0-owner").select_option(label="Wijkraad Tilburg Noord")
    page.locator("#id_agreement-0-due_date").fill(f"{today + dt.timedelta(days=7):%Y-%m-%d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_text("Het overleg is opgeslagen.").is_visible()
    meeting = StakeholderMeeting.objects.get(subject="Open dag in de wijk")
    agreement = Agreement.objects.get(meeting=meeting)
    assert agreement.owner.name == "Wijkraad Tilburg Noord"
    item = page.locator("li", has_text=TEXT)
    assert item.is_visible() and "te laat" not in item.inner_text()

    # Two weeks later: the agreement is still open and its due date has passed.
    later = today + dt.timedelta(days=14)
    real_localdate = timezone.localdate
    monkeypatch.setattr(
        timezone, "localdate", lambda *args, **kw: real_localdate(*args, **kw) if args else later
    )
    page.goto(f"{live_server.url}/partijen/afspraken/")
    overdue = page.locator(".warning li", has_text=TEXT)
    assert overdue.is_visible()
    assert "te laat" in overdue.inner_text()
    assert _no_sideways_scroll(page)
    page.goto(f"{live_server.url}/partijen/")
    assert page.get_by_text("afspraken zijn te laat").is_visible()

    problems += check_pages(
        page,
        live_server,
        [
            "/partijen/afspraken/",
            "/partijen/overleg/nieuw/",
            f"/partijen/overleg/{meeting.pk}/",
            f"/partijen/{agreement.owner_id}/",
            f"/partijen/afspraken/{agreement.pk}/",
        ],
    )
    assert problems == []
    assert not page_log.console_errors, page_log.console_errors
    assert not page_log.non_local(), page_log.non_local()
