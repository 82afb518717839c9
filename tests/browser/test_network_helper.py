"""A volunteer with their own sign-in (role network_helper) on a phone, in a real Chromium:
the coordinator's one-time password, a password of their own, this week's session recorded,
and the follow-up and export pages refused with a clear Dutch message."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_session_phone import serious_axe_violations
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance, Session
from vangnet.participants.models import FollowUpTask
from vangnet.volunteers.accounts import helper_account_create
from vangnet.volunteers.models import NetworkHelper

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Speelgoed-ophalen-op-dinsdag-7"


@pytest.fixture
def creaclub():
    """A network meeting today's weekday; Anna and Bram came the last two weeks."""
    today = timezone.localdate()
    network = NetworkFactory(name="Creaclub", start_date=today - dt.timedelta(days=28))
    organisation = network.organisation
    # Steady after a week, a follow-up task after one unannounced miss.
    organisation.steady_after_days = 7
    organisation.followup_after_missed_sessions = 1
    organisation.save(update_fields=["steady_after_days", "followup_after_missed_sessions"])
    ActivityFactory(
        network=network,
        name="Knutselen",
        weekday=today.weekday(),
        tasks=["opruimen"],
        active_from=network.start_date,
    )
    anna, bram = (ParticipantFactory(network=network, display_name=n) for n in ("Anna", "Bram"))
    for weeks in (2, 1):
        earlier = SessionFactory(
            network=network, date=today - dt.timedelta(weeks=weeks), recorded=True
        )
        Attendance.objects.bulk_create(
            Attendance(session=earlier, participant=p) for p in (anna, bram)
        )
    helper = NetworkHelper.objects.create(
        network=network,
        kind="volunteer",
        name="Ton",
        start_date=today - dt.timedelta(days=14),
        hours_per_week=Decimal(3),
    )
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    account, password = helper_account_create(
        helper=helper, actor=coordinator, username="ton", today=today
    )
    return network, account, password, anna, bram


def test_volunteer_records_a_session_but_no_follow_up_or_export(
    phone_page, page_log, live_server, creaclub
):
    network, account, password, anna, bram = creaclub
    page = phone_page
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("ton")
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    # The one-time password is changed first, as for every new account.
    assert reverse("password_change") in page.url
    page.locator("#id_old_password").fill(password)
    page.locator("#id_new_password1").fill(NEW_PASSWORD)
    page.locator("#id_new_password2").fill(NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").click()
    assert page.url.rstrip("/") == live_server.url

    # The home page lists only the Creaclub, with this week's session one tap away.
    with page.expect_navigation():
        page.get_by_role("link", name="Bijeenkomst van deze week invullen").tap()
    page.wait_for_url("**/bijeenkomsten/*/")
    assert page.get_by_role("link", name="Steun vastleggen").count() == 0
    page.locator(f"#present-{anna.pk}").tap()
    page.get_by_label("Notitie").fill("Kerstkaarten gemaakt.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    expect(page.get_by_text("Opgeslagen: 1 aanwezig.")).to_be_visible()
    # What followed: Bram's new follow-up task is the worker's, not shown here.
    outcome = page.locator(".session-outcome")
    expect(outcome.get_by_role("heading", name="Wat volgde uit deze bijeenkomst")).to_be_visible()
    assert "nabel" not in outcome.inner_text().lower()
    assert serious_axe_violations(page) == []
    session = Session.objects.get(network=network, date=timezone.localdate(), is_one_off=False)
    assert list(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    assert session.note == "Kerstkaarten gemaakt."
    # Bram missed the session: a follow-up task, which the volunteer does not see.
    assert FollowUpTask.objects.filter(participant=bram).exists()

    page.goto(f"{live_server.url}{reverse('networks:detail', args=[network.pk])}")
    assert page.get_by_role("link", name="Sociogram").count() == 0
    assert page.get_by_role("link", name="Deelnemers").count() == 0
    for name in ("participants:followups", "exports:index"):
        response = page.goto(f"{live_server.url}{reverse(name)}")
        assert response is not None and response.status == 403
        expect(page.get_by_role("heading", name="Dit mag je niet openen")).to_be_visible()
        assert "Vraag het aan de coördinator" in page.content()
        assert "Bram" not in page.content()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
    assert serious_axe_violations(page) == []
    assert AuditEvent.objects.filter(actor=account, action="denied").count() == 2
    assert page_log.non_local() == []
    # The browser reports the two refused pages themselves; nothing else may fail.
    errors = [e for e in page_log.console_errors if "status of 403" not in e]
    assert errors == []
