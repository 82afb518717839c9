"""A social worker records this week's session on a phone, in a real (headless) Chromium.

The scenario is a typical week: 12 people present, 3 of them with a contribution, one
newcomer, a short note, one save. The number of interactions (taps and fills, login
included) must stay within the budget documented in docs/session-screen.md.
"""

import datetime as dt
import time

import pytest
from django.utils import timezone

from tests.browser.conftest import Interactions, login_via_form
from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session
from vangnet.participants.models import Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INTERACTION_BUDGET = 19
TASKS = ["koken", "tafel dekken", "afwassen"]


@pytest.fixture
def week():
    """A lunch network that meets today's weekday, with 15 known participants."""
    today = timezone.localdate()
    network = NetworkFactory(start_date=today - dt.timedelta(days=28))
    ActivityFactory(
        network=network,
        name="Lunch",
        weekday=today.weekday(),
        tasks=TASKS,
        active_from=network.start_date,
    )
    people = [
        ParticipantFactory(network=network, display_name=name)
        for name in [
            "Anna",
            "Bram",
            "Carla",
            "Dirk",
            "Els",
            "Fenna",
            "Gerrit",
            "Hanna",
            "Ilse",
            "Jan",
            "Kees",
            "Lotte",
            "Mustafa",
            "Nel",
            "Otto",
        ]
    ]
    earlier = SessionFactory(network=network, date=today - dt.timedelta(days=7), recorded=True)
    Attendance.objects.bulk_create(Attendance(session=earlier, participant=p) for p in people)
    return network, people


def test_worker_records_a_typical_week_on_a_phone(phone_page, page_log, live_server, week):
    network, people = week
    page = phone_page
    act = Interactions(page)
    started = time.monotonic()

    login_via_form(page, live_server, network.lead_worker, interactions=act)
    act.tap(page.get_by_role("link", name="Bijeenkomst van deze week invullen"))
    page.wait_for_url("**/bijeenkomsten/*/")
    save = page.get_by_role("button", name="Opslaan")
    assert save.is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64, header  # the menu folds behind one button on a phone
    assert not page.get_by_role("button", name="Uitloggen").is_visible()
    assert _in_viewport(page, save), "the save button must stay in reach (sticky)"

    contributing = people[9:12]
    # Contribution choices stay folded away, also for people marked present (on demand).
    assert not page.locator(f'input[name="task-{people[0].pk}"]').first.is_visible()
    # Last week all 15 came: pre-fill them, then untick the three who are not here today.
    act.tap(page.get_by_role("button", name="Zelfde als vorige week"))
    assert page.get_by_text("Vooraf ingevuld").is_visible()
    assert page.locator("[data-present-count]").inner_text() == "15"
    for person in people[12:14]:
        act.tap(page.locator(f"#present-{person.pk}"))
    # Otto called in sick: announced absent (afgemeld) with a reason.
    act.tap(page.locator(f"#present-{people[14].pk}"))
    act.choose(page.locator(f"#absent-{people[14].pk}"), "ziek")
    row_heights = page.locator("[data-session-row]").evaluate_all(
        "rows => rows.map(r => r.getBoundingClientRect().height)"
    )
    assert max(row_heights) <= 60, row_heights  # marked rows stay one line high
    for person, task in zip(contributing, TASKS, strict=True):
        row = page.locator(f"#present-{person.pk}").locator("xpath=ancestor::li")
        act.tap(row.locator("details.contrib > summary"))
        act.tap(page.locator(f'input[name="task-{person.pk}"][value="{task}"]'))
    act.fill(page.get_by_label("Nieuw vandaag"), "Fatima")
    act.fill(page.get_by_label("Notitie"), "Gezellige lunch, Fatima kwam voor het eerst.")
    assert page.locator("[data-present-count]").inner_text() == "13"
    assert _in_viewport(page, save)
    with page.expect_navigation():
        act.tap(save)

    assert page.get_by_text("Opgeslagen: 13 aanwezig.").is_visible()
    assert page.get_by_role("heading", name="Wat volgde uit deze bijeenkomst").is_visible()
    elapsed = time.monotonic() - started
    assert act.count <= INTERACTION_BUDGET, act.log
    # 3 login + 1 open + 1 pre-fill + 3 untick + 2 afgemeld + 6 tasks + 2 fills + 1 save
    assert act.count == 19, act.log

    session = Session.objects.get(network=network, date=timezone.localdate(), is_one_off=False)
    fatima = Participant.objects.get(network=network, display_name="Fatima")
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    assert present == {p.pk for p in people[:12]} | {fatima.pk}
    assert set(
        Contribution.objects.filter(session=session).values_list("participant_id", "task")
    ) == {(p.pk, task) for p, task in zip(contributing, TASKS, strict=True)}
    assert session.recorded and session.version == 1
    assert session.note == "Gezellige lunch, Fatima kwam voor het eerst."
    absence = AnnouncedAbsence.objects.get(session=session)
    assert (absence.participant, absence.reason) == (people[14], "ziek")

    # After saving, the screen shows the stored state; Fatima carries the "nieuw" badge.
    assert page.locator(f"#present-{fatima.pk}").is_checked()
    assert page.locator(f"#present-{people[12].pk}").is_checked() is False
    assert page.get_by_text("nieuw", exact=True).count() == 1

    assert page_log.non_local() == []
    assert page_log.console_errors == []
    print(f"\nsession recorded with {act.count} interactions in {elapsed:.1f}s (machine time)")


def test_session_screen_works_without_javascript(
    phone_page_without_js, page_log, live_server, week
):
    network, people = week
    page = phone_page_without_js
    login_via_form(page, live_server, network.backup_worker)
    page.goto(f"{live_server.url}/netwerken/{network.pk}/deze-week/")
    for person in people[:3]:
        page.locator(f"#present-{person.pk}").tap()
    # The choices are offered for people marked present by CSS alone, without JavaScript.
    page.locator(f"#other-{people[1].pk}").locator("xpath=ancestor::details/summary").tap()
    page.locator(f'input[name="task-{people[1].pk}"][value="koken"]').tap()
    page.locator(f"#other-{people[2].pk}").locator("xpath=ancestor::details/summary").tap()
    page.locator(f"#other-{people[2].pk}").fill("bloemen meegenomen")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    assert page.get_by_text("Opgeslagen: 3 aanwezig.").is_visible()
    session = Session.objects.get(network=network, date=timezone.localdate(), is_one_off=False)
    assert set(
        Contribution.objects.filter(session=session).values_list("participant_id", "task")
    ) == {(people[1].pk, "koken"), (people[2].pk, "bloemen meegenomen")}
    assert page_log.non_local() == []


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= size["height"]


def test_note_with_line_breaks_round_trips_without_a_false_conflict(phone_page, live_server, week):
    network, people = week
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/netwerken/{network.pk}/deze-week/")
    page.get_by_label("Notitie").fill("Regel een.\nRegel twee.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    page.get_by_label("Notitie").fill("Regel een.\nRegel twee.\nRegel drie.")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    assert page.get_by_text("Beide teksten").count() == 0
    session = Session.objects.get(network=network, date=timezone.localdate(), is_one_off=False)
    assert session.note == "Regel een.\nRegel twee.\nRegel drie."
    assert session.version == 2


def test_newcomer_with_a_known_name_is_offered_the_known_person(phone_page, live_server, week):
    network, people = week
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/netwerken/{network.pk}/deze-week/")
    page.get_by_label("Nieuw vandaag").fill("anna")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    question = page.locator("[data-newcomer-question]")
    assert question.is_visible()
    assert "Bedoel je Anna" in question.inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    assert page.get_by_text("Opgeslagen: 1 aanwezig.").is_visible()
    assert Participant.objects.filter(network=network, display_name__iexact="anna").count() == 1
    assert page.locator(f"#present-{people[0].pk}").is_checked()
