"""Erasure reaches what other apps hold about the person: their own network maps (people
with contact details) go, their questionnaires are unlinked with open answers emptied, and
the access export shows their questionnaires and interviews first."""

import datetime as dt

import pytest

from tests.factories import ParticipantFactory
from vangnet.privacy.selectors import person_export_data
from vangnet.privacy.services import person_erase
from vangnet.questionnaires.models import Answer, Response
from vangnet.questionnaires.selectors import current_version
from vangnet.questionnaires.services import default_template_ensure, response_start
from vangnet.support.map_services import alter_add, map_wave_create
from vangnet.support.models import Alter, NetworkMap

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(network):
    return ParticipantFactory(network=network, display_name="Hennie")


def _response_with_text(person, worker) -> Response:
    template = default_template_ensure(organisation=person.organisation)
    version = current_version(template=template)
    response = response_start(version=version, participant=person, by=worker)
    item = version.sections.first().items.filter(kind="open").first() or (
        version.sections.last().items.filter(kind="open").first()
    )
    Answer.objects.create(response=response, item=item, text="Ik ga graag met Truus wandelen.")
    return response


def test_erasure_deletes_own_maps_and_unlinks_questionnaires(person, worker):
    network_map = map_wave_create(participant=person, wave_date=dt.date(2025, 3, 1), actor=worker)
    alter_add(
        network_map=network_map,
        name="Truus",
        kind="relative",
        phone="06-11112222",
        email="truus@example.org",
        actor=worker,
    )
    response = _response_with_text(person, worker)

    person_erase(participant=person, actor=worker)

    assert not NetworkMap.objects.filter(participant=person).exists()
    assert not Alter.objects.filter(phone="06-11112222").exists()
    response.refresh_from_db()
    assert response.participant_id is None
    assert not Answer.objects.filter(response=response).exclude(text="").exists()


def test_access_export_lists_questionnaires_and_interviews(person, worker):
    _response_with_text(person, worker)
    data = person_export_data(participant=person)
    assert data["interviews"] == []
    (response,) = data["questionnaires"]
    assert any(a["answer"] == "Ik ga graag met Truus wandelen." for a in response["answers"])
