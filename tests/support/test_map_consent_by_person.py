"""Issue 16 part 4: a consent per contact person changed by the client (or participant)
themselves in Mijn Vangnet is recorded as theirs (`ConsentChange.by_person`), and the
worker's map page shows each person's consent history with "door cliënt zelf"."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ParticipantFactory, UserFactory
from tests.myspace.conftest import activate, sign_in
from vangnet.audit.models import AuditEvent
from vangnet.privacy.client_rights import client_erase, client_export_data
from vangnet.support import contact_services, map_selectors, map_services
from vangnet.support.models import Client, ConsentChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def kees(worker, organisation):
    return Client.objects.create(organisation=organisation, display_name="Kees", worker=worker)


@pytest.fixture
def mother(kees, worker):
    network_map = map_services.map_wave_create(
        client=kees, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    return map_services.alter_add(
        network_map=network_map, name="Moeder", kind="relative", consent="yes", actor=worker
    )


def _people_table(html: str) -> str:
    return html.split('id="people-heading"')[1].split("</table>")[0]


def test_the_service_records_who_decided(kees, mother, worker):
    contact_services.alter_set_consent(alter=mother, consent="no", actor=None, by_person=True)
    contact_services.alter_set_consent(alter=mother, consent="via_client", actor=worker)
    steps = list(ConsentChange.objects.filter(alter=mother).order_by("pk"))
    assert [(s.consent, s.by_person, s.recorded_by) for s in steps] == [
        ("yes", False, worker),
        ("no", True, None),
        ("via_client", False, worker),
    ]
    # audited as before: the client's change without a staff actor
    assert AuditEvent.objects.filter(
        actor=None, action="update", detail="consent door deelnemer zelf"
    ).exists()


def test_client_change_in_mijn_vangnet_shows_on_the_workers_map(client, kees, mother, worker):
    sign_in(client, activate(None, actor=worker, client=kees))
    response = client.post(reverse("myspace:contacts"), {"alter": mother.pk, "consent": "no"})
    assert response.status_code == 302
    change = ConsentChange.objects.filter(alter=mother).latest("pk")
    assert change.consent == "no" and change.by_person and change.recorded_by is None
    client.force_login(worker)
    table = _people_table(
        client.get(reverse("support:client_map", args=[kees.pk])).content.decode()
    )
    assert "door cliënt zelf" in table
    assert "Eerdere keuzes" in table  # the worker's first "ja" stays in the history
    assert "Nee, geen contact" in table.split("Eerdere keuzes")[1]


def test_a_workers_change_names_the_worker_not_the_client(client, kees, mother, worker):
    worker.first_name, worker.last_name = "Wim", "Werker"
    worker.save()
    contact_services.alter_set_consent(alter=mother, consent="no", actor=worker)
    client.force_login(worker)
    table = _people_table(
        client.get(reverse("support:client_map", args=[kees.pk])).content.decode()
    )
    assert "door cliënt zelf" not in table and "(Wim Werker)" in table


def test_history_follows_the_person_into_a_new_wave(client, kees, mother, worker):
    contact_services.alter_set_consent(alter=mother, consent="no", actor=None, by_person=True)
    second = map_services.map_wave_create(client=kees, wave_date=dt.date(2025, 9, 1), actor=worker)
    (carried,) = second.alters.all()
    waves = map_selectors.owner_waves(client=kees)
    with CaptureQueriesContext(connection) as queries:
        histories = map_selectors.consent_histories(waves=waves)
    assert len(queries) == 2  # the people's origins, the changes (with their workers)
    steps = histories[carried.pk]
    assert [(s.label, s.by_person) for s in steps] == [
        ("Ja, de werker mag contact opnemen", False),
        ("Nee, geen contact", True),
    ]
    assert map_selectors.consent_histories(waves=[]) == {}


def test_map_page_queries_do_not_grow_with_the_history(client, kees, mother, worker):
    url = reverse("support:client_map", args=[kees.pk])
    client.force_login(worker)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(6):
        consent = "no" if n % 2 == 0 else "yes"
        contact_services.alter_set_consent(
            alter=mother, consent=consent, actor=None, by_person=True
        )
        map_services.alter_add(
            network_map=mother.network_map, name=f"Buur {n}", kind="neighbour", actor=worker
        )
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_participant_map_says_door_deelnemer_zelf(client, network, worker):
    anna = ParticipantFactory(network=network, display_name="Anna")
    network_map = map_services.map_wave_create(
        participant=anna, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    friend = map_services.alter_add(
        network_map=network_map, name="Vriendin", kind="friend", consent="yes", actor=worker
    )
    sign_in(client, activate(anna, actor=worker))
    client.post(reverse("myspace:contacts"), {"alter": friend.pk, "consent": "no"})
    client.force_login(worker)
    html = client.get(reverse("support:participant_map", args=[anna.pk])).content.decode()
    table = _people_table(html)
    assert "door deelnemer zelf" in table and "door cliënt zelf" not in table


def test_removed_person_keeps_the_mark(client, kees, mother, worker):
    contact_services.alter_set_consent(alter=mother, consent="no", actor=None, by_person=True)
    map_services.alter_remove(alter=mother, actor=worker)
    client.force_login(worker)
    html = client.get(reverse("support:client_map", args=[kees.pk])).content.decode()
    assert "door cliënt zelf" in html.split('class="removed-alters"')[1]


def test_colleague_elsewhere_gets_404_and_export_and_erasure_cover_it(client, kees, mother, worker):
    contact_services.alter_set_consent(alter=mother, consent="no", actor=None, by_person=True)
    stranger = UserFactory()  # a social worker of another organisation
    client.force_login(stranger)
    assert client.get(reverse("support:client_map", args=[kees.pk])).status_code == 404
    (person,) = client_export_data(client=kees)["waves"][0]["people"]
    assert [step["by_self"] for step in person["consent_history"]] == [False, True]
    client_erase(client=kees, actor=worker)
    assert not ConsentChange.objects.exists()
