"""Mijn Vangnet from start to finish on a phone (390x844), through the real pages.

The worker makes an activation code for Anna on their own page. Anna, on her own phone, types
the code, chooses a PIN, says she will not come to tomorrow's session, fills in her
questionnaire (the post-then-pre question first, one question at a time), agrees with her
interview report and withdraws the consent for her network map, and sees at once what that
means. Then the worker (and the evaluator who held the interview) sign in on their own
devices and find every change on their pages, marked "door deelnemer zelf".

Only the starting situation is arranged through services: the group's weekly activity, the
questionnaire the worker started, the report the evaluator showed and Anna's network map.
Everything Anna does goes through the browser.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import PHONE, login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.factories import ActivityFactory, ParticipantFactory
from tests.myspace.test_member_check import _shown_report
from tests.myspace.test_questionnaire import _started
from vangnet.interviews.member_check import ReportStatus
from vangnet.myspace import services
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session
from vangnet.networks.sessions.schedule_services import sessions_generate_from_schedule
from vangnet.privacy.models import ConsentRecord
from vangnet.questionnaires.models import Response
from vangnet.support import map_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PIN = "48213"


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _arrange(network):
    """Anna's group meets tomorrow (a weekly lunch; she came the weeks before); the worker
    started her questionnaire, the evaluator showed her the report, and her network map has
    her sister on it."""
    worker = network.lead_worker
    organisation = network.organisation
    organisation.absence_reasons = ["ziek", "werk", "afspraak"]
    organisation.save(update_fields=["absence_reasons"])
    today = timezone.localdate()
    network.start_date = today - dt.timedelta(weeks=2)
    network.save(update_fields=["start_date"])
    tomorrow = today + dt.timedelta(days=1)
    ActivityFactory(
        network=network,
        name="Lunch",
        weekday=tomorrow.weekday(),
        start_time=dt.time(11, 30),
        duration_minutes=90,
        active_from=network.start_date,
    )
    anna = ParticipantFactory(network=network, display_name="Anna")
    # She came the last two weeks: a regular on the worker's session screen.
    sessions_generate_from_schedule(network=network, until=tomorrow)
    for past in Session.objects.filter(network=network, date__lt=today):
        Attendance.objects.create(session=past, participant=anna)
    response, first, second = _started(anna, worker)
    interview, report = _shown_report(anna, text="Anna vertelt dat ze graag tuiniert.")
    network_map = map_services.map_wave_create(
        participant=anna, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    map_services.alter_add(
        network_map=network_map, name="Zus Marleen", kind="relative", consent="yes", actor=worker
    )
    services.space_switch_set(organisation=organisation, network=network, on=True, actor=worker)
    return {
        "anna": anna,
        "tomorrow": tomorrow,
        "response": response,
        "items": (first, second),
        "interview": interview,
        "report": report,
    }


def _tap_to(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).tap()


def test_the_whole_journey_on_a_phone(chromium_browser, phone_page, live_server, network):
    world = _arrange(network)
    anna, worker = world["anna"], network.lead_worker
    first, second = world["items"]
    problems: list[str] = []

    # 1. The worker makes Anna's card on their own page.
    desk = phone_page
    login_via_form(desk, live_server, worker)
    desk.goto(f"{live_server.url}/mijn/beheer/deelnemer/{anna.pk}/")
    with desk.expect_navigation():
        desk.get_by_role("button", name="Code maken").click()
    code = desk.locator("[data-code]").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code)

    # 2. Anna types the code on her own phone and chooses a PIN.
    context = chromium_browser.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(15_000)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/mijn/activeren/")
    phone.get_by_label("Je code").fill(code.lower().replace("-", " "))
    with phone.expect_navigation():
        phone.get_by_role("button", name="Verder").tap()
    phone.get_by_label("Kies een pincode").fill(PIN)
    phone.get_by_label("Nog een keer").fill(PIN)
    with phone.expect_navigation():
        phone.get_by_role("button", name="Opslaan").tap()
    assert phone.url.endswith("/mijn/") and "Hoi Anna" in phone.content()

    # 3. She will not come tomorrow: she says so, with a reason.
    _tap_to(phone, "Wanneer is de groep?")
    session = Session.objects.get(network=network, date=world["tomorrow"])
    card = phone.locator(f"section[aria-labelledby='session-{session.pk}']")
    card.get_by_label("Waarom niet? (Dit hoeft niet.)").select_option("ziek")
    with phone.expect_navigation():
        card.get_by_role("button", name="Ik kom niet").tap()
    assert "Je bent afgemeld. Je begeleider ziet het meteen." in phone.content()
    card = phone.locator(f"section[aria-labelledby='session-{session.pk}']")
    assert "Je hebt je afgemeld." in card.inner_text() and "ziek" in card.inner_text()
    problems += axe_violations(phone)
    assert _no_sideways_scroll(phone)

    # 4. Her questionnaire, one question at a time: the post-then-pre question first.
    _tap_to(phone, "Terug naar start")
    _tap_to(phone, "Mijn vragenlijst")
    _tap_to(phone, "Kort")
    assert "Vraag 1 van 2" in phone.content()
    assert phone.locator(f"input[name=item_{second.pk}]").count() == 0  # one at a time
    phone.locator(f"input[name=item_{first.pk}_now][value='7']").check()
    phone.locator(f"input[name=item_{first.pk}_then][value='3']").check()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Volgende vraag").tap()
    assert "Vraag 2 van 2" in phone.content()
    phone.locator(f"input[name=item_{second.pk}][value='8']").check()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Klaar").tap()
    assert "Dank je wel" in phone.content()

    # 5. Her interview report: it is right.
    _tap_to(phone, "Terug naar start")
    _tap_to(phone, "Mijn gespreksverslag")
    assert "graag tuiniert" in phone.content()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Ja, dit klopt").tap()
    assert "Je zei: dit klopt." in phone.content()

    # 6. Her map: the worker may no longer see it. The page says what that means at once.
    _tap_to(phone, "Terug naar start")
    _tap_to(phone, "Wat mag er met je gegevens?")
    purpose = phone.locator("section[aria-labelledby='purpose-network_map']")
    assert "Nu: ja." in purpose.inner_text()
    with phone.expect_navigation():
        purpose.get_by_role("button", name=re.compile("Nee, liever niet")).tap()
    purpose = phone.locator("section[aria-labelledby='purpose-network_map']")
    assert "Nu: nee." in purpose.inner_text()
    assert "Je begeleider ziet je kaart nu niet meer." in purpose.inner_text()
    problems += axe_violations(phone)
    assert _no_sideways_scroll(phone)
    context.close()

    # What the browser did is what the database holds, marked as Anna's own.
    absence = AnnouncedAbsence.objects.get(session=session, participant=anna)
    assert absence.by_participant and absence.reason == "ziek"
    response = Response.objects.get(pk=world["response"].pk)
    assert response.is_complete and response.self_filled
    world["report"].refresh_from_db()
    assert world["report"].status == ReportStatus.AGREED
    record = ConsentRecord.objects.get(participant=anna, kind="network_map")
    assert record.withdrawn_on and record.withdrawn_by_participant

    # 7. The worker, signed in on their own phone, sees each change on their pages.
    base = live_server.url
    desk.goto(base + reverse("networks:session_record", args=[network.pk, session.pk]))
    row = desk.locator("li.attendance-row", has_text="Anna")
    assert "door deelnemer zelf" in row.inner_text()
    assert row.locator("select option[value='ziek']").evaluate("o => o.selected")
    desk.goto(base + reverse("networks:absence_list", args=[network.pk]))
    assert "door deelnemer zelf" in desk.locator("li", has_text="Anna").first.inner_text()
    desk.goto(base + reverse("questionnaires:participant", args=[anna.pk]))
    assert "door deelnemer zelf" in desk.locator("tr", has_text="Kort").inner_text()
    desk.goto(base + reverse("privacy:consents", args=[anna.pk]))
    map_row = desk.locator("tr", has_text="Netwerkkaart")
    assert "door deelnemer zelf" in map_row.inner_text()
    desk.goto(base + reverse("support:participant_map", args=[anna.pk]))
    assert "Zus Marleen" not in desk.content()

    # 8. The evaluator who held the interview sees Anna's own "klopt".
    evaluator = world["interview"].interviewer
    context = chromium_browser.new_context(base_url=live_server.url, **PHONE)
    context.set_default_timeout(15_000)
    laptop = context.new_page()
    login_via_form(laptop, live_server, evaluator)
    laptop.goto(base + reverse("interviews:detail", args=[world["interview"].pk]))
    history = laptop.locator("li", has_text="door deelnemer zelf")
    assert history.count() == 1
    context.close()
    assert problems == []
