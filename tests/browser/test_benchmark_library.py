"""Issue 19 in a browser (390x844, axe WCAG 2.1 A/AA): an organisation's administrator takes
part in the benchmark and its coordinator sees the bands beside three other organisations;
a coordinator publishes a community-of-practice lesson from its page to the shared library
and a coordinator of another organisation finds it and adopts it, the origin credited."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.factories import OrganisationFactory, UserFactory
from vangnet.benchmark import metrics as m
from vangnet.benchmark.models import Participation, Snapshot
from vangnet.benchmark.tasks import benchmark_changed_task
from vangnet.dashboards.periods import quarter_of
from vangnet.practice.models import Lesson
from vangnet.practice.services import lesson_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def other_organisations() -> None:
    year, quarter = quarter_of(timezone.localdate())
    for index, name in enumerate(("Welzijn Oost", "Zorg West", "Buurtwerk Noord")):
        organisation = OrganisationFactory(name=name)
        Participation.objects.create(organisation=organisation, named=index == 1)
        rows = [
            {
                "network_id": 10 * index + i,
                "name": f"{name} {i}",
                "phase": "build_up",
                "values": {m.FIDELITY: 45 + 10 * index + i, m.ATTENDANCE: 8 + i},
                "people": {"acquainted": 8, "reached": 12},
            }
            for i in range(2)
        ]
        Snapshot.objects.create(
            organisation=organisation,
            year=year,
            quarter=quarter,
            rows=rows,
            computed_at=timezone.now(),
        )


def test_the_administrator_opts_in_and_the_coordinator_sees_the_benchmark(phone_page, live_server):
    other_organisations()
    admin = UserFactory(admin=True)
    coordinator = UserFactory(organisation=admin.organisation, coordinator=True)
    problems: list[str] = []

    login_via_form(phone_page, live_server, admin)
    phone_page.goto(f"{live_server.url}/benchmark/deelname/")
    assert "doet nu niet mee" in phone_page.content()
    problems += [f"deelname: {v}" for v in axe_violations(phone_page)]
    phone_page.get_by_role("button", name="Meedoen").click()
    phone_page.wait_for_load_state()
    assert Participation.objects.filter(organisation=admin.organisation).exists()
    assert "doet mee sinds" in phone_page.content()
    benchmark_changed_task.call(admin.organisation_id)  # what the worker does next

    phone_page.context.clear_cookies()
    login_via_form(phone_page, live_server, coordinator)
    phone_page.goto(f"{live_server.url}/benchmark/")
    page = phone_page.content()
    assert "4 organisaties doen mee" in page and "Zorg West" in page  # named, by choice
    assert "Welzijn Oost" not in page  # not named
    assert phone_page.locator("figure.benchmark-figure svg").count() == 1
    methodetrouw = phone_page.locator("tr", has_text="Methodetrouw")
    assert "6" in methodetrouw.inner_text()  # six networks of three organisations
    problems += [f"benchmark: {v}" for v in axe_violations(phone_page)]
    assert problems == []


def test_a_lesson_is_published_and_another_organisation_adopts_it(phone_page, live_server):
    author = UserFactory(coordinator=True, organisation=OrganisationFactory(name="Stichting Kern"))
    lesson = lesson_create(
        author=author,
        title="Samen koken als vaste start",
        text="Elke week begint met samen koken. Nieuwe mensen krijgen een vaste taak.",
        date=timezone.localdate() - dt.timedelta(days=7),
        themes=[],
    )
    problems: list[str] = []
    login_via_form(phone_page, live_server, author)
    phone_page.goto(f"{live_server.url}/praktijk/lessen/{lesson.pk}/")
    problems += [f"lesson: {v}" for v in axe_violations(phone_page)]
    phone_page.get_by_role("link", name="Publiceer in de bibliotheek").click()
    assert phone_page.get_by_label("Titel").input_value() == lesson.title
    problems += [f"publish: {v}" for v in axe_violations(phone_page)]
    phone_page.get_by_role("button", name="Publiceren").click()
    phone_page.wait_for_url("**/bibliotheek/*/")
    assert "Gepubliceerd in de gedeelde bibliotheek" in phone_page.content()

    reader = UserFactory(coordinator=True, organisation=OrganisationFactory(name="Buurtkracht"))
    phone_page.context.clear_cookies()
    login_via_form(phone_page, live_server, reader)
    phone_page.goto(f"{live_server.url}/bibliotheek/?q=koken")
    problems += [f"library: {v}" for v in axe_violations(phone_page)]
    phone_page.get_by_role("link", name=lesson.title).click()
    # content() right after a click can catch the page between two documents
    expect(phone_page.locator("main")).to_contain_text("afkomstig van Stichting Kern")
    problems += [f"detail: {v}" for v in axe_violations(phone_page)]
    phone_page.get_by_role("button", name="Overnemen in mijn organisatie").click()
    phone_page.wait_for_url("**/praktijk/lessen/*/")
    page = phone_page.content()
    assert "Overgenomen in je eigen organisatie" in page
    assert "afkomstig van Stichting Kern" in page
    copy = Lesson.objects.get(organisation=reader.organisation)
    assert copy.title == lesson.title
    problems += [f"adopted: {v}" for v in axe_violations(phone_page)]
    assert problems == []
