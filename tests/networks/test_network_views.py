"""Network pages: per role, bad input, CSRF and a bounded number of queries."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Activity, Attendance, Network, PhaseTransition, Session
from vangnet.participants.models import FollowUpTask


def network_post(organisation, **overrides):
    lead = UserFactory(organisation=organisation)
    backup = UserFactory(organisation=organisation, backup=True)
    data = {
        "name": "Creaclub Noord",
        "neighbourhood": "Noord",
        "location": "",
        "start_date": "2025-02-03",
        "lead_worker": lead.pk,
        "backup_worker": backup.pk,
        "target_core_size": "15",
        "exploration_months": "3",
        "build_up_months": "9",
        "deepening_months": "6",
    }
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- list and create


def test_list_shows_the_current_phase(client, network, coordinator):
    login(client, coordinator)
    response = client.get(reverse("networks:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert network.name in body
    assert "Nieuw vangnetwerk" in body
    # Started on 6 January 2025 with a plan of 3/9/6 months: some phase is shown.
    assert "phase-badge" in body


def test_coordinator_creates_a_network(client, organisation, coordinator):
    login(client, coordinator)
    assert client.get(reverse("networks:create")).status_code == 200
    response = client.post(reverse("networks:create"), network_post(organisation))
    network = Network.objects.get(name="Creaclub Noord")
    assert response.status_code == 302
    assert response["Location"] == reverse("networks:detail", args=[network.pk])
    assert network.organisation == organisation


def test_social_worker_cannot_create_but_sees_own_network(worker_client, network, organisation):
    assert worker_client.get(reverse("networks:create")).status_code == 403
    response = worker_client.post(reverse("networks:create"), network_post(organisation))
    assert response.status_code == 403
    assert not Network.objects.filter(name="Creaclub Noord").exists()
    assert worker_client.get(reverse("networks:detail", args=[network.pk])).status_code == 200
    assert worker_client.get(reverse("networks:edit", args=[network.pk])).status_code == 403
    assert (
        worker_client.get(reverse("networks:phase_transition", args=[network.pk])).status_code
        == 403
    )


def test_worker_of_another_network_gets_404(client, network, organisation):
    other = NetworkFactory(organisation=organisation)
    activity = ActivityFactory(network=network)
    login(client, other.lead_worker)
    for name, args in [
        ("networks:detail", [network.pk]),
        ("networks:edit", [network.pk]),
        ("networks:phase_transition", [network.pk]),
        ("networks:activity_list", [network.pk]),
        ("networks:activity_create", [network.pk]),
        ("networks:activity_edit", [network.pk, activity.pk]),
        ("networks:activity_change", [network.pk, activity.pk]),
        ("networks:activity_end", [network.pk, activity.pk]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    listing = client.get(reverse("networks:list")).content.decode()
    assert network.name not in listing and other.name in listing


def test_coordinator_of_another_organisation_gets_404(client, network):
    stranger = UserFactory(coordinator=True)
    login(client, stranger)
    assert client.get(reverse("networks:detail", args=[network.pk])).status_code == 404
    assert client.get(reverse("networks:edit", args=[network.pk])).status_code == 404


def test_bad_network_input_shows_the_form_again(client, organisation, coordinator):
    login(client, coordinator)
    foreign_worker = UserFactory()
    data = network_post(
        organisation,
        name="",
        start_date="31-02-2025",
        lead_worker=foreign_worker.pk,
        target_core_size="nul",
        exploration_months="40",
    )
    response = client.post(reverse("networks:create"), data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Er ging iets mis" in body
    assert "Vul een aantal maanden tussen 1 en 36 in." in body
    form = response.context["form"]
    assert set(form.errors) >= {
        "name",
        "start_date",
        "lead_worker",
        "target_core_size",
        "exploration_months",
    }
    assert not Network.objects.filter(organisation=organisation, name="").exists()


def test_same_worker_as_lead_and_backup_is_an_error_on_the_field(client, organisation, coordinator):
    login(client, coordinator)
    data = network_post(organisation)
    data["backup_worker"] = data["lead_worker"]
    response = client.post(reverse("networks:create"), data)
    assert response.status_code == 400
    assert "backup_worker" in response.context["form"].errors


def test_service_errors_land_on_the_field(client, network, coordinator):
    """A duplicate name is found by the service, not the form."""
    login(client, coordinator)
    data = network_post(network.organisation, name=network.name)
    response = client.post(reverse("networks:create"), data)
    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Er is al een vangnetwerk met deze naam."]


def test_edit_network(client, network, coordinator):
    login(client, coordinator)
    url = reverse("networks:edit", args=[network.pk])
    page = client.get(url)
    assert page.status_code == 200 and network.name in page.content.decode()
    data = network_post(network.organisation, name="Nieuwe naam", target_core_size="18")
    assert client.post(url, data).status_code == 302
    network.refresh_from_db()
    assert (network.name, network.target_core_size) == ("Nieuwe naam", 18)


def test_csrf_is_enforced_on_create(csrf_client, organisation, coordinator):
    login(csrf_client, coordinator)
    url = reverse("networks:create")
    data = network_post(organisation)
    assert csrf_client.post(url, data).status_code == 403
    page = csrf_client.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    response = csrf_client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Network.objects.filter(name="Creaclub Noord").exists()


def test_malformed_requests_do_not_give_server_errors(client, network, coordinator):
    login(client, coordinator)
    assert client.get("/netwerken/999999/").status_code == 404
    assert client.get("/netwerken/999999/wijzigen/").status_code == 404
    assert client.get(f"/netwerken/{network.pk}/activiteiten/999999/").status_code == 404
    response = client.post(reverse("networks:phase_transition", args=[network.pk]), {"phase": []})
    assert response.status_code == 400
    assert client.delete(reverse("networks:detail", args=[network.pk])).status_code == 405


# --------------------------------------------------------------------------- phases


def test_phase_transition_form(client, network, coordinator):
    login(client, coordinator)
    url = reverse("networks:phase_transition", args=[network.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {"phase": "build_up", "date": "2024-12-01", "reason": "te vroeg"})
    assert bad.status_code == 400
    assert "kan niet beginnen" in bad.content.decode()
    assert not PhaseTransition.objects.exists()
    good = client.post(url, {"phase": "build_up", "date": "2025-03-01", "reason": "groep van 6"})
    assert good.status_code == 302
    transition = PhaseTransition.objects.get()
    assert (transition.phase, transition.recorded_by) == ("build_up", coordinator)
    detail = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "groep van 6" in detail


# --------------------------------------------------------------------------- activities


def activity_post(**overrides):
    data = {
        "name": "Soepgroep",
        "audience": "group",
        "weekday": "2",
        "start_time": "11:00",
        "duration_minutes": "120",
        "tasks": "koken, afwassen",
        "active_from": "2025-01-08",
    }
    data.update(overrides)
    return data


def test_worker_adds_an_activity_and_sees_a_warning_above_150_minutes(worker_client, network):
    url = reverse("networks:activity_create", args=[network.pk])
    assert worker_client.get(url).status_code == 200
    response = worker_client.post(url, activity_post(duration_minutes="180"), follow=True)
    assert response.status_code == 200
    activity = Activity.objects.get()
    assert activity.tasks == ["koken", "afwassen"] and activity.duration_minutes == 180
    body = response.content.decode()
    assert "langer dan 2,5 uur" in body
    assert "Soepgroep" in body


def test_coordinator_may_edit_activities_but_admin_may_not(client, network, coordinator, org_admin):
    login(client, coordinator)
    assert client.get(reverse("networks:activity_list", args=[network.pk])).status_code == 200
    login(client, org_admin)
    assert client.get(reverse("networks:activity_list", args=[network.pk])).status_code == 403
    assert client.get(reverse("networks:detail", args=[network.pk])).status_code == 200


def test_bad_activity_input(worker_client, network):
    url = reverse("networks:activity_create", args=[network.pk])
    data = activity_post(name="", weekday="8", start_time="25:99", duration_minutes="-5")
    response = worker_client.post(url, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) >= {
        "name",
        "weekday",
        "start_time",
        "duration_minutes",
    }
    before_start = worker_client.post(url, activity_post(active_from="2020-01-01"))
    assert before_start.status_code == 400
    assert "active_from" in before_start.context["form"].errors
    assert not Activity.objects.exists()


def test_change_edit_and_end_an_activity(worker_client, network):
    soup = ActivityFactory(network=network, name="Soepgroep", active_from=dt.date(2025, 1, 8))
    change = reverse("networks:activity_change", args=[network.pk, soup.pk])
    assert worker_client.get(change).status_code == 200
    data = activity_post(name="Lunchgroep", from_date="2025-06-01")
    del data["active_from"]
    assert worker_client.post(change, data).status_code == 302
    lunch = Activity.objects.get(name="Lunchgroep")
    assert lunch.replaces == soup
    listing = worker_client.get(reverse("networks:activity_list", args=[network.pk]))
    body = listing.content.decode()
    assert "Geschiedenis" in body and "was: Soepgroep" in body

    edit = reverse("networks:activity_edit", args=[network.pk, lunch.pk])
    response = worker_client.post(edit, activity_post(name="Lunch", active_from="2025-06-01"))
    assert response.status_code == 302
    lunch.refresh_from_db()
    assert lunch.name == "Lunch"

    end = reverse("networks:activity_end", args=[network.pk, lunch.pk])
    assert worker_client.post(end, {"until": "2025-01-01"}).status_code == 400
    assert worker_client.post(end, {"until": "2025-12-31"}).status_code == 302
    lunch.refresh_from_db()
    assert lunch.active_until == dt.date(2025, 12, 31)


def test_another_networks_activity_is_404(worker_client, network, organisation):
    other = NetworkFactory(organisation=organisation)
    foreign = ActivityFactory(network=other)
    url = reverse("networks:activity_edit", args=[network.pk, foreign.pk])
    assert worker_client.get(url).status_code == 404


# --------------------------------------------------------------------------- the network page


def fill(network, *, people: int, weeks: int, followups: int):
    today = timezone.localdate()
    activity = ActivityFactory(network=network, active_from=network.start_date)
    participants = [ParticipantFactory(network=network) for _ in range(people)]
    sessions = Session.objects.bulk_create(
        [
            Session(network=network, date=today - dt.timedelta(weeks=week), recorded=True)
            for week in range(weeks)
        ]
    )
    Attendance.objects.bulk_create(
        [
            Attendance(session=session, participant=person)
            for index, session in enumerate(sessions)
            for number, person in enumerate(participants)
            if (index + number) % 3
        ]
    )
    for person in participants[:followups]:
        FollowUpTask.objects.create(
            participant=person, network=network, created_on=today, missed_sessions=2
        )
    return activity, participants, sessions


# Constant in the data size; the sections of other apps included. A first look derives the
# routes and support figures and renders the body; a second look with nothing changed reads
# the body from the cache (networks/page_cache.py): the session, the user, the network with
# its access check and data versions, the audit record of the open follow-ups. (First look:
# +1 the people around the network, volunteers_network_section, one query; +4 what the
# activities for the neighbourhood produced this year, neighbourhood_network_section; +3 the
# parties and agreements, stakeholders_network_section.)
PAGE_QUERY_BOUND = 39
CACHED_PAGE_QUERY_BOUND = 5


@pytest.mark.parametrize(("people", "weeks", "followups"), [(1, 1, 1), (40, 60, 6)])
def test_network_page_makes_a_bounded_number_of_queries(
    client, network, django_assert_max_num_queries, people, weeks, followups
):
    fill(network, people=people, weeks=weeks, followups=followups)
    login(client, network.lead_worker)
    url = reverse("networks:detail", args=[network.pk])
    with (
        django_assert_max_num_queries(PAGE_QUERY_BOUND),
        TestCase.captureOnCommitCallbacks(execute=True),  # a request's reads commit
    ):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_max_num_queries(CACHED_PAGE_QUERY_BOUND):
        assert client.get(url).status_code == 200


def test_network_page_shows_figures_and_links(client, network):
    fill(network, people=6, weeks=4, followups=1)
    login(client, network.lead_worker)
    response = client.get(reverse("networks:detail", args=[network.pk]))
    body = response.content.decode()
    assert 'role="img"' in body and "<title" in body
    assert "Aanwezigen per week" in body and "Vaste deelnemers" in body
    assert reverse("networks:session_current", args=[network.pk]) in body
    assert reverse("networks:session_list", args=[network.pk]) in body
    assert reverse("participants:list", kwargs={"network_id": network.pk}) in body
    assert reverse("logbook:list", kwargs={"network_id": network.pk}) in body
    assert reverse("networks:import", kwargs={"network_id": network.pk}) in body
    weeks = response.context["weeks"]
    assert len(weeks) == 26
    recorded = [week for week in weeks if week.has_session]
    assert len(recorded) == 4
    assert all(week.present == 4 for week in recorded)  # 6 people, one in three skipped
    assert {item["stage"].value for item in response.context["route_counts"]} >= {
        "invited",
        "steady",
        "dropped_out",
    }
    # The open follow-up names a participant: one audit record for the read.
    assert len(response.context["followups"]) == 1
    assert AuditEvent.objects.filter(action="view", object_type="networks.network").count() == 1


def test_coordinator_sees_figures_but_no_names_or_session_links(client, network, coordinator):
    _, participants, _ = fill(network, people=3, weeks=2, followups=1)
    login(client, coordinator)
    response = client.get(reverse("networks:detail", args=[network.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert participants[0].display_name not in body
    assert reverse("networks:session_current", args=[network.pk]) not in body
    assert reverse("networks:edit", args=[network.pk]) in body
    assert not AuditEvent.objects.filter(action="view").exists()


def test_network_page_before_the_start(client, organisation, coordinator):
    future = NetworkFactory(
        organisation=organisation, start_date=timezone.localdate() + dt.timedelta(days=30)
    )
    login(client, coordinator)
    response = client.get(reverse("networks:detail", args=[future.pk]))
    assert response.status_code == 200
    assert "Nog niet begonnen" in response.content.decode()


def test_weekly_attendance_counts_different_people_per_week(network):
    from vangnet.networks.selectors import weekly_attendance

    monday = dt.date(2025, 3, 3)
    people = [ParticipantFactory(network=network) for _ in range(3)]
    first = SessionFactory(network=network, date=monday, recorded=True)
    second = SessionFactory(network=network, date=monday + dt.timedelta(days=2), recorded=True)
    unrecorded = SessionFactory(network=network, date=monday + dt.timedelta(days=7))
    for session, who in ((first, people[:2]), (second, people[1:]), (unrecorded, people)):
        Attendance.objects.bulk_create([Attendance(session=session, participant=p) for p in who])
    weeks = weekly_attendance(network=network, today=monday + dt.timedelta(days=9), weeks=3)
    assert [(w.monday, w.sessions, w.present) for w in weeks] == [
        (monday - dt.timedelta(weeks=1), 0, 0),
        (monday, 2, 3),
        (monday + dt.timedelta(weeks=1), 0, 0),
    ]
