"""One source of truth for "hoort bij de steungroep": the mark on the client's map page goes
through the steungroep timeline (`group_services.group_mark_set`), so the timeline, the map
and the client's own view in Mijn Vangnet always agree, whichever page set it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory
from tests.myspace.conftest import activate, sign_in
from vangnet.support import group_services, map_services
from vangnet.support.models import Alter, SupportGroupMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def sem(worker):
    client = map_services.client_create(
        organisation=worker.organisation, worker=worker, actor=worker, display_name="Sem"
    )
    wave = map_services.map_wave_create(
        client=client, wave_date=timezone.localdate() - dt.timedelta(days=40), actor=worker
    )
    map_services.alter_add(network_map=wave, name="Buurman Gerrit", kind="neighbour", actor=worker)
    account = activate(None, actor=worker, client=client)
    return {"client": client, "wave": wave, "account": account}


def _map(sem):
    return reverse("support:client_map", kwargs={"client_id": sem["client"].pk})


def _group(sem):
    return reverse("support:client_group", kwargs={"client_id": sem["client"].pk})


def _own_view(django_client, sem) -> str:
    """What the client reads in Mijn Vangnet as the worker's steungroep on their map."""
    sign_in(django_client, sem["account"])
    html = django_client.get(reverse("myspace:support_group")).content.decode()
    marker = "als steungroep op je kaart:"
    return html.split(marker, 1)[1].split("</p>", 1)[0] if marker in html else ""


def _open_members(sem) -> list[str]:
    return list(
        SupportGroupMember.objects.filter(client=sem["client"], end__isnull=True).values_list(
            "name", flat=True
        )
    )


def _edit(alter, **extra):
    data = {
        "action": "edit",
        "alter": alter.pk,
        "name": alter.name,
        "kind": alter.kind,
        "closeness": alter.closeness,
    }
    return {**data, **extra}


def test_the_mark_on_the_map_page_goes_through_the_timeline(client, worker, sem):
    client.force_login(worker)
    response = client.post(
        _map(sem),
        {
            "action": "alter",
            "name": "Zus Ilse",
            "kind": "relative",
            "closeness": 1,
            "consent": "no",
            "in_support_group": "on",
        },
    )
    assert response.status_code == 302
    member = SupportGroupMember.objects.get(client=sem["client"], end__isnull=True)
    ilse = Alter.objects.get(network_map=sem["wave"], name="Zus Ilse")
    assert member.alter == ilse and member.start == sem["wave"].wave_date
    assert ilse.in_support_group
    group_page = client.get(_group(sem)).content.decode()
    assert "Zus Ilse kwam erbij" in group_page
    # Marked on the map's edit form too (Gerrit), then unmarked (Ilse): the same timeline.
    gerrit = Alter.objects.get(network_map=sem["wave"], name="Buurman Gerrit")
    assert client.post(_map(sem), _edit(gerrit, in_support_group="on")).status_code == 302
    assert sorted(_open_members(sem)) == ["Buurman Gerrit", "Zus Ilse"]
    assert client.post(_map(sem), _edit(ilse)).status_code == 302
    assert _open_members(sem) == ["Buurman Gerrit"]
    ended = SupportGroupMember.objects.get(alter=ilse)
    assert ended.end == timezone.localdate()
    ilse.refresh_from_db()
    assert not ilse.in_support_group
    assert "Zus Ilse ging eruit" in client.get(_group(sem)).content.decode()
    own = _own_view(client, sem)
    assert "Buurman Gerrit" in own and "Zus Ilse" not in own


def test_the_timeline_shows_on_the_map_page_and_in_the_clients_view(client, worker, sem):
    gerrit = Alter.objects.get(network_map=sem["wave"], name="Buurman Gerrit")
    client.force_login(worker)
    start = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    response = client.post(_group(sem), {"action": "member", "alter": gerrit.pk, "start": start})
    assert response.status_code == 302
    map_page = client.get(_map(sem)).content.decode()
    assert 'Buurman Gerrit <span class="badge">steungroep</span>' in map_page
    assert 'name="in_support_group" checked' in map_page
    assert "Buurman Gerrit" in _own_view(client, sem)
    member = SupportGroupMember.objects.get(alter=gerrit)
    client.force_login(worker)
    response = client.post(
        _group(sem),
        {"action": "member_end", "item": member.pk, "end": timezone.localdate().isoformat()},
    )
    assert response.status_code == 302
    map_page = client.get(_map(sem)).content.decode()
    assert 'Buurman Gerrit <span class="badge">steungroep</span>' not in map_page
    assert 'name="in_support_group" checked' not in map_page
    assert _own_view(client, sem) == ""


def test_taking_someone_off_the_map_ends_their_period(worker, sem):
    gerrit = Alter.objects.get(network_map=sem["wave"], name="Buurman Gerrit")
    group_services.group_mark_set(alter=gerrit, on=True, actor=worker)
    group_services.group_mark_set(alter=gerrit, on=True, actor=worker)  # no second period
    assert SupportGroupMember.objects.filter(alter=gerrit).count() == 1
    map_services.alter_remove(alter=gerrit, actor=worker)
    assert _open_members(sem) == []
    gerrit.refresh_from_db()
    assert not gerrit.in_support_group


def test_a_participants_map_has_no_timeline_and_keeps_its_own_mark(worker, network):
    anna = ParticipantFactory(network=network, display_name="Anna")
    wave = map_services.map_wave_create(
        participant=anna, wave_date=timezone.localdate(), actor=worker
    )
    sister = map_services.alter_add(
        network_map=wave, name="Zus", kind="relative", in_support_group=True, actor=worker
    )
    assert sister.in_support_group
    assert not SupportGroupMember.objects.exists()
    map_services.alter_update(
        alter=sister,
        name="Zus",
        kind="relative",
        closeness=sister.closeness,
        in_support_group=False,
        actor=worker,
    )
    sister.refresh_from_db()
    assert not sister.in_support_group
