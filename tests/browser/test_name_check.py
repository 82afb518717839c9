"""The participant form's "Bedoel je Ria?" on a phone: shown, accessible, and choosing "nee,
een nieuw persoon" creates the second person only then."""

import pytest

from tests.browser.conftest import login_via_form
from tests.browser.test_session_phone import serious_axe_violations
from tests.factories import NetworkFactory, ParticipantFactory
from vangnet.participants.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_participant_form_asks_about_a_lookalike_name(phone_page, page_log, live_server):
    network = NetworkFactory()
    ParticipantFactory(network=network, display_name="Ria")
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/deelnemers/netwerk/{network.pk}/nieuw/")
    page.get_by_label("Naam").fill("Riá")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    question = page.locator("[data-name-check]")
    assert question.is_visible()
    assert "Bedoel je Ria" in question.inner_text()
    assert serious_axe_violations(page) == []
    assert Participant.objects.filter(network=network).count() == 1
    page.get_by_label("Nee, Riá is een nieuw persoon").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    assert Participant.objects.filter(network=network, display_name="Riá").count() == 1
    assert page_log.console_errors == []


def test_import_asks_about_a_lookalike_name(phone_page, page_log, live_server):
    import datetime as dt

    from vangnet.networks.models import Attendance

    network = NetworkFactory(start_date=dt.date(2025, 1, 1))
    ria = ParticipantFactory(network=network, display_name="Ria")
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/netwerken/{network.pk}/importeren/")
    upload = {
        "name": "a.csv",
        "mimeType": "text/csv",
        "buffer": b"datum;deelnemer\n05-02-2025;Riaa\n",
    }
    page.locator("#id_file").set_input_files(upload)
    page.get_by_label("Maak nieuwe deelnemers aan").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Importeren").tap()
    questions = page.locator("[data-name-questions]")
    assert "Bedoel je Ria" in questions.inner_text()
    assert serious_axe_violations(page) == []
    questions.get_by_label("Bedoel je Ria", exact=False).check()
    page.locator("#id_file").set_input_files(upload)
    page.get_by_label("Maak nieuwe deelnemers aan").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Importeren").tap()
    assert Attendance.objects.filter(participant=ria).count() == 1
    assert not Participant.objects.filter(display_name="Riaa").exists()
    assert page_log.console_errors == []
