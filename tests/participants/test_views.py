import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    ReferralPartnerFactory,
    UserFactory,
)
from tests.participants.factories import FollowUpTaskFactory, attend, weekly_sessions
from vangnet.audit.models import AuditEvent
from vangnet.participants.models import (
    CameInVia,
    FollowUpStatus,
    FollowUpTask,
    Participant,
    ReferralPartner,
    RouteEvent,
    RouteStage,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(network):
    return ParticipantFactory(
        network=network, display_name="Ria", wishes=["samen eten"], talents=["soep koken"]
    )


def html(response) -> str:
    return response.content.decode()


# -- pages and their audit records ----------------------------------------------------------


def test_detail_shows_the_positive_profile_and_route(worker_client, network, person):
    sessions = weekly_sessions(network, timezone.localdate() - dt.timedelta(weeks=5), 5)
    attend(person, sessions)
    response = worker_client.get(reverse("participants:detail", args=[person.pk]))
    body = html(response)
    assert response.status_code == 200
    assert "soep koken" in body and "samen eten" in body
    assert "Wennen" in body and "Kennismaking" in body
    assert '<svg class="chart route-chart"' in body and 'role="img"' in body
    assert "<script" not in body.split("<main")[1] and 'style="' not in body


def test_every_participant_page_view_leaves_exactly_one_audit_record(
    worker_client, worker, network, person
):
    task = FollowUpTaskFactory(participant=person)
    pages = [
        (reverse("participants:detail", args=[person.pk]), "participants.participant"),
        (reverse("participants:edit", args=[person.pk]), "participants.participant"),
        (reverse("participants:list", args=[network.pk]), "participants.network_list"),
        (reverse("participants:create", args=[network.pk]), "participants.network_list"),
        (reverse("participants:followups"), "participants.followup_list"),
        (reverse("participants:followup_close", args=[task.pk]), "participants.followuptask"),
    ]
    for url, object_type in pages:
        before = AuditEvent.objects.count()
        assert worker_client.get(url).status_code == 200, url
        new = AuditEvent.objects.order_by("-id")[: AuditEvent.objects.count() - before]
        assert [(e.action, e.object_type, e.actor_id) for e in new] == [
            ("view", object_type, worker.pk)
        ], url
        assert "Ria" not in new[0].detail


def test_list_shows_stages_and_filters(worker_client, network, person):
    ParticipantFactory(network=network, display_name="Joost")
    sessions = weekly_sessions(network, timezone.localdate() - dt.timedelta(days=3), 1)
    attend(person, sessions)
    url = reverse("participants:list", args=[network.pk])
    body = html(worker_client.get(url))
    assert "Ria" in body and "Joost" in body
    body = html(worker_client.get(url, {"fase": "acquainted"}))
    assert "Ria" in body and "Joost" not in body
    assert worker_client.get(url, {"fase": "<script>"}).status_code == 200


# -- permissions -----------------------------------------------------------------------------


def test_other_network_and_other_organisation_answer_404(client, network, person):
    same_org_worker = NetworkFactory(organisation=network.organisation).lead_worker
    foreign_worker = NetworkFactory().lead_worker
    task = FollowUpTaskFactory(participant=person)
    urls = [
        reverse("participants:detail", args=[person.pk]),
        reverse("participants:edit", args=[person.pk]),
        reverse("participants:list", args=[network.pk]),
        reverse("participants:create", args=[network.pk]),
        reverse("participants:followup_close", args=[task.pk]),
    ]
    for user in (same_org_worker, foreign_worker):
        login(client, user)
        for url in urls:
            assert client.get(url).status_code == 404, url
        response = client.post(
            reverse("participants:route_event", args=[person.pk]), {"kind": "dropout"}
        )
        assert response.status_code == 404
        assert person.display_name not in html(client.get(reverse("participants:followups")))
    assert not RouteEvent.objects.exists()


def test_coordinator_gets_403_on_participant_pages(client, coordinator, network, person):
    login(client, coordinator)
    assert client.get(reverse("participants:detail", args=[person.pk])).status_code == 403
    assert client.get(reverse("participants:list", args=[network.pk])).status_code == 403
    assert client.get(reverse("participants:followups")).status_code == 403
    assert AuditEvent.objects.filter(action="denied", actor=coordinator).count() == 3
    assert not AuditEvent.objects.filter(action="view").exists()


def test_coordinator_sees_partner_counts_evaluator_does_not(client, coordinator, organisation):
    ReferralPartnerFactory(organisation=organisation, name="Poh-ggz Zuid")
    login(client, coordinator)
    response = client.get(reverse("participants:partners"))
    assert response.status_code == 200 and "Poh-ggz Zuid" in html(response)
    login(client, UserFactory(organisation=organisation, evaluator=True))
    assert client.get(reverse("participants:partners")).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/deelnemers/999999/",
        "/deelnemers/99999999999999999999999/",
        "/deelnemers/netwerk/999999/",
        "/deelnemers/netwerk/abc/",
        "/deelnemers/nabellen/999999/afronden/",
        "/deelnemers/partners/999999/wijzigen/",
        "/deelnemers/999999/wijzigen/",
    ],
)
def test_bad_ids_answer_404(worker_client, url):
    assert worker_client.get(url).status_code == 404


def test_route_event_needs_post(worker_client, person):
    response = worker_client.get(reverse("participants:route_event", args=[person.pk]))
    assert response.status_code == 405


# -- forms -----------------------------------------------------------------------------------


def test_create_participant(worker_client, network):
    partner = ReferralPartnerFactory(organisation=network.organisation)
    response = worker_client.post(
        reverse("participants:create", args=[network.pk]),
        {
            "display_name": "Joost",
            "wishes": "samen eten, wandelen",
            "talents": "fietsen repareren",
            "came_in_via": CameInVia.REFERRAL,
            "referral_partner": partner.pk,
            "invited_on": "2025-03-01",
        },
    )
    joost = Participant.objects.get(display_name="Joost")
    assert response.status_code == 302 and response.url == reverse(
        "participants:detail", args=[joost.pk]
    )
    assert joost.wishes == ["samen eten", "wandelen"] and joost.referral_partner == partner
    assert joost.invited_on == dt.date(2025, 3, 1)
    assert AuditEvent.objects.filter(action="create", object_id=str(joost.pk)).count() == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"display_name": ""}, "Vul een naam in."),
        (
            {"display_name": "Joost", "came_in_via": "referral"},
            "Kies de partner die heeft doorverwezen.",
        ),
        (
            {"display_name": "Joost", "came_in_via": "invited_by_participant"},
            "Kies de deelnemer die heeft uitgenodigd.",
        ),
        ({"display_name": "Joost", "came_in_via": "diagnose"}, "Kies een van de mogelijkheden."),
        ({"display_name": "Joost", "invited_on": "gisteren"}, "Vul een geldige datum in"),
        ({"display_name": "Joost", "invited_on": "2999-01-01"}, "ligt in de toekomst"),
        ({"display_name": "Joost", "referral_partner": "x"}, "Kies een partner uit de lijst."),
        ({"display_name": "Joost", "email": "geen-mail"}, "Vul een geldig e-mailadres in."),
    ],
)
def test_create_with_bad_input_shows_dutch_errors(worker_client, network, data, message):
    response = worker_client.post(reverse("participants:create", args=[network.pk]), data)
    assert response.status_code == 200
    assert message in html(response)
    assert not Participant.objects.filter(display_name="Joost").exists()


def test_partner_of_another_organisation_cannot_be_chosen(worker_client, network):
    foreign = ReferralPartnerFactory(organisation=OrganisationFactory())
    response = worker_client.post(
        reverse("participants:create", args=[network.pk]),
        {"display_name": "Joost", "came_in_via": "referral", "referral_partner": foreign.pk},
    )
    assert "Kies een partner uit de lijst." in html(response)
    assert not Participant.objects.filter(display_name="Joost").exists()


def test_edit_and_stale_edit(worker_client, person):
    url = reverse("participants:edit", args=[person.pk])
    form = {"display_name": "Ria B.", "talents": "soep koken, zingen", "version": "0"}
    assert worker_client.post(url, form).status_code == 302
    person.refresh_from_db()
    assert person.display_name == "Ria B." and person.version == 1
    # A second tab still holds version 0.
    response = worker_client.post(url, dict(form, display_name="Riet"))
    body = html(response)
    assert response.status_code == 200
    assert "Iemand anders heeft deze deelnemer net gewijzigd" in body
    assert 'name="version" value="1"' in body
    person.refresh_from_db()
    assert person.display_name == "Ria B."
    # Saving again (now with the current version) works.
    assert worker_client.post(url, dict(form, display_name="Riet", version="1")).status_code == 302


def test_invited_by_must_be_someone_of_the_same_network(worker_client, network, person):
    other = ParticipantFactory(network=NetworkFactory(organisation=network.organisation))
    url = reverse("participants:edit", args=[person.pk])
    data = {"display_name": "Ria", "came_in_via": "invited_by_participant", "version": "0"}
    response = worker_client.post(url, dict(data, invited_by=other.pk))
    assert "Kies een deelnemer uit de lijst." in html(response)
    response = worker_client.post(url, dict(data, invited_by=person.pk))
    assert "Kies een deelnemer uit de lijst." in html(response)  # not oneself
    friend = ParticipantFactory(network=network, display_name="Joost")
    assert worker_client.post(url, dict(data, invited_by=friend.pk)).status_code == 302
    person.refresh_from_db()
    assert person.invited_by == friend


def test_route_event_forms(worker_client, person):
    url = reverse("participants:route_event", args=[person.pk])
    today = timezone.localdate().isoformat()
    response = worker_client.post(
        url, {"kind": "correction", "correction-stage": "steady", "correction-date": today}
    )
    assert response.status_code == 200
    assert "Schrijf kort op waarom deze fase klopt." in html(response)
    response = worker_client.post(
        url, {"kind": "dropout", "dropout-date": "morgen", "dropout-dropout_reason": "ziek"}
    )
    assert "Vul een geldige datum in" in html(response)
    assert "Kies een reden van afhaken." in html(response)
    assert not RouteEvent.objects.exists()
    response = worker_client.post(
        url,
        {"kind": "dropout", "dropout-date": today, "dropout-dropout_reason": "moved"},
    )
    assert response.status_code == 302
    response = worker_client.post(
        url,
        {"kind": "referral", "referral-date": today, "referral-referred_to": "Dagbesteding"},
    )
    assert response.status_code == 302
    assert list(RouteEvent.objects.values_list("stage", flat=True)) == [
        RouteStage.DROPPED_OUT,
        RouteStage.REFERRED_ON,
    ]
    body = html(worker_client.get(reverse("participants:detail", args=[person.pk])))
    assert "Dagbesteding" in body and "Doorverwezen" in body
    response = worker_client.post(url, {"kind": "iets"})
    assert response.status_code == 302


def test_route_event_with_csrf_enforced(csrf_client, worker, person):
    login(csrf_client, worker)
    url = reverse("participants:route_event", args=[person.pk])
    data = {"kind": "dropout", "dropout-date": "2025-01-01", "dropout-dropout_reason": "moved"}
    assert csrf_client.post(url, data).status_code == 403
    csrf_client.get(reverse("participants:detail", args=[person.pk]))
    token = csrf_client.cookies["csrftoken"].value
    assert csrf_client.post(url, dict(data, csrfmiddlewaretoken=token)).status_code == 302


# -- follow-ups and partners ---------------------------------------------------------------


def test_followups_page_refreshes_and_closes(worker_client, network, person):
    sessions = weekly_sessions(network, timezone.localdate() - dt.timedelta(weeks=19), 20)
    attend(person, sessions[:18])
    body = html(worker_client.get(reverse("participants:followups")))
    task = FollowUpTask.objects.get(participant=person)
    assert "Ria" in body and "2 bijeenkomsten op rij gemist" in body
    url = reverse("participants:followup_close", args=[task.pk])
    response = worker_client.post(url, {"outcome": "  "})
    assert "Schrijf op wat je hebt gedaan." in html(response)
    response = worker_client.post(url, {"outcome": "Gebeld, ze was ziek.", "next_page": "detail"})
    assert response.url == reverse("participants:detail", args=[person.pk])
    task.refresh_from_db()
    assert task.status == FollowUpStatus.DONE
    body = html(worker_client.get(reverse("participants:followups")))
    assert "Gebeld, ze was ziek." in body
    assert worker_client.get(url).status_code == 302  # already closed


def test_backup_worker_sees_the_task_too(client, network, person):
    FollowUpTaskFactory(participant=person)
    login(client, network.backup_worker)
    assert "Ria" in html(client.get(reverse("participants:followups")))


def test_partner_pages(worker_client, organisation):
    response = worker_client.post(reverse("participants:partner_create"), {"name": ""})
    assert "Vul een naam in." in html(response)
    response = worker_client.post(
        reverse("participants:partner_create"), {"name": "Wijkteam Zuid", "kind": "wijkteam"}
    )
    assert response.status_code == 302
    partner = ReferralPartner.objects.get(organisation=organisation)
    url = reverse("participants:partner_edit", args=[partner.pk])
    assert worker_client.post(url, {"name": "Wijkteam Noord"}).status_code == 302
    partner.refresh_from_db()
    assert partner.name == "Wijkteam Noord"
    foreign = ReferralPartnerFactory()
    url = reverse("participants:partner_edit", args=[foreign.pk])
    assert worker_client.post(url, {"name": "Overgenomen"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name != "Overgenomen"


def test_partner_list_counts_via_routes(worker_client, network):
    partner = ReferralPartnerFactory(organisation=network.organisation, name="Buddy")
    sessions = weekly_sessions(network, timezone.localdate() - dt.timedelta(weeks=19), 20)
    steady = ParticipantFactory(network=network, referral_partner=partner)
    attend(steady, sessions)
    ParticipantFactory(network=network, referral_partner=partner)
    response = worker_client.get(reverse("participants:partners"))
    assert response.context["partners"][0].referred == 2
    assert response.context["partners"][0].became_steady == 1


def test_navigation_shows_followups_and_partners(worker_client):
    body = html(worker_client.get(reverse("home")))
    assert reverse("participants:followups") in body
    assert reverse("participants:partners") in body


def test_list_and_detail_pages_make_a_bounded_number_of_queries(client):
    counted = {}
    for size in (3, 40):
        network = NetworkFactory()
        sessions = weekly_sessions(network, timezone.localdate() - dt.timedelta(weeks=20), 20)
        people = [ParticipantFactory(network=network) for _ in range(size)]
        for i, someone in enumerate(people):
            attend(someone, sessions[i % 7 :: 2])
        login(client, network.lead_worker)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("participants:list", args=[network.pk])).status_code == 200
        counted[size] = len(queries)
        with CaptureQueriesContext(connection) as detail:
            client.get(reverse("participants:detail", args=[people[0].pk]))
        assert len(detail) <= 20
    assert counted[3] == counted[40]
