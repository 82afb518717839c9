"""What the neighbourhood activities produced, in the API: a network's year and the
session detail's `neighbourhood`."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import token_client
from tests.factories import ActivityFactory, NetworkFactory, SessionFactory
from vangnet.neighbourhood.models import OutputKind
from vangnet.neighbourhood.services import Item, OutputData, output_record
from vangnet.networks.models import Audience

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(network):
    session = SessionFactory(network=network, date=timezone.localdate())
    session.activities.add(
        ActivityFactory(network=network, name="Speelgoedpunt", audience=Audience.NEIGHBOURHOOD)
    )
    output_record(
        session=session,
        data=OutputData(
            guests=5,
            items=[Item(OutputKind.PARCELS, 11, "speelgoedpakketten")],
            other_partners=["Speeltuin De Bolderik"],
        ),
        actor=network.lead_worker,
    )
    return session


def test_the_networks_year(network, worker, session):
    url = reverse("api:neighbourhood", args=[network.pk])
    data = token_client(worker).get(url, {"year": session.date.year}).json()
    assert (data["sessions"], data["guests"]) == (1, 5)
    assert data["per_kind"] == [
        {"kind": "parcels", "kind_label": "pakketten of spullen uitgedeeld", "number": 11}
    ]
    assert data["partners"] == [{"name": "Speeltuin De Bolderik", "sessions": 1}]
    assert data["outputs"][0]["items"][0]["description"] == "speelgoedpakketten"
    assert token_client(worker).get(url, {"year": "1900"}).status_code == 400


def test_the_session_detail_has_it(network, worker, session):
    url = reverse("api:session_detail", args=[network.pk, session.pk])
    data = token_client(worker).get(url).json()
    assert data["neighbourhood"]["guests"] == 5
    other = SessionFactory(network=network)
    url = reverse("api:session_detail", args=[network.pk, other.pk])
    assert token_client(worker).get(url).json()["neighbourhood"] is None


def test_another_organisation_gets_nothing(session):
    stranger = NetworkFactory().lead_worker
    url = reverse("api:neighbourhood", args=[session.network_id])
    assert token_client(stranger).get(url).status_code == 404
