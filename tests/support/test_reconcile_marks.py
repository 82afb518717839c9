"""The data migration support 0008: marks "hoort bij de steungroep" made before the mark went
through the steungroep timeline get an open period; nothing else changes."""

import datetime as dt
import importlib

import pytest
from django.apps import apps

from tests.factories import ParticipantFactory
from vangnet.support import map_services
from vangnet.support.models import Alter, SupportGroupMember

pytestmark = pytest.mark.django_db

migration = importlib.import_module("vangnet.support.migrations.0008_reconcile_support_group_marks")
DAY = dt.date(2026, 3, 2)


def old_mark(alter):
    """As the map page set it before: the flag only, no period."""
    Alter.objects.filter(pk=alter.pk).update(in_support_group=True)


@pytest.fixture
def client_waves(worker):
    client = map_services.client_create(
        organisation=worker.organisation, worker=worker, actor=worker, display_name="Sem"
    )
    first = map_services.map_wave_create(client=client, wave_date=DAY, actor=worker)
    for name in ("Buurman Gerrit", "Zus Anja", "Oom Piet", "Collega Ruud"):
        map_services.alter_add(network_map=first, name=name, kind="neighbour", actor=worker)
    gerrit, anja, piet, ruud = Alter.objects.filter(network_map=first).order_by("pk")
    old_mark(gerrit)  # marked in both waves: from the first
    old_mark(ruud)  # marked, then taken off the newest map
    second = map_services.map_wave_create(
        client=client, wave_date=DAY + dt.timedelta(days=90), actor=worker
    )
    later = {a.name: a for a in Alter.objects.filter(network_map=second)}
    old_mark(later["Buurman Gerrit"])
    old_mark(later["Zus Anja"])  # marked in the newest wave only
    map_services.alter_remove(alter=later["Collega Ruud"], actor=worker)
    return client, later


def test_marked_people_on_the_newest_map_get_an_open_period(client_waves):
    client, later = client_waves
    migration.reconcile(apps, None)
    periods = {m.name: m for m in SupportGroupMember.objects.filter(client=client)}
    assert set(periods) == {"Buurman Gerrit", "Zus Anja"}
    assert periods["Buurman Gerrit"].start == DAY
    assert periods["Zus Anja"].start == DAY + dt.timedelta(days=90)
    assert all(m.end is None and m.recorded_by is None for m in periods.values())
    assert periods["Zus Anja"].alter == later["Zus Anja"]
    # Run again: nothing doubles.
    migration.reconcile(apps, None)
    assert SupportGroupMember.objects.filter(client=client).count() == 2


def test_an_open_period_already_there_is_left_alone(client_waves, worker):
    client, later = client_waves
    gerrit_first = Alter.objects.get(network_map__wave_date=DAY, name="Buurman Gerrit")
    SupportGroupMember.objects.create(
        client=client, name="Gerrit", alter=gerrit_first, start=DAY - dt.timedelta(days=5)
    )
    migration.reconcile(apps, None)
    assert list(
        SupportGroupMember.objects.filter(client=client)
        .order_by("name")
        .values_list("name", flat=True)
    ) == ["Gerrit", "Zus Anja"]


def test_a_participants_map_has_no_timeline(network, worker):
    person = ParticipantFactory(network=network)
    wave = map_services.map_wave_create(participant=person, wave_date=DAY, actor=worker)
    map_services.alter_add(network_map=wave, name="Buurvrouw", kind="neighbour", actor=worker)
    old_mark(Alter.objects.get(network_map=wave))
    migration.reconcile(apps, None)
    assert not SupportGroupMember.objects.exists()
