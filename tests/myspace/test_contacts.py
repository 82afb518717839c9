"""The client decides per contact person whether the worker may contact them."""

import datetime as dt

from django.urls import reverse

from tests.myspace.conftest import activate, sign_in
from vangnet.audit.models import AuditEvent
from vangnet.support import map_services
from vangnet.support.models import Alter, Client, ConsentChange


def _client_with_map(worker, name="Kees"):
    client_record = Client.objects.create(
        organisation=worker.organisation, display_name=name, worker=worker
    )
    network_map = map_services.map_wave_create(
        client=client_record, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    mother = map_services.alter_add(
        network_map=network_map, name="Moeder", kind="relative", consent="yes", actor=worker
    )
    return client_record, mother


def test_client_withdraws_consent_for_one_contact(client, space):
    worker = space["worker"]
    kees, mother = _client_with_map(worker)
    sign_in(client, activate(None, actor=worker, client=kees))
    page = client.get(reverse("myspace:contacts")).content.decode()
    assert "Moeder" in page
    response = client.post(reverse("myspace:contacts"), {"alter": mother.pk, "consent": "no"})
    assert response.status_code == 302
    mother.refresh_from_db()
    assert mother.consent == "no"
    change = ConsentChange.objects.filter(alter=mother).order_by("-pk").first()
    assert change.consent == "no" and change.recorded_by is None
    assert AuditEvent.objects.filter(detail="consent door deelnemer zelf").exists()
    # The worker's map page shows it at once.
    client.force_login(worker)
    html = client.get(reverse("support:client_map", args=[kees.pk])).content.decode()
    assert 'value="no" selected' in html or "Nee, geen contact" in html


def test_no_consent_change_on_anothers_map(client, space):
    worker = space["worker"]
    kees, _mother = _client_with_map(worker)
    _other, their_mother = _client_with_map(worker, name="Piet")
    sign_in(client, activate(None, actor=worker, client=kees))
    html = client.get(reverse("myspace:contacts")).content.decode()
    assert f'value="{their_mother.pk}"' not in html and "Piet" not in html
    response = client.post(reverse("myspace:contacts"), {"alter": their_mother.pk, "consent": "no"})
    assert response.status_code == 404
    assert Alter.objects.get(pk=their_mother.pk).consent == "yes"
