"""Issue 16 part 4: the worker sees a network-support client's consent per purpose (what
the client gave or withdrew in Mijn Vangnet, with dates and "door cliënt zelf"), in the
same shape as a participant's consent page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ParticipantFactory, UserFactory
from tests.myspace.conftest import activate, sign_in
from vangnet.audit.models import AuditEvent
from vangnet.myspace.consent_selectors import worker_purposes
from vangnet.privacy.models import ConsentRecord, OrganisationSecuritySettings
from vangnet.privacy.services import consent_set_by_participant
from vangnet.support.models import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def kees(worker, organisation):
    backup = UserFactory(organisation=organisation, backup=True)
    return Client.objects.create(
        organisation=organisation, display_name="Kees", worker=worker, backup_worker=backup
    )


def _url(client_record):
    return reverse("privacy:client_consents", args=[client_record.pk])


def test_what_the_client_withdrew_in_mijn_vangnet(client, kees, worker):
    sign_in(client, activate(None, actor=worker, client=kees))
    client.post(reverse("myspace:consents"), {"kind": "research_export", "given": "no"})
    client.force_login(worker)
    page = client.get(_url(kees)).content.decode()
    now = page.split('id="consent-now-heading"')[1].split("</section>")[0]
    research = next(line for line in now.split("<li>") if "Onderzoeksexport" in line)
    assert "nee" in research and "door cliënt zelf" in research
    assert "telt niet mee in de onderzoeksexport" in research
    assert "Sinds " in research
    # The map and contact still hold (used until withdrawn), without a mark.
    network_map = next(line for line in now.split("<li>") if "Netwerkkaart" in line)
    assert "ja" in network_map and "door cliënt zelf" not in network_map
    table = page.split("<table>")[1]
    assert "Onderzoeksexport" in table and "door cliënt zelf" in table
    assert AuditEvent.objects.filter(
        actor=worker, action="view", detail="consents", object_id=str(kees.pk)
    ).exists()


def test_the_state_follows_the_last_change(kees):
    consent_set_by_participant(client=kees, kind="network_map", given=False)
    consent_set_by_participant(client=kees, kind="network_map", given=True)
    OrganisationSecuritySettings.objects.create(organisation=kees.organisation, uses_photos=True)
    with CaptureQueriesContext(connection) as queries:
        purposes = {p.kind: p for p in worker_purposes(client=kees)}
    assert len(queries) == 2
    assert purposes["network_map"].allowed and purposes["network_map"].by_self
    assert purposes["network_map"].changed_on == timezone.localdate()
    assert not purposes["photos"].allowed and purposes["photos"].changed_on is None
    assert not purposes["research_export"].by_self


def test_links_from_the_map_and_the_withheld_map(client, kees, worker):
    client.force_login(worker)
    assert _url(kees) in client.get(reverse("support:client_list")).content.decode()
    assert _url(kees) in client.get(reverse("support:client_map", args=[kees.pk])).content.decode()
    consent_set_by_participant(client=kees, kind="network_map", given=False)
    withheld = client.get(reverse("support:client_map", args=[kees.pk])).content.decode()
    assert "ingetrokken" in withheld and _url(kees) in withheld


def test_who_may_see_it(client, kees, worker, organisation):
    consent_set_by_participant(client=kees, kind="research_export", given=False)
    client.force_login(kees.backup_worker)
    assert client.get(_url(kees)).status_code == 200
    for stranger in (
        UserFactory(),  # a social worker of another organisation
        UserFactory(organisation=organisation),  # a colleague who is not Kees's worker
        UserFactory(organisation=organisation, admin=True),
    ):
        client.force_login(stranger)
        assert client.get(_url(kees)).status_code in (403, 404), stranger.role
    client.logout()
    sign_in(client, activate(None, actor=worker, client=kees))
    response = client.get(_url(kees))
    assert response.status_code != 200 and "Onderzoeksexport" not in response.content.decode()
    assert client.post(_url(kees)).status_code != 200


def test_queries_do_not_grow_with_the_records(client, kees, worker):
    client.force_login(worker)
    consent_set_by_participant(client=kees, kind="research_export", given=False)
    client.get(_url(kees))
    with CaptureQueriesContext(connection) as small:
        client.get(_url(kees))
    for _round in range(4):
        consent_set_by_participant(client=kees, kind="research_export", given=True)
        consent_set_by_participant(client=kees, kind="research_export", given=False)
        consent_set_by_participant(client=kees, kind="network_map", given=False)
        consent_set_by_participant(client=kees, kind="network_map", given=True)
    assert ConsentRecord.objects.filter(client=kees).count() > 8
    with CaptureQueriesContext(connection) as large:
        assert client.get(_url(kees)).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_participants_consent_page_has_the_same_shape(client, network, worker):
    anna = ParticipantFactory(network=network, display_name="Anna")
    consent_set_by_participant(participant=anna, kind="contact_relatives", given=False)
    client.force_login(worker)
    page = client.get(reverse("privacy:consents", args=[anna.pk])).content.decode()
    now = page.split('id="consent-now-heading"')[1].split("</section>")[0]
    line = next(item for item in now.split("<li>") if "Contact met naasten" in item)
    assert "nee" in line and "door deelnemer zelf" in line and "door cliënt zelf" not in line
