"""A network-support client gives and withdraws consent per purpose in Mijn Vangnet, like a
participant: the effect is shown at once and holds on the worker's map page, for contact
with the people on the map and in the client's own download; every change is audited."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from tests.myspace.test_plain_language import _check
from vangnet.audit.models import AuditEvent
from vangnet.privacy.client_rights import client_erase, client_export_data
from vangnet.privacy.models import ConsentRecord, OrganisationSecuritySettings
from vangnet.privacy.selectors import consent_withdrawn_ids
from vangnet.support import contact_services, map_services
from vangnet.support.map_selectors import map_rows


@pytest.fixture
def kees(space):
    kees, mother = _client_with_map(space["worker"])
    account = activate(None, actor=space["worker"], client=kees)
    return {"client": kees, "mother": mother, "account": account}


def _post(client, kind, given):
    return client.post(
        reverse("myspace:consents"), {"kind": kind, "given": "yes" if given else "no"}, follow=True
    )


def test_client_withdraws_and_gives_back_map_consent(client, space, kees):
    worker = space["worker"]
    sign_in(client, kees["account"])
    home = client.get(reverse("myspace:home")).content.decode()
    assert reverse("myspace:consents") in home
    page = client.get(reverse("myspace:consents")).content.decode()
    assert "Mag je begeleider je kaart met jouw mensen zien?" in page
    assert _check(page, "client consents") == []
    response = _post(client, "network_map", False)
    assert "Je begeleider ziet je kaart nu niet meer." in response.content.decode()
    record = ConsentRecord.objects.get(client=kees["client"], kind="network_map")
    assert record.participant is None and record.withdrawn_by_participant
    assert AuditEvent.objects.filter(
        detail="consent network_map ingetrokken door cliënt zelf", actor=None
    ).exists()
    # The client's own data page and download show it.
    assert "Netwerkkaart: ingetrokken op" in client.get(reverse("myspace:my_data")).content.decode()
    exported = client_export_data(client=kees["client"])["consents"]
    assert exported[0]["kind"] == "Netwerkkaart" and exported[0]["withdrawn_on"]
    # The worker's map page holds the map back.
    client.force_login(worker)
    url = reverse("support:client_map", args=[kees["client"].pk])
    html = client.get(url).content.decode()
    assert "toestemming voor de netwerkkaart ingetrokken" in html and "Moeder" not in html
    # Given again: the map is back at once.
    sign_in(client, kees["account"])
    assert "Je begeleider ziet je kaart." in _post(client, "network_map", True).content.decode()
    client.force_login(worker)
    assert "Moeder" in client.get(url).content.decode()


def test_client_withdraws_contact_with_the_people_on_the_map(client, space, kees):
    worker = space["worker"]
    network_map = kees["mother"].network_map
    map_services.alter_add(
        network_map=network_map,
        name="Broer",
        kind="relative",
        consent="yes",
        phone="06-12345678",
        actor=worker,
    )
    phones = {row.name: row.phone for row in map_rows(network_map=network_map)}
    assert phones["Broer"] == "06-12345678"
    sign_in(client, kees["account"])
    _post(client, "contact_relatives", False)
    assert {row.phone for row in map_rows(network_map=network_map)} == {None}
    with pytest.raises(PermissionDenied):
        contact_services.alter_contact_details(alter=kees["mother"], actor=worker)


def test_photos_for_clients_only_where_the_organisation_takes_them(client, space, kees):
    sign_in(client, kees["account"])
    assert client.post(reverse("myspace:consents"), {"kind": "photos"}).status_code == 404
    OrganisationSecuritySettings.objects.create(
        organisation=kees["client"].organisation, uses_photos=True
    )
    _post(client, "photos", True)
    assert ConsentRecord.objects.get(client=kees["client"], kind="photos").given_by_participant


def test_a_client_decides_only_for_themselves(client, space, kees):
    """A client's choice never touches a participant's records, nor another client's."""
    anna, worker = space["anna"], space["worker"]
    other, _mother = _client_with_map(worker, name="Lotte")
    sign_in(client, kees["account"])
    _post(client, "research_export", False)
    assert not ConsentRecord.objects.filter(participant=anna).exists()
    assert not ConsentRecord.objects.filter(client=other).exists()
    assert consent_withdrawn_ids(kind="research_export") == set()  # participants only
    sign_in(client, activate(None, actor=worker, client=other))
    assert "Je cijfers tellen mee." in client.get(reverse("myspace:consents")).content.decode()


def test_erasing_the_client_removes_their_consents(space, kees):
    from vangnet.privacy.services import consent_set_by_participant

    consent_set_by_participant(client=kees["client"], kind="network_map", given=False)
    client_erase(client=kees["client"], actor=space["worker"])
    assert not ConsentRecord.objects.exists()
