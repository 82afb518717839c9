"""Audit completeness: every page that shows one participant's personal data writes an
audit record naming that participant. The pages are enumerated from the authorization
matrix (every GET URL with a participant in it), so a new participant page is covered
without editing this test."""

import pytest

from tests.test_authorization import ROUTES, _pattern_kwargs, expected_allowed, url_for
from vangnet.audit.models import AuditEvent

# GET routes with a participant that show nothing of them: they only lead elsewhere.
# The PDF of the data-subject export is an export job (POST); GET goes back to the export
# page, and the job writes the audit record when it makes the PDF.
LEADS_ELSEWHERE = {"privacy:export_pdf"}


def participant_pages() -> list[str]:
    return sorted(
        name
        for name, route in ROUTES.items()
        if "get" in route.methods
        and "participant_id" in _pattern_kwargs(name)
        and name not in LEADS_ELSEWHERE
    )


@pytest.mark.parametrize("name", sorted(LEADS_ELSEWHERE))
def test_a_get_that_leads_elsewhere_shows_nothing(client, world, name):
    route = ROUTES[name]
    user = next(
        user
        for label, user in world["users"].items()
        if expected_allowed(label, user, route, world)
    )
    client.force_login(user)
    response = client.get(url_for(name, world["kwargs"]))
    assert response.status_code == 302
    assert not response.content


def test_the_enumeration_finds_the_participant_pages():
    assert {"participants:detail", "privacy:export", "privacy:consents"} <= set(participant_pages())


@pytest.mark.parametrize("name", participant_pages())
def test_participant_page_writes_an_audit_record(client, world, name):
    route = ROUTES[name]
    label, user = next(
        (label, user)
        for label, user in world["users"].items()
        if expected_allowed(label, user, route, world)
    )
    client.force_login(user)
    participant = world["participant"]
    written = AuditEvent.objects.filter(
        object_type="participants.participant", object_id=str(participant.pk), actor=user
    )
    before = written.count()
    response = client.get(url_for(name, world["kwargs"]))
    assert response.status_code == 200, f"{label}: {response.status_code}"
    assert written.count() == before + 1
