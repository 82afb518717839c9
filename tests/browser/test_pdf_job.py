"""In a phone browser: the organisation report PDF (and the municipality report PDF) is asked
for with one tap, its progress page fills by itself (HTMX) while a worker makes it, then
offers the file; the
organisation's reminder rules page refuses bad input in Dutch and saves. Both pages pass
axe-core's WCAG 2.1 A/AA rules."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.dashboards.factories import small_organisation
from tests.factories import UserFactory
from tests.jobs.helpers import run_ready_tasks
from vangnet.exports.models import ExportJob, JobStatus
from vangnet.notifications.models import ReminderSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def coordinator(db):
    world = small_organisation()
    return UserFactory(organisation=world["organisation"], coordinator=True)


def test_the_report_pdf_is_a_job_with_a_progress_page(phone_page, live_server, coordinator):
    page = phone_page
    act = login_via_form(page, live_server, coordinator)
    page.goto(f"{live_server.url}/dashboard/rapport/?periode=y2025")
    with page.expect_navigation():
        act.tap(page.get_by_role("button", name="Als PDF downloaden"))
    assert "/exports/taak/" in page.url
    job = ExportJob.objects.get()
    assert job.status == JobStatus.QUEUED
    assert page.locator("progress").count() == 1
    assert axe_violations(page) == []
    # The worker, while the page's polls wait (the in-memory SQLite the live server
    # shares with the test locks whole tables; a real worker has its own database).
    page.route("**/status/", lambda route: route.abort())
    page.wait_for_timeout(1500)
    run_ready_tasks()
    page.unroute("**/status/")
    link = page.get_by_role("link", name="Download organisatierapport-20250101-20251231.pdf")
    link.wait_for()  # the page asked for its status by itself
    with page.expect_download() as download:
        act.tap(link)
    assert download.value.suggested_filename == "organisatierapport-20250101-20251231.pdf"
    assert axe_violations(page) == []


def test_the_municipality_report_pdf_is_a_job_too(phone_page, live_server, db):
    world = small_organisation()
    official = UserFactory(organisation=world["organisation"], municipality=True)
    page = phone_page
    act = login_via_form(page, live_server, official)
    page.goto(f"{live_server.url}/rapportages/gemeente/?periode=2025")
    with page.expect_navigation():
        act.tap(page.get_by_role("button", name="Download als PDF"))
    assert "/exports/taak/" in page.url
    job = ExportJob.objects.get()
    assert job.kind == "municipality_report" and job.params["query"]["periode"] == "2025"
    assert page.locator("progress").count() == 1
    assert axe_violations(page) == []
    page.route("**/status/", lambda route: route.abort())
    page.wait_for_timeout(1500)
    run_ready_tasks()
    page.unroute("**/status/")
    link = page.get_by_role("link", name="Download rapportage-gemeente-2025.pdf")
    link.wait_for()
    with page.expect_download() as download:
        act.tap(link)
    assert download.value.suggested_filename == "rapportage-gemeente-2025.pdf"


def test_the_reminder_rules_page(phone_page, live_server, coordinator):
    page = phone_page
    act = login_via_form(page, live_server, coordinator)
    page.goto(f"{live_server.url}/account/meldingen/herinneringsregels/")
    assert axe_violations(page) == []
    field = page.get_by_label("Herinnering over een nabeltaak die open staat na (dagen)")
    act.fill(field, "0")
    with page.expect_navigation():
        act.tap(page.get_by_role("button", name="Opslaan"))
    assert page.get_by_text("Kies een getal van 1 tot en met 365.").count() >= 1
    assert axe_violations(page) == []
    assert not ReminderSettings.objects.exists()
    act.fill(page.get_by_label("Herinnering over een nabeltaak die open staat na (dagen)"), "21")
    page.get_by_label(
        "Herinnering als de bijeenkomst van deze week nog niet is ingevuld, vanaf"
    ).select_option(label="donderdag")
    with page.expect_navigation():
        act.tap(page.get_by_role("button", name="Opslaan"))
    assert page.get_by_text("De herinneringsregels zijn opgeslagen.").count() == 1
    rules = ReminderSettings.objects.get(organisation=coordinator.organisation)
    assert (rules.followup_days, rules.session_weekday) == (21, 3)
