"""Right of access (export as HTML and JSON) and right to erasure (irreversible
anonymisation that keeps aggregates correct), both audited."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, SessionFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance, Contribution
from vangnet.participants.models import FollowUpTask, Participant, RouteEvent
from vangnet.privacy.models import ConsentRecord, ErasureRecord
from vangnet.privacy.services import person_erase


@pytest.fixture
def person(network, worker):
    participant = ParticipantFactory(
        network=network,
        display_name="Marietje",
        phone="06-12345678",
        email="marietje@example.org",
        address="Dorpsstraat 1",
        wishes=["samen eten"],
        talents=["taarten bakken"],
        notes="Komt graag op woensdag.",
    )
    for day in (dt.date(2025, 2, 5), dt.date(2025, 2, 12)):
        session = SessionFactory(network=network, date=day)
        Attendance.objects.create(session=session, participant=participant)
        Contribution.objects.create(session=session, participant=participant, task="koken")
    RouteEvent.objects.create(
        participant=participant, stage="steady", date=dt.date(2025, 3, 1), reason="Voelt zich thuis"
    )
    FollowUpTask.objects.create(
        participant=participant,
        network=network,
        created_on=dt.date(2025, 4, 1),
        missed_sessions=2,
        status="done",
        outcome="Gebeld, was ziek",
    )
    ConsentRecord.objects.create(
        organisation=network.organisation,
        participant=participant,
        kind="photos",
        scope="Alleen nieuwsbrief",
        given_on=dt.date(2025, 2, 5),
    )
    return participant


def test_export_json_holds_everything_about_the_person(worker_client, person):
    response = worker_client.get(reverse("privacy:export_json", args=[person.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["profile"]["display_name"] == "Marietje"
    assert data["profile"]["phone"] == "06-12345678"
    assert data["profile"]["talents"] == ["taarten bakken"]
    assert data["attendance_dates"] == ["2025-02-05", "2025-02-12"]
    assert data["contributions"] == [
        {"date": "2025-02-05", "task": "koken"},
        {"date": "2025-02-12", "task": "koken"},
    ]
    assert data["route_events"][0]["reason"] == "Voelt zich thuis"
    assert data["followup_tasks"][0]["outcome"] == "Gebeld, was ziek"
    assert data["consents"][0]["scope"] == "Alleen nieuwsbrief"
    assert (
        AuditEvent.objects.filter(action="export", object_id=str(person.pk), detail="json").count()
        == 1
    )


def test_export_html_is_a_readable_page_and_audited(
    worker_client, person, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        response = worker_client.get(reverse("privacy:export", args=[person.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Marietje" in page and "Dorpsstraat 1" in page and "2025-02-12" in page
    assert "style=" not in page
    assert (
        AuditEvent.objects.filter(action="export", object_id=str(person.pk), detail="html").count()
        == 1
    )


def test_erasure_explains_first_and_changes_nothing_without_confirmation(worker_client, person):
    url = reverse("privacy:erase", args=[person.pk])
    page = worker_client.get(url).content.decode()
    assert "kan niet ongedaan worden gemaakt" in page
    assert "Wat blijft" in page
    response = worker_client.post(url, {"confirm": "ja"})
    assert response.status_code == 400
    person.refresh_from_db()
    assert person.display_name == "Marietje"
    assert not ErasureRecord.objects.exists()


def test_erasure_anonymises_irreversibly_and_keeps_aggregates(worker_client, worker, person):
    url = reverse("privacy:erase", args=[person.pk])
    response = worker_client.post(url, {"confirm": "Verwijderen"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.display_name == f"Verwijderde deelnemer #{person.pk}"
    assert (person.phone, person.email, person.address, person.notes) == ("", "", "", "")
    assert person.wishes == [] and person.talents == []
    assert RouteEvent.objects.get(participant=person).reason == ""
    assert RouteEvent.objects.get(participant=person).stage == "steady"
    assert FollowUpTask.objects.get(participant=person).outcome == ""
    assert ConsentRecord.objects.get(participant=person).scope == ""
    # Aggregates stay correct: attendance and contributions are kept.
    assert Attendance.objects.filter(participant=person).count() == 2
    assert Contribution.objects.filter(participant=person).count() == 2
    assert Participant.objects.filter(pk=person.pk).exists()
    record = ErasureRecord.objects.get(participant=person)
    assert record.reason == "request" and record.erased_by == worker
    audit = AuditEvent.objects.get(action="delete", object_id=str(person.pk))
    assert audit.detail == "erasure:request"
    assert "Marietje" not in audit.detail + audit.path
    # Irreversible: a second erasure is refused; the page says it is done.
    assert "zijn verwijderd" in worker_client.get(url).content.decode()
    with pytest.raises(Exception, match="al verwijderd"):
        person_erase(participant=person, actor=worker)


def test_org_admin_as_privacy_officer_may_export_and_erase(client, org_admin, person):
    client.force_login(org_admin)
    assert client.get(reverse("privacy:export", args=[person.pk])).status_code == 200
    assert (
        client.post(
            reverse("privacy:erase", args=[person.pk]), {"confirm": "verwijderen"}
        ).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [("backup", 403), ("coordinator", 403), ("other_worker", 404), ("foreign", 404)],
)
def test_others_may_not_export_or_erase(client, network, person, who, status):
    users = {
        "backup": lambda: network.backup_worker,
        "coordinator": lambda: UserFactory(organisation=network.organisation, coordinator=True),
        "other_worker": lambda: UserFactory(organisation=network.organisation),
        "foreign": lambda: UserFactory(admin=True),
    }
    client.force_login(users[who]())
    for name in ("privacy:export", "privacy:export_json", "privacy:erase"):
        assert client.get(reverse(name, args=[person.pk])).status_code == status
    assert (
        client.post(
            reverse("privacy:erase", args=[person.pk]), {"confirm": "verwijderen"}
        ).status_code
        == status
    )
    person.refresh_from_db()
    assert person.display_name == "Marietje"


def test_support_ties_are_exported_and_their_notes_erased(worker_client, worker, network, person):
    from vangnet.privacy.selectors import support_tie_model

    model = support_tie_model()
    if model is None:
        pytest.skip("the support app has no SupportTie model yet")
    friend = ParticipantFactory(network=network, display_name="Kees")
    model.objects.create(
        network=network,
        giver=person,
        receiver=friend,
        support_type=model._meta.get_field("support_type").choices[0][0],
        date=dt.date(2025, 3, 3),
        note="Boodschappen gedaan",
    )
    data = json.loads(worker_client.get(reverse("privacy:export_json", args=[person.pk])).content)
    assert data["support"][0]["direction"] == "given"
    assert data["support"][0]["note"] == "Boodschappen gedaan"
    assert "Kees" not in json.dumps(data)  # the other person is not named
    person_erase(participant=person, actor=worker)
    tie = model.objects.get()
    assert tie.note == "" and tie.giver_id == person.pk


def test_participants_own_access_export_includes_their_network_maps(worker_client, worker, person):
    """Finding 14.6: a client's access export held their network maps, a participant's did
    not. Contact details of people without consent stay hidden here too."""
    import datetime as dt

    from vangnet.support.map_services import alter_add, map_wave_create

    wave = map_wave_create(participant=person, wave_date=dt.date(2025, 4, 1), actor=worker)
    alter_add(
        network_map=wave,
        name="Tante Riek",
        kind="relative",
        phone="06-55556666",
        consent="no",
        actor=worker,
    )
    data = json.loads(worker_client.get(reverse("privacy:export_json", args=[person.pk])).content)
    people = data["network_maps"][0]["people"]
    assert [p["name"] for p in people] == ["Tante Riek"]
    assert people[0]["phone"] == "" and people[0]["contact_details_hidden"] is True
    page = worker_client.get(reverse("privacy:export", args=[person.pk])).content.decode()
    assert "Tante Riek" in page and "06-55556666" not in page
