"""A worker records a client's support group (its form and a member), an agreement with the
informal network and a review, on a phone, and sees the timeline and the contacts chart with
readable text, its "what you see" line and the table; the page passes axe and never scrolls
sideways at 360 px."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import login_via_form
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_phone_layout import SMALLEST_TEXTS
from vangnet.support import map_services
from vangnet.support.models import AgreementReview, SupportGroupMember, SupportGroupShape

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _form(page, action):
    return page.locator(f"form:has(input[name=action][value={action}])").first


def _submit(page, form, button):
    with page.expect_navigation():
        form.get_by_role("button", name=button).click()


def test_support_group_agreement_and_chart_on_a_phone(phone_page, live_server, worker):
    page = phone_page
    today = timezone.localdate()
    client = map_services.client_create(
        organisation=worker.organisation, worker=worker, actor=worker, display_name="Sem"
    )
    wave = map_services.map_wave_create(
        client=client, wave_date=today - dt.timedelta(days=40), actor=worker
    )
    map_services.alter_add(
        network_map=wave, name="Zus Ilse", kind="relative", consent="yes", actor=worker
    )
    login_via_form(page, live_server, worker)
    page.goto(f"{live_server.url}/steun/clienten/{client.pk}/kaart/")
    with page.expect_navigation():
        page.get_by_role("link", name="Steungroep en samenwerking met het netwerk").click()

    page.locator("summary", has_text="Vorm van de steungroep vastleggen").click()
    form = _form(page, "shape")
    form.get_by_label("Een chatgroep (bijvoorbeeld WhatsApp)").check()
    form.locator("input[name=since]").fill((today - dt.timedelta(days=30)).isoformat())
    _submit(page, form, "Opslaan")
    assert SupportGroupShape.objects.get().kinds == ["chat"]

    page.locator("summary", has_text="Iemand in de steungroep zetten").click()
    form = _form(page, "member")
    form.locator("select[name=alter]").select_option(label="Zus Ilse")
    form.locator("input[name=start]").fill((today - dt.timedelta(days=30)).isoformat())
    _submit(page, form, "Toevoegen")
    assert SupportGroupMember.objects.get().name == "Zus Ilse"

    # Bad input: a review date before the agreement shows a Dutch message, saves nothing.
    page.locator("summary", has_text="Afspraak vastleggen").click()
    form = _form(page, "agreement")
    form.locator("input[name=who]").fill("Zus Ilse")
    form.locator("input[name=what]").fill("Belt elke zondagavond")
    form.locator("input[name=made_on]").fill((today - dt.timedelta(days=20)).isoformat())
    _submit(page, form, "Opslaan")
    page.locator("summary", has_text="Terugblikken").click()
    form = _form(page, "review")
    form.locator("input[name=date]").fill((today - dt.timedelta(days=25)).isoformat())
    form.get_by_label("Deels").check()
    _submit(page, form, "Opslaan")
    assert page.get_by_text("De datum ligt voor de datum van de afspraak.").is_visible()
    assert not AgreementReview.objects.exists()
    form = _form(page, "review")
    form.locator("input[name=date]").fill((today - dt.timedelta(days=6)).isoformat())
    form.get_by_label("Deels").check()
    _submit(page, form, "Opslaan")
    assert AgreementReview.objects.get().kept == "partly"

    main = page.locator("main").inner_text()
    assert "Zus Ilse kwam erbij" in main and "Vorm: Een chatgroep" in main
    assert page.locator("svg.group-chart").is_visible()
    assert page.get_by_text("Wat je ziet:").is_visible()
    assert page.locator("caption", has_text="Dezelfde cijfers in een tabel").count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    smallest = page.evaluate(SMALLEST_TEXTS)
    assert smallest and smallest[0][0] >= 12, smallest
    page.set_viewport_size({"width": 360, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    assert axe_violations(page) == []
