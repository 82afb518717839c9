"""The home page says what to do today, per role (on the demo data: one world, every role)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from vangnet.audit.models import AuditEvent
from vangnet.core import home_selectors
from vangnet.demo.generator import demo_generate
from vangnet.organisations.models import User


@pytest.fixture
def demo(db):
    demo_generate(today=timezone.localdate(), progress=False)
    return {user.username: user for user in User.objects.all()}


def test_each_role_sees_what_it_needs_first(client, demo):
    client.force_login(demo["coordinator"])
    html = client.get("/").content.decode()
    assert "Vangnetwerken die aandacht vragen" in html and "Deze week" in html
    assert "Beheer: wat aandacht vraagt" not in html

    client.force_login(demo["evaluator"])
    html = client.get("/").content.decode()
    assert "Geplande evaluatiegesprekken" in html
    assert "Je bent ingelogd als" not in html, "no placeholder while interviews are planned"
    assert "Vangnetwerken die aandacht vragen" not in html

    client.force_login(demo["beheerder"])
    html = client.get("/").content.decode()
    assert "accounts zonder tweestapsverificatie" in html
    assert "mislukte inlogpogingen" in html

    client.force_login(demo["sociaalwerker"])
    html = client.get("/").content.decode()
    assert "Bijeenkomst van deze week invullen" in html
    assert "Vangnetwerken die aandacht vragen" not in html
    assert "Beheer: wat aandacht vraagt" not in html


def test_attention_names_its_reasons_and_stays_in_the_organisation(demo):
    coordinator = demo["coordinator"]
    today = timezone.localdate()
    items = home_selectors.networks_needing_attention(user=coordinator, today=today)
    for item in items:
        assert item.network.organisation_id == coordinator.organisation_id
        assert item.reasons and all(text and path.startswith("/") for text, path in item.reasons)
    figures = home_selectors.week_figures(user=coordinator, today=today)
    assert 0 <= figures.recorded <= figures.networks


def test_admin_counts_accounts_without_two_factor_and_failed_sign_ins(client, demo):
    admin = demo["beheerder"]
    today = timezone.localdate()
    before = home_selectors.admin_work(user=admin, today=today)
    assert (
        before.without_two_factor
        == User.objects.filter(organisation=admin.organisation, is_active=True).count()
    )
    client.post("/inloggen/", {"username": "coordinator", "password": "fout"})
    after = home_selectors.admin_work(user=admin, today=today)
    assert after.failed_sign_ins == before.failed_sign_ins + 1
    worker = demo["sociaalwerker"]
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    assert home_selectors.admin_work(user=admin, today=today).switched_off == 1


def test_absences_of_the_coming_week_are_shown_and_audited(client, demo):
    from vangnet.networks.models import Network, Session
    from vangnet.networks.sessions.absences import absence_announce

    worker = demo["sociaalwerker"]
    today = timezone.localdate()
    network = Network.objects.filter(lead_worker=worker).first()
    session = Session.objects.filter(network=network, date__gte=today).order_by("date").first()
    if session is None:
        session = Session.objects.create(network=network, date=today + dt.timedelta(days=2))
    participant = network.participants.exclude(attendances__session=session).first()
    absence_announce(session=session, participant=participant, reason="", actor=worker)
    assert [a.participant for a in home_selectors.absences_coming(user=worker, today=today)] == [
        participant
    ]
    client.force_login(worker)
    html = client.get("/").content.decode()
    assert "Afgemeld voor de komende week" in html and participant.display_name in html
    assert AuditEvent.objects.filter(object_type="networks.announcedabsence").exists()
    # Someone of another network's team sees nothing of it.
    assert home_selectors.absences_coming(user=demo["sociaalwerker2"], today=today) == []
