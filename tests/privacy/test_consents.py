"""Consent records: kind, date, scope, withdrawal; audited; only for the participant's
workers."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.privacy.models import ConsentRecord


@pytest.fixture
def person(network):
    return ParticipantFactory(network=network)


def test_record_and_withdraw_a_consent(worker_client, person):
    url = reverse("privacy:consents", args=[person.pk])
    assert worker_client.get(url).status_code == 200
    response = worker_client.post(
        url,
        {
            "kind": "evaluation_interview",
            "scope": "Gesprek met onderzoeker",
            "given_on": "2025-03-01",
        },
    )
    assert response.status_code == 302
    consent = ConsentRecord.objects.get(participant=person)
    assert consent.kind == "evaluation_interview"
    assert consent.given_on == dt.date(2025, 3, 1)
    assert consent.is_active
    assert "Gesprek met onderzoeker" in worker_client.get(url).content.decode()
    assert worker_client.post(url, {"withdraw": str(consent.pk)}).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    assert not consent.is_active
    actions = list(
        AuditEvent.objects.filter(object_type="privacy.consentrecord").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "update"]
    assert AuditEvent.objects.filter(action="view", detail="consents").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "photos", "given_on": "2999-01-01"},
        {"kind": "diagnosis", "given_on": "2025-01-01"},
        {"kind": "photos", "given_on": "2025-02-30"},
        {"withdraw": "99999999999999999999"},
    ],
)
def test_bad_consent_input_changes_nothing(worker_client, person, data):
    response = worker_client.post(reverse("privacy:consents", args=[person.pk]), data)
    assert response.status_code in (400, 404)
    assert not ConsentRecord.objects.exists()


def test_withdrawing_twice_is_refused(worker_client, person, organisation):
    consent = ConsentRecord.objects.create(
        organisation=organisation,
        participant=person,
        kind="photos",
        given_on=dt.date(2025, 1, 1),
        withdrawn_on=dt.date(2025, 2, 1),
    )
    url = reverse("privacy:consents", args=[person.pk])
    worker_client.post(url, {"withdraw": str(consent.pk)})
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date(2025, 2, 1)


def test_consents_of_another_network_are_not_found(client, person, organisation):
    client.force_login(UserFactory(organisation=organisation))
    assert client.get(reverse("privacy:consents", args=[person.pk])).status_code == 404
