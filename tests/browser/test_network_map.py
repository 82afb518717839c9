"""A worker builds a client's network map in two waves, with consent per contact, and sees
the difference."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from vangnet.support.models import Alter, Client, ConsentChange

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _form(page, action):
    return page.locator(f"form:has(input[name=action][value={action}])").first


def _start_wave(page, day):
    page.locator("summary", has_text="meting beginnen").click()
    form = _form(page, "wave")
    form.locator("input[name=wave_date]").fill(day.isoformat())
    with page.expect_navigation():
        form.get_by_role("button", name="Beginnen").click()


def _add(page, name, kind, closeness):
    page.locator("summary", has_text="Iemand toevoegen").click()
    form = _form(page, "alter")
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=kind]").select_option(kind)
    form.locator("select[name=closeness]").select_option(closeness)
    form.locator("input[name=support_types][value=emotional]").check()
    with page.expect_navigation():
        form.get_by_role("button", name="Toevoegen").click()


def _consent(page, name, value):
    alter = Alter.objects.filter(name=name).order_by("-pk").first()
    page.locator(f"#consent-{alter.pk}").select_option(value)
    with page.expect_navigation():
        page.locator(f"form:has(#consent-{alter.pk})").get_by_role("button").click()


def test_two_waves_with_consent_show_the_difference(phone_page, live_server, worker):
    page = phone_page
    today = timezone.localdate()
    record = Client.objects.create(
        organisation=worker.organisation, display_name="Kees", worker=worker
    )
    login_via_form(page, live_server, worker)
    page.goto(f"{live_server.url}/steun/clienten/{record.pk}/kaart/")

    _start_wave(page, today - dt.timedelta(days=90))
    _add(page, "Moeder", "relative", "2")
    _consent(page, "Moeder", "yes")
    assert ConsentChange.objects.filter(consent="yes").count() == 1

    _start_wave(page, today)
    _add(page, "Anne", "vangnetwerk", "1")
    _consent(page, "Anne", "via_client")

    table = page.locator("table", has=page.locator("caption", has_text="Wat veranderde er?"))
    assert table.count() == 1, page.locator("main").inner_text()
    text = table.inner_text()
    assert "Mensen in het netwerk" in text
    people = table.locator("tr", has_text="Mensen in het netwerk").locator("td")
    assert [people.nth(0).inner_text(), people.nth(1).inner_text()] == ["1", "2"]
    assert page.get_by_text("Nieuw uit het vangnetwerk:").is_visible()
    assert page.locator("svg").count() >= 2
    assert Alter.objects.get(name="Anne").consent == "via_client"
