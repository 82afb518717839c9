"""The participant form asks "Bedoel je Ria?" before creating (or renaming to) a name that
resembles an existing participant: case, accents, small typos (participants/names.py)."""

import pytest
from django.urls import reverse

from tests.factories import NetworkFactory, ParticipantFactory
from vangnet.audit.models import AuditEvent
from vangnet.participants.models import Participant
from vangnet.participants.names import similar_for_names

pytestmark = pytest.mark.django_db


def create(client, network, **data):
    return client.post(reverse("participants:create", args=[network.pk]), data)


@pytest.mark.parametrize("typed", ["ria", "Riá", "Rita", "Ria de Vries"])
def test_a_lookalike_name_asks_first_and_saves_nothing(worker_client, network, typed):
    ria = ParticipantFactory(network=network, display_name="Ria")
    response = create(worker_client, network, display_name=typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bedoel je Ria (sinds" in html
    assert reverse("participants:detail", args=[ria.pk]) in html
    assert f'name="name_confirmed" value="{typed}"' in html
    assert Participant.objects.filter(network=network).count() == 1
    assert AuditEvent.objects.filter(detail__startswith="naamcontrole deelnemer").exists()


def test_no_a_new_person_creates_them(worker_client, network):
    ParticipantFactory(network=network, display_name="Ria")
    response = create(worker_client, network, display_name="ria", name_confirmed="ria")
    assert response.status_code == 302
    assert Participant.objects.filter(network=network, display_name="ria").count() == 1


def test_a_confirmation_for_another_name_does_not_count(worker_client, network):
    ParticipantFactory(network=network, display_name="Ria")
    response = create(worker_client, network, display_name="Rita", name_confirmed="ria")
    assert response.status_code == 200 and "Bedoel je Ria" in response.content.decode()
    assert not Participant.objects.filter(display_name="Rita").exists()


def test_an_unlike_name_is_created_at_once(worker_client, network):
    ParticipantFactory(network=network, display_name="Ria")
    assert create(worker_client, network, display_name="Joost").status_code == 302


def test_someone_of_another_network_is_mentioned_without_a_link(worker_client, network):
    other = NetworkFactory(organisation=network.organisation, name="Buurtsoep")
    ria = ParticipantFactory(network=other, display_name="Ria")
    html = create(worker_client, network, display_name="Ria").content.decode()
    assert "Er is ook een Ria bij Buurtsoep." in html
    assert reverse("participants:detail", args=[ria.pk]) not in html


def test_another_organisation_is_never_searched(worker_client, network):
    ParticipantFactory(display_name="Ria")  # another organisation
    assert create(worker_client, network, display_name="Ria").status_code == 302


def test_renaming_to_a_lookalike_asks_but_keeping_the_name_does_not(worker_client, network):
    ParticipantFactory(network=network, display_name="Ria")
    kees = ParticipantFactory(network=network, display_name="Kees")
    url = reverse("participants:edit", args=[kees.pk])
    data = {"display_name": "Kees", "version": kees.version}
    assert worker_client.post(url, data).status_code == 302  # no lookalike of himself
    response = worker_client.post(url, {**data, "display_name": "Ria", "version": kees.version + 1})
    assert response.status_code == 200 and "Bedoel je Ria" in response.content.decode()
    kees.refresh_from_db()
    assert kees.display_name == "Kees"


def test_similar_for_names_reads_in_two_queries(network, django_assert_num_queries):
    for name in ("Ria", "Rita", "Joost", "Anna"):
        ParticipantFactory(network=network, display_name=name)
    with django_assert_num_queries(2):
        found = similar_for_names(network=network, names=["ria", "Jost", "Zoë"])
    assert [m.participant.display_name for m in found["ria"]] == ["Ria", "Rita"]
    assert [m.participant.display_name for m in found["Jost"]] == ["Joost"]
    assert found["Zoë"] == []
