"""Deleting a meeting recorded by mistake (with its agreements) and a party that is in no
meeting: asked first, audited; a party in a meeting's record is kept (set "no longer
involved" instead), with the reason in plain Dutch."""

from django.urls import reverse

from tests.conftest import login
from tests.factories import OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.organisations.models import Role
from vangnet.stakeholders import services
from vangnet.stakeholders.models import Agreement, Party, StakeholderMeeting


def test_a_meeting_is_deleted_with_its_agreements_after_asking(client, coordinator, meeting):
    login(client, coordinator)
    url = reverse("stakeholders:meeting_delete", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert (
        "Voortgang Tilburg Noord" in page and "De 2 afspraken van dit overleg gaan ook weg." in page
    )
    # A POST without the confirmation deletes nothing.
    assert client.post(url, {}).status_code == 400
    assert StakeholderMeeting.objects.filter(pk=meeting.pk).exists()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302 and response.url == reverse("stakeholders:meetings")
    assert not StakeholderMeeting.objects.filter(pk=meeting.pk).exists()
    assert not Agreement.objects.exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="stakeholders.stakeholdermeeting", object_id=str(meeting.pk)
    ).exists()


def test_a_party_in_a_meeting_is_kept_with_the_reason(client, coordinator, meeting, party):
    login(client, coordinator)
    url = reverse("stakeholders:party_delete", args=[party.pk])
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 400
    assert "nog betrokken" in response.content.decode()
    assert Party.objects.filter(pk=party.pk).exists()
    assert not AuditEvent.objects.filter(action="delete").exists()


def test_an_unused_party_is_deleted(client, coordinator, network):
    party = services.party_save(
        organisation=network.organisation, actor=coordinator, name="Per ongeluk", kind="other"
    )
    login(client, coordinator)
    url = reverse("stakeholders:party_delete", args=[party.pk])
    assert "Per ongeluk" in client.get(url).content.decode()
    response = client.post(url, {"confirm": "1"})
    assert response.status_code == 302
    assert not Party.objects.filter(pk=party.pk).exists()
    assert AuditEvent.objects.filter(
        action="delete", object_type="stakeholders.party", object_id=str(party.pk)
    ).exists()


def test_another_organisations_coordinator_deletes_nothing(client, meeting, party):
    stranger = UserFactory(organisation=OrganisationFactory(), role=Role.COORDINATOR)
    login(client, stranger)
    for url in (
        reverse("stakeholders:meeting_delete", args=[meeting.pk]),
        reverse("stakeholders:party_delete", args=[party.pk]),
    ):
        assert client.post(url, {"confirm": "1"}).status_code == 404
    assert StakeholderMeeting.objects.filter(pk=meeting.pk).exists()
    assert Party.objects.filter(pk=party.pk).exists()
