"""A social worker records this week's session on a phone, in a real (headless) Chromium.

The scenario is a typical week: 12 people present, 3 of them with a contribution, one
newcomer, a short note, one save. The number of interactions (taps and fills, login
included) must stay within the budget documented in docs/session-screen.md.
"""

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import Interactions, login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session
from vangnet.participants.followup_services import followups_refresh
from vangnet.participants.models import FollowUpTask, Participant

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# From the home page to the saved session (issue 15: at most 15), scrolls included.
INTERACTION_BUDGET = 15
PHONE_HEIGHT = 844
TASKS = ["koken", "tafel dekken", "afwassen"]
REGULARS = "Anna Bram Carla Dirk Els Fenna Gerrit Hanna Ilse Jan Kees Lotte Mustafa Nel Otto"
INVITED = ["Piet", "Rosa", "Sanne", "Teun", "Vera"]  # invited, never came yet
# Set to a folder (docs/img) to write the phone screenshots of docs/session-screen.md.
SHOTS = os.environ.get("VANGNET_SCREENSHOTS", "")


@pytest.fixture
def week():
    """A lunch network that meets today's weekday: 15 regulars who all came last week (Jan
    cooked and Kees laid the table the last weeks) and 5 people invited who never came."""
    today = timezone.localdate()
    network = NetworkFactory(start_date=today - dt.timedelta(days=28))
    # Steady after two weeks, a follow-up task after one unannounced miss: so the test sees
    # that today's unannounced absences open a task and the announced one does not.
    organisation = network.organisation
    organisation.steady_after_days = 7
    organisation.followup_after_missed_sessions = 1
    organisation.save(update_fields=["steady_after_days", "followup_after_missed_sessions"])
    ActivityFactory(
        network=network,
        name="Lunch",
        weekday=today.weekday(),
        tasks=TASKS,
        active_from=network.start_date,
    )
    people = [ParticipantFactory(network=network, display_name=name) for name in REGULARS.split()]
    for name in INVITED:
        ParticipantFactory(network=network, display_name=name)
    for weeks in (2, 1):
        earlier = SessionFactory(
            network=network, date=today - dt.timedelta(weeks=weeks), recorded=True
        )
        Attendance.objects.bulk_create(Attendance(session=earlier, participant=p) for p in people)
        Contribution.objects.create(session=earlier, participant=people[9], task="koken")
        Contribution.objects.create(session=earlier, participant=people[10], task="tafel dekken")
    return network, people


def serious_axe_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG A/AA violations in the page's current state."""
    return [v for v in axe_violations(page) if "(serious)" in v or "(critical)" in v]


def screenshot(page, name: str) -> None:
    """Write a phone screenshot for the docs when VANGNET_SCREENSHOTS names a folder."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), scale="css")


def test_worker_records_a_typical_week_on_a_phone(phone_page, page_log, live_server, week):
    """12 present (11 regulars and a newcomer), 3 contributions, 1 announced absence, a note:
    counted from the home page to the saved session, taps, fills and scrolls."""
    network, people = week
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    assert page.url.rstrip("/") == live_server.url  # the home page
    act = Interactions(page)
    started = time.monotonic()

    act.tap(page.get_by_role("link", name="Bijeenkomst van deze week invullen"))
    page.wait_for_url("**/bijeenkomsten/*/")
    save = page.get_by_role("button", name="Opslaan")
    assert save.is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 64, header  # the menu folds behind one button on a phone
    assert not page.get_by_role("button", name="Uitloggen").is_visible()
    assert _in_viewport(page, save), "the save button must stay in reach (sticky)"
    assert serious_axe_violations(page) == []

    jan, kees, lotte = people[9:12]
    # Contribution choices stay folded away, also for people marked present (on demand).
    assert not page.locator(f'input[name="task-{people[0].pk}"]').first.is_visible()
    # Last week all 15 came: pre-fill them (marked, not saved), untick who is not here.
    act.tap(page.get_by_role("button", name="Zelfde als vorige week"))
    assert "Vooraf ingevuld" in page.locator("[data-prefill-note]").inner_text()
    assert page.locator("[data-present-count]").inner_text() == "15"
    assert page.locator("[data-prefilled-tag]:visible").count() == 15
    assert Attendance.objects.filter(session__date=timezone.localdate()).count() == 0
    screenshot(page, "session-prefilled")
    assert serious_axe_violations(page) == []
    for person in people[12:14]:
        act.tap(page.locator(f"#present-{person.pk}"))
    # Otto called in sick: announced absent (afgemeld) with a reason.
    otto = people[14]
    act.tap(page.locator(f"#present-{otto.pk}"))
    act.choose(page.locator(f"#absent-{otto.pk}"), "ziek")
    # Jan and Kees did their usual task (one tap each), Lotte washed up (open, choose).
    act.tap(page.get_by_role("button", name=f"koken (bijdrage van {jan.display_name})"))
    act.tap(page.get_by_role("button", name=f"tafel dekken (bijdrage van {kees.display_name})"))
    lotte_row = page.locator(f"#present-{lotte.pk}").locator("xpath=ancestor::li")
    act.tap(lotte_row.locator("details.contrib > summary"))
    screenshot(page, "session-contribution")
    assert serious_axe_violations(page) == []
    act.tap(page.locator(f'input[name="task-{lotte.pk}"][value="afwassen"]'))
    lotte_row.locator("[data-contrib-done]").tap()  # folding it again is not needed to save
    act.fill(page.get_by_label("Nieuw vandaag"), "Fatima")
    act.fill(page.get_by_label("Notitie"), "Gezellige lunch, Fatima kwam voor het eerst.")

    # The screen with 12 marked: every row one line, all of it at most two phone screens.
    row_heights = page.locator("[data-session-row]:visible").evaluate_all(
        "rows => rows.map(r => r.getBoundingClientRect().height)"
    )
    assert max(row_heights) <= 52, row_heights
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= 2 * PHONE_HEIGHT, height
    small = page.evaluate(_SMALL_TARGETS)
    assert small == [], small  # every control at least 44x44 CSS px
    assert page.locator("[data-present-count]").inner_text() == "13"
    assert _in_viewport(page, save)
    screenshot(page, "session-marked")
    with page.expect_navigation():
        act.tap(save)

    assert page.get_by_text("Opgeslagen: 13 aanwezig.").is_visible()
    assert page.get_by_role("heading", name="Wat volgde uit deze bijeenkomst").is_visible()
    screenshot(page, "session-saved")
    assert serious_axe_violations(page) == []
    elapsed = time.monotonic() - started
    # 1 open + 1 pre-fill + 3 untick + 2 afgemeld + 2 usual tasks + 2 Lotte's task
    # + 2 fills + 1 save = 14, plus the scrolls that were needed.
    assert act.count - act.scrolls == 14, act.log
    assert act.count <= INTERACTION_BUDGET, "\n".join(act.log)

    session = Session.objects.get(network=network, date=timezone.localdate(), is_one_off=False)
    fatima = Participant.objects.get(network=network, display_name="Fatima")
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    assert present == {p.pk for p in people[:12]} | {fatima.pk}
    assert set(
        Contribution.objects.filter(session=session).values_list("participant_id", "task")
    ) == {(jan.pk, "koken"), (kees.pk, "tafel dekken"), (lotte.pk, "afwassen")}
    assert session.recorded and session.version == 1
    assert session.note == "Gezellige lunch, Fatima kwam voor het eerst."
    absence = AnnouncedAbsence.objects.get(session=session)
    assert (absence.participant, absence.reason) == (otto, "ziek")
    # The announced absence opens no follow-up task; the two unannounced ones do.
    followups_refresh(network=network, today=timezone.localdate())
    assert set(
        FollowUpTask.objects.filter(participant__network=network).values_list(
            "participant_id", flat=True
        )
    ) == {people[12].pk, people[13].pk}

    # After saving, the screen shows the stored state; Fatima carries the "nieuw" badge.
    assert page.locator(f"#present-{fatima.pk}").is_checked()
    assert page.locator(f"#present-{people[12].pk}").is_checked() is False
    assert page.locator(".badge-new:visible").count() == 1  # the invited are folded

    assert page_log.non_local() == []
    assert page_log.console_errors == []
    print(
        f"\nsession recorded with {act.count} interactions ({act.scrolls} scrolls), "
        f"screen {height}px high, in {elapsed:.1f}s (machine time)"
    )


# Visible controls of the session form smaller than 44x44 CSS px (a checkbox counts with
# its label, an option chip with its label).
_SMALL_TARGETS = """() => {
  const form = document.querySelector('form.session-form');
  const small = [];
  form.querySelectorAll('input, select, button, summary, textarea').forEach(el => {
    if (el.type === 'hidden' || el.offsetParent === null) { return; }
    const target = (el.type === 'checkbox' || el.type === 'radio') && el.labels.length
      ? el.labels[0] : el;
    const r = target.getBoundingClientRect();
    if (r.width < 44 || r.height < 44) {
      small.push(`${el.outerHTML.slice(0, 60)} ${Math.round(r.width)}x${Math.round(r.height)}`);
    }
  });
  return small;
}"""


def test_name_filter_and_letters_narrow_the_list(phone_page, live_server, week):
    network, people = week
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/netwerken/{network.pk}/deze-week/")
    rows = page.locator("[data-session-row]:visible")
    page.get_by_label("Zoek een naam").fill("LOT")
    assert rows.count() == 1 and "Lotte" in rows.first.inner_text()
    page.get_by_label("Zoek een naam").fill("")
    letters = page.get_by_role("group", name="Namen met beginletter")
    letters.get_by_role("button", name="V", exact=True).tap()
    # Vera has not come yet: her folded group opens so the match is seen.
    assert rows.count() == 1 and "Vera" in rows.first.inner_text()
    assert serious_axe_violations(page) == []
    letters.get_by_role("button", name="V", exact=True).tap()
    assert rows.count() == 20  # the letter again: everyone (the folded group stays open)


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
    question.scroll_into_view_if_needed()
    screenshot(page, "session-duplicate-name")
    assert serious_axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan").tap()
    assert page.get_by_text("Opgeslagen: 1 aanwezig.").is_visible()
    assert Participant.objects.filter(network=network, display_name__iexact="anna").count() == 1
    assert page.locator(f"#present-{people[0].pk}").is_checked()


def test_one_contribution_list_open_and_the_prefill_label_goes_once_touched(
    phone_page, live_server, week
):
    network, people = week
    page = phone_page
    login_via_form(page, live_server, network.lead_worker)
    page.goto(f"{live_server.url}/netwerken/{network.pk}/deze-week/")
    page.get_by_role("button", name="Zelfde als vorige week").tap()
    anna, bram = people[0], people[1]

    def row(person):
        return page.locator(f"#present-{person.pk}").locator("xpath=ancestor::li")

    row(anna).locator("details.contrib > summary").tap()
    row(bram).locator("details.contrib > summary").tap()
    # Anna's folds again (the toggle event comes a moment later: wait for it).
    expect(page.locator("details.contrib[open]")).to_have_count(1)
    page.locator(f'input[name="task-{bram.pk}"][value="koken"]').tap()
    assert row(bram).locator("[data-prefilled-tag]").is_hidden()  # looked at
    assert row(anna).locator("[data-prefilled-tag]").is_visible()
    assert row(bram).locator("[data-contrib-summary]").inner_text() == "koken"
    page.locator(f"#present-{bram.pk}").tap()  # not here after all: the task goes too
    assert not page.locator(f'input[name="task-{bram.pk}"][value="koken"]').is_checked()
    # Jan's usual task: gone once chosen, back when it is unticked again.
    jan = people[9]
    usual = page.get_by_role("button", name="koken (bijdrage van Jan)")
    usual.tap()
    expect(usual).to_be_hidden()
    row(jan).locator("details.contrib > summary").tap()
    page.locator(f'input[name="task-{jan.pk}"][value="koken"]').tap()
    expect(usual).to_be_visible()
    assert Attendance.objects.filter(session__date=timezone.localdate()).count() == 0
