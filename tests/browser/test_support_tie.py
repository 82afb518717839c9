"""A social worker records a support tie on a tablet and sees the sociogram change."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import _new_page, login_via_form
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance
from vangnet.support.models import SupportTie

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TABLET = {"viewport": {"width": 820, "height": 1180}}


@pytest.fixture
def tablet_page(chromium_browser, live_server, page_log):
    context, page = _new_page(chromium_browser, live_server, page_log, **TABLET)
    yield page
    context.close()


def test_record_a_tie_and_see_the_sociogram_change(tablet_page, live_server, page_log):
    page = tablet_page
    today = timezone.localdate()
    network = NetworkFactory(start_date=today - dt.timedelta(days=60))
    anne = ParticipantFactory(network=network, display_name="Anne")
    janneke = ParticipantFactory(network=network, display_name="Janneke")
    session = SessionFactory(network=network, date=today - dt.timedelta(days=7), recorded=True)
    Attendance.objects.bulk_create(
        Attendance(session=session, participant=p) for p in (anne, janneke)
    )
    login_via_form(page, live_server, network.lead_worker)

    sociogram = f"{live_server.url}/steun/{network.pk}/sociogram/"
    page.goto(sociogram)
    main = page.locator("svg.sociogram").first
    assert main.locator("path.tie").count() == 0
    assert main.locator("g.node-isolate").count() == 2

    page.goto(f"{live_server.url}/steun/{network.pk}/nieuw/?van={anne.pk}")
    page.get_by_label("Aan wie?").select_option(label="Janneke")
    page.get_by_label("Praktische hulp").check()
    page.get_by_label("Korte notitie (mag leeg blijven)").fill("bracht Janneke naar het ziekenhuis")
    with page.expect_navigation():
        page.get_by_role("button", name="Opslaan", exact=True).click()
    assert page.get_by_text("De steun is vastgelegd.").is_visible(), page.locator(
        "main"
    ).inner_text()
    assert SupportTie.objects.filter(giver=anne, receiver=janneke).count() == 1

    page.goto(sociogram)
    main = page.locator("svg.sociogram").first
    tie = main.locator("path.tie-practical")
    assert tie.count() == 1
    assert tie.get_attribute("data-from") == str(anne.pk)
    assert main.locator("g.node-isolate").count() == 0
    # tapping a person highlights their ties (progressive enhancement)
    main.locator(f'g.node[data-node="{anne.pk}"]').click()
    assert "is-related" in (tie.get_attribute("class") or "")
    page.get_by_text("Het sociogram als tabel").click()
    assert page.locator("table.sociogram-table td", has_text="Praktische hulp").is_visible()
    assert not page_log.console_errors, page_log.console_errors
    assert not page_log.non_local(), page_log.non_local()


def test_support_pages_are_accessible(phone_page, live_server):
    """axe-core WCAG 2.1 A/AA on the support pages, with demo data and demo ties."""
    from tests.browser.test_accessibility import check_pages
    from vangnet.demo import content
    from vangnet.demo.generator import demo_generate
    from vangnet.organisations.models import User
    from vangnet.participants.models import Participant
    from vangnet.support.demo import support_demo_ties
    from vangnet.support.map_services import alter_add, map_wave_create

    today = timezone.localdate()
    demo_generate(today=today, progress=False)
    worker = User.objects.get(username="sociaalwerker")
    network = worker.led_networks.first()
    support_demo_ties(network=network, seed="a11y", today=today)
    participant = Participant.objects.filter(network=network).first()
    first = map_wave_create(
        participant=participant, wave_date=today - dt.timedelta(days=90), actor=worker
    )
    alter_add(network_map=first, name="Zus", kind="relative", consent="yes", actor=worker)
    second = map_wave_create(participant=participant, wave_date=today, actor=worker)
    alter_add(network_map=second, name="Anne", kind="vangnetwerk", actor=worker)
    login_via_form(phone_page, live_server, worker, password=content.DEMO_PASSWORD)
    paths = [
        f"/steun/{network.pk}/sociogram/",
        f"/steun/{network.pk}/sociogram/?split=quarter&support_type=practical",
        f"/steun/{network.pk}/",
        f"/steun/{network.pk}/nieuw/",
        "/steun/clienten/",
        "/steun/clienten/nieuw/",
        f"/steun/deelnemer/{participant.pk}/kaart/",
        f"/netwerken/{network.pk}/",
    ]
    assert check_pages(phone_page, live_server, paths) == []
