"""Taking a paper list over on a phone: the session list's link opens the same compact
screen for that past session, names in the paper's order, the take-over note; ticks from
the paper are saved once. axe-core finds nothing in the take-over state and in the list
with the paper links."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance, Session
from vangnet.networks.sessions.paper import PAPER_NOTE, paper_list

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def last_week():
    today = timezone.localdate()
    network = NetworkFactory(start_date=today - dt.timedelta(days=42))
    people = [
        ParticipantFactory(network=network, display_name=name)
        for name in ("Otto", "Anna", "Kees", "Els", "Bram")
    ]
    earlier = SessionFactory(network=network, date=today - dt.timedelta(days=14), recorded=True)
    Attendance.objects.bulk_create(Attendance(session=earlier, participant=p) for p in people)
    session = SessionFactory(network=network, date=today - dt.timedelta(days=7))
    return network, people, session


def test_paper_list_taken_over_on_the_phone(phone_page, live_server, page_log, last_week):
    network, people, session = last_week
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/netwerken/{network.pk}/bijeenkomsten/")
    assert axe_violations(page) == []
    page.locator(f"a[href$='/bijeenkomsten/{session.pk}/?van=papier']").click()
    page.wait_for_url(f"**/bijeenkomsten/{session.pk}/?van=papier")
    assert page.get_by_text("Je neemt de papieren lijst over").is_visible()
    assert axe_violations(page) == []

    # The names on the screen are in the paper's order.
    text = page.locator(".attendance-list").first.inner_text()
    order = paper_list(session=Session.objects.get(pk=session.pk)).names
    assert len(order) == 5
    assert [text.index(name) for name in order] == sorted(text.index(name) for name in order)
    assert page.get_by_label("Notitie").input_value().endswith(PAPER_NOTE)

    anna, kees = people[1], people[2]
    for person in (anna, kees):
        page.locator(f"#present-{person.pk}").tap()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(f"**/bijeenkomsten/{session.pk}/")
    session.refresh_from_db()
    assert set(session.attendances.values_list("participant_id", flat=True)) == {anna.pk, kees.pk}
    assert session.note == PAPER_NOTE and session.recorded
    assert page_log.non_local() == []
