"""Tablet mode for a network-support client, on the worker's phone (390x844).

The worker hands the device to Kees for one task (his own goals). Kees adds a goal and scores
it. He cannot leave the task: other addresses, the worker's pages, the back button and
signing out all lead back to it. A wrong PIN keeps the device locked; the worker's PIN gives
it back to the worker, on Kees's map page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.myspace.test_contacts import _client_with_map
from vangnet.myspace import services
from vangnet.myspace.client_models import ClientGoal, GoalRating

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKER_PIN = "73915"


def _locked(page, base: str) -> bool:
    return page.url == base + reverse("myspace:tablet_task")


def test_client_tablet_holds_until_the_workers_pin(phone_page, live_server, network):
    worker = network.lead_worker
    kees, _mother = _client_with_map(worker)
    services.space_switch_set(organisation=kees.organisation, network=None, on=True, actor=worker)
    page, base, problems = phone_page, live_server.url, []
    login_via_form(page, live_server, worker)
    page.goto(base + reverse("support:client_map", args=[kees.pk]))
    page.goto(base + reverse("myspace:client_tablet_start", args=[kees.pk]))
    assert "Dit apparaat geven aan Kees" in page.content()
    page.get_by_label("Mijn doelen: een cijfer geven").check()
    page.get_by_label("Jouw pincode voor het teruggeven").fill(WORKER_PIN)
    page.get_by_label("Nog een keer").fill(WORKER_PIN)
    with page.expect_navigation():
        page.get_by_role("button", name="Apparaat geven").tap()
    assert _locked(page, base)
    problems += axe_violations(page)
    # The back button, to the start page and the map page before it: back to the task, and
    # nothing of the worker's pages shows, not even from the browser's cache.
    asked = []
    for _step in range(3):
        answer = page.go_back()
        assert answer is not None  # really loaded again, not shown from the cache
        asked.append(answer.request.redirected_from.url)
        assert _locked(page, base), page.url
        assert "Dit apparaat geven aan" not in page.content()
        assert "Moeder" not in page.content()
    # The first step back asked for the start page, the second for the map page.
    assert asked[:2] == [
        base + reverse("myspace:client_tablet_start", args=[kees.pk]),
        base + reverse("support:client_map", args=[kees.pk]),
    ]

    # Kees writes a goal in his own words and scores it.
    page.get_by_label("Mijn doel").fill("een eigen woning")
    with page.expect_navigation():
        page.get_by_role("button", name="Zet erbij").tap()
    assert _locked(page, base)
    card = page.locator("section.goal-card", has_text="een eigen woning")
    card.locator("input[name=score][value='6']").check()
    with page.expect_navigation():
        card.get_by_role("button", name="Bewaar mijn cijfer").tap()
    assert _locked(page, base) and "Je laatste cijfer: 6." in page.content()
    goal = ClientGoal.objects.get(client=kees, text="een eigen woning")
    assert GoalRating.objects.get(goal=goal).score == 6
    # Only the task: no way to the start page of Mijn Vangnet or to the worker's pages.
    assert page.get_by_role("link", name="Terug naar start").count() == 0
    assert page.get_by_role("button", name="Uitloggen").count() == 0

    # Other addresses: the worker's pages, the client's space, the worker's start page.
    for url in (
        reverse("home"),
        reverse("support:client_list"),
        reverse("support:client_map", args=[kees.pk]),
        reverse("myspace:client_access", args=[kees.pk]),
        reverse("myspace:client_tablet_start", args=[kees.pk]),
        reverse("myspace:home"),
        reverse("myspace:goals"),
    ):
        page.goto(base + url)
        assert _locked(page, base), url
        assert "een eigen woning" in page.content(), url

    # Signing out (the worker's and Mijn Vangnet's), as a form would post it.
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    for url in (reverse("logout"), reverse("myspace:signout")):
        answer = page.request.post(base + url, form={"csrfmiddlewaretoken": token})
        assert answer.url == base + reverse("myspace:tablet_task"), url
    page.goto(base + reverse("home"))
    assert _locked(page, base)  # still the worker's session, still locked

    # "Klaar": a wrong PIN keeps the device locked; the worker's PIN gives it back.
    with page.expect_navigation():
        page.get_by_role("link", name="Klaar", exact=True).tap()
    problems += axe_violations(page)
    page.get_by_label("Pincode van de begeleider").fill("11112")
    with page.expect_navigation():
        page.get_by_role("button", name="Terug naar de begeleider").tap()
    assert "Deze pincode klopt niet." in page.content()
    page.goto(base + reverse("support:client_list"))
    assert _locked(page, base)
    with page.expect_navigation():
        page.get_by_role("link", name="Klaar", exact=True).tap()
    page.get_by_label("Pincode van de begeleider").fill(WORKER_PIN)
    with page.expect_navigation():
        page.get_by_role("button", name="Terug naar de begeleider").tap()
    assert page.url == base + reverse("support:client_map", args=[kees.pk])
    page.goto(base + reverse("support:client_list"))
    assert page.url == base + reverse("support:client_list")  # the worker's device again
    assert problems == []
