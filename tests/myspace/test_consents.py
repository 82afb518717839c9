"""The participant gives and withdraws consent per purpose in Mijn Vangnet; the effect is
shown at once and holds where the data is used (the worker's map page, contact with the
people on the map, the research export); photos only where the organisation takes them."""

import datetime as dt

from django.urls import reverse

from tests.myspace.conftest import activate, sign_in
from vangnet.audit.models import AuditEvent
from vangnet.privacy.models import ConsentRecord, OrganisationSecuritySettings
from vangnet.privacy.selectors import consent_withdrawn_ids
from vangnet.privacy.services import consent_record
from vangnet.support import contact_services, map_services
from vangnet.support.map_selectors import map_rows


def _post(client, kind, given):
    return client.post(
        reverse("myspace:consents"), {"kind": kind, "given": "yes" if given else "no"}, follow=True
    )


def _anna_with_map(space):
    anna, worker = space["anna"], space["worker"]
    network_map = map_services.map_wave_create(
        participant=anna, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    sister = map_services.alter_add(
        network_map=network_map,
        name="Zus",
        kind="relative",
        consent="yes",
        phone="06-11112222",
        actor=worker,
    )
    return network_map, sister


def test_withdrawn_map_consent_hides_the_map_from_the_worker(client, space):
    anna, worker = space["anna"], space["worker"]
    _anna_with_map(space)
    sign_in(client, activate(anna, actor=worker))
    page = client.get(reverse("myspace:consents")).content.decode()
    assert "Mag je begeleider je kaart met jouw mensen zien?" in page
    assert "Foto" not in page  # the organisation takes no photos
    response = _post(client, "network_map", False)
    assert "Je begeleider ziet je kaart nu niet meer." in response.content.decode()
    record = ConsentRecord.objects.get(participant=anna, kind="network_map")
    assert record.withdrawn_on == record.given_on and record.withdrawn_by_participant
    assert AuditEvent.objects.filter(
        detail="consent network_map ingetrokken door deelnemer zelf", actor=None
    ).exists()
    client.force_login(worker)
    url = reverse("support:participant_map", args=[anna.pk])
    html = client.get(url).content.decode()
    assert "toestemming voor de netwerkkaart ingetrokken" in html and "Zus" not in html
    # The worker's consent page marks it as done by the participant.
    consents = client.get(reverse("privacy:consents", args=[anna.pk])).content.decode()
    assert "door deelnemer zelf" in consents
    # Given again: the map is back at once.
    sign_in(client, activate(anna, actor=worker))
    response = _post(client, "network_map", True)
    assert "Je begeleider ziet je kaart." in response.content.decode()
    client.force_login(worker)
    assert "Zus" in client.get(url).content.decode()
    assert ConsentRecord.objects.filter(
        participant=anna, kind="network_map", withdrawn_on=None, given_by_participant=True
    ).exists()


def test_withdrawn_contact_consent_stops_contact_with_the_people_on_the_map(client, space):
    anna, worker = space["anna"], space["worker"]
    network_map, sister = _anna_with_map(space)
    assert map_rows(network_map=network_map)[0].phone == "06-11112222"
    sign_in(client, activate(anna, actor=worker))
    _post(client, "contact_relatives", False)
    assert map_rows(network_map=network_map)[0].phone is None
    import pytest
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        contact_services.alter_contact_details(alter=sister, actor=worker)
    with pytest.raises(ValidationError):
        contact_services.contact_log_create(
            alter=sister, date=dt.date(2025, 3, 2), method="phone", actor=worker
        )


def test_a_consent_given_by_the_worker_is_withdrawn_by_the_participant(client, space):
    anna, worker = space["anna"], space["worker"]
    given = consent_record(
        participant=anna,
        kind="research_export",
        scope="",
        given_on=dt.date(2025, 1, 1),
        actor=worker,
    )
    sign_in(client, activate(anna, actor=worker))
    _post(client, "research_export", False)
    given.refresh_from_db()
    assert given.withdrawn_on is not None and given.withdrawn_by_participant
    assert consent_withdrawn_ids(kind="research_export") == {anna.pk}
    # A second tap changes nothing.
    _post(client, "research_export", False)
    assert ConsentRecord.objects.filter(participant=anna).count() == 1


def test_photos_only_where_the_organisation_takes_them(client, space):
    anna, worker = space["anna"], space["worker"]
    sign_in(client, activate(anna, actor=worker))
    assert client.post(reverse("myspace:consents"), {"kind": "photos"}).status_code == 404
    OrganisationSecuritySettings.objects.create(organisation=anna.organisation, uses_photos=True)
    page = client.get(reverse("myspace:consents")).content.decode()
    assert "Mogen we foto" in page and "We maken geen foto" in page  # no yes yet: no photos
    _post(client, "photos", True)
    assert ConsentRecord.objects.get(participant=anna, kind="photos").given_by_participant


def test_participant_decides_only_for_themselves(client, space):
    """Participant versus participant: Anna's choice never touches Bert's records."""
    anna, bert, worker = space["anna"], space["bert"], space["worker"]
    sign_in(client, activate(anna, actor=worker))
    _post(client, "network_map", False)
    assert not ConsentRecord.objects.filter(participant=bert).exists()
    sign_in(client, activate(bert, actor=worker))
    page = client.get(reverse("myspace:consents")).content.decode()
    assert "Je begeleider ziet je kaart." in page
    assert client.post(reverse("myspace:consents"), {"kind": "nonsense"}).status_code == 404


def test_the_consents_page_is_plain_language(client, space):
    from tests.myspace.test_plain_language import _check

    sign_in(client, activate(space["anna"], actor=space["worker"]))
    OrganisationSecuritySettings.objects.create(
        organisation=space["anna"].organisation, uses_photos=True
    )
    assert _check(client.get(reverse("myspace:consents")).content.decode(), "consents") == []
