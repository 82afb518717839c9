"""Announced absences (afgemeld): on the session screen, ahead of time, and the follow-up
rule that does not count them as missed sessions."""

import datetime as dt
import json

import pytest
from django.urls import reverse

from tests.factories import ParticipantFactory, SessionFactory
from tests.networks.session_form import form_data, record_url
from tests.participants.factories import attend, weekly_sessions
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session
from vangnet.networks.sessions.absences import absence_announce, merge_absences
from vangnet.participants.followup_rule import (
    Absences,
    candidate_threshold,
    count_absences,
    followup_due,
)
from vangnet.participants.followup_services import followups_refresh
from vangnet.participants.models import FollowUpTask

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)


@pytest.fixture
def steady(network):
    """Ria came 18 weeks in a row and missed the last two recorded sessions."""
    sessions = weekly_sessions(network, START, 20)
    ria = ParticipantFactory(network=network, display_name="Ria")
    attend(ria, sessions[:18])
    return network, sessions, ria


# --------------------------------------------------------------------------- follow-up rule


def test_announced_absence_creates_no_followup_task(steady, worker):
    """Finding (issue 15): a known absence (afgemeld) still created a nabeltaak."""
    network, sessions, ria = steady
    for session in sessions[18:]:
        absence_announce(session=session, participant=ria, reason="ziek", actor=worker)
    assert followups_refresh(network=network, today=sessions[-1].date) == 0
    assert not FollowUpTask.objects.exists()


def test_one_unannounced_and_one_announced_absence_is_not_two_missed(steady, worker):
    network, sessions, ria = steady
    absence_announce(session=sessions[19], participant=ria, reason="", actor=worker)
    assert followups_refresh(network=network, today=sessions[-1].date) == 0


def test_unannounced_absences_still_create_a_task(steady):
    network, sessions, _ria = steady
    assert followups_refresh(network=network, today=sessions[-1].date) == 1


def test_three_announced_absences_in_a_row_still_create_a_task(network, worker):
    sessions = weekly_sessions(network, START, 21)
    ria = ParticipantFactory(network=network, display_name="Ria")
    attend(ria, sessions[:18])
    for session in sessions[18:]:
        absence_announce(session=session, participant=ria, reason="afspraak", actor=worker)
    assert followups_refresh(network=network, today=sessions[-1].date) == 1


def test_the_organisation_can_turn_the_announced_rule_off(network, worker):
    network.organisation.followup_after_announced_absences = 0
    network.organisation.save()
    sessions = weekly_sessions(network, START, 22)
    ria = ParticipantFactory(network=network)
    attend(ria, sessions[:18])
    for session in sessions[18:]:
        absence_announce(session=session, participant=ria, reason="", actor=worker)
    assert followups_refresh(network=network, today=sessions[-1].date) == 0


@pytest.mark.parametrize(
    ("missed", "announced", "due"),
    [
        ([1, 2], set(), True),
        ([1, 2], {2}, False),
        ([1, 2, 3], {2}, True),
        ([1, 2, 3], {1, 2, 3}, True),
        ([1, 2], {1, 2}, False),
        ([], set(), False),
    ],
)
def test_followup_due_pure(missed, announced, due):
    absences = count_absences(missed_sessions=missed, announced=announced)
    assert followup_due(absences=absences, missed_needed=2, announced_needed=3) is due


def test_followup_rule_bounds():
    assert followup_due(absences=Absences(0, 9), missed_needed=2, announced_needed=0) is False
    assert candidate_threshold(missed_needed=3, announced_needed=2) == 2
    assert candidate_threshold(missed_needed=2, announced_needed=0) == 2


def test_merge_absences_keeps_another_workers_absence():
    merged, now = merge_absences(current={1: "ziek", 2: ""}, submitted={3: "vakantie"}, base={})
    assert merged == {1: "ziek", 2: "", 3: "vakantie"} and now == {3}
    merged, now = merge_absences(current={1: "ziek"}, submitted={}, base={1: "ziek"})
    assert merged == {} and now == set()


# --------------------------------------------------------------------------- the screen


@pytest.fixture
def session(network):
    return SessionFactory(network=network, date=dt.date(2025, 2, 5))


def test_screen_records_an_announced_absence_with_reason(worker_client, session, network):
    ria, joost = (ParticipantFactory(network=network, display_name=n) for n in ("Ria", "Joost"))
    page = worker_client.get(record_url(session)).content.decode()
    assert f'name="absent-{ria.pk}"' in page and "afgemeld: ziek" in page
    response = worker_client.post(
        record_url(session),
        form_data(session, present=[str(joost.pk)], **{f"absent-{ria.pk}": "ziek"}),
    )
    assert response.status_code == 302
    absence = AnnouncedAbsence.objects.get()
    assert (absence.participant, absence.reason) == (ria, "ziek")
    assert list(Attendance.objects.values_list("participant", flat=True)) == [joost.pk]
    page = worker_client.get(record_url(session)).content.decode()
    assert json.dumps([[ria.pk, "ziek"]]) in page.replace("&quot;", '"')


def test_screen_absence_without_reason_and_presence_wins(worker_client, session, network):
    ria = ParticipantFactory(network=network)
    worker_client.post(record_url(session), form_data(session, **{f"absent-{ria.pk}": "*"}))
    assert AnnouncedAbsence.objects.get().reason == ""
    session.refresh_from_db()
    # She came after all: ticked present (the menu still says afgemeld without JavaScript).
    response = worker_client.post(
        record_url(session),
        form_data(
            session,
            present=[str(ria.pk)],
            base_absent=json.dumps([[ria.pk, ""]]),
            **{f"absent-{ria.pk}": "*"},
        ),
    )
    assert response.status_code == 302
    assert not AnnouncedAbsence.objects.exists()
    assert Attendance.objects.filter(participant=ria).exists()


def test_absence_announced_on_screen_removes_presence_saved_by_another(
    worker_client, session, network
):
    ria = ParticipantFactory(network=network)
    Attendance.objects.create(session=session, participant=ria)  # saved by someone else
    response = worker_client.post(
        record_url(session), form_data(session, **{f"absent-{ria.pk}": "vakantie"})
    )
    assert response.status_code == 302
    assert not Attendance.objects.filter(participant=ria).exists()
    assert AnnouncedAbsence.objects.get().reason == "vakantie"


def test_absence_reason_with_nul_byte_is_refused_and_nothing_saved(worker_client, session, network):
    ria = ParticipantFactory(network=network)
    response = worker_client.post(
        record_url(session), form_data(session, **{f"absent-{ria.pk}": "zi\x00ek"})
    )
    assert response.status_code == 400
    assert "stuurteken" in response.content.decode()
    assert not AnnouncedAbsence.objects.exists()
    session.refresh_from_db()
    assert session.version == 0


def test_absence_for_a_foreign_participant_is_refused(worker_client, session):
    stranger = ParticipantFactory()
    response = worker_client.post(
        record_url(session), form_data(session, **{f"absent-{stranger.pk}": "ziek"})
    )
    assert response.status_code == 400
    assert not AnnouncedAbsence.objects.exists()


# --------------------------------------------------------------------------- ahead of time


def test_announce_ahead_of_time_and_withdraw(worker_client, network, monkeypatch):
    today = network.start_date + dt.timedelta(days=30)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    upcoming = SessionFactory(network=network, date=today + dt.timedelta(days=3))
    ria = ParticipantFactory(network=network, display_name="Ria")
    url = reverse("networks:absence_list", args=[network.pk])
    assert worker_client.get(url).status_code == 200
    response = worker_client.post(
        url, {"participant": ria.pk, "session": upcoming.pk, "reason": "afspraak"}
    )
    assert response.status_code == 302
    absence = AnnouncedAbsence.objects.get()
    assert (absence.session, absence.reason) == (upcoming, "afspraak")
    upcoming.refresh_from_db()
    assert upcoming.recorded is False  # announcing is not filling in the session
    assert AuditEvent.objects.filter(object_type="networks.announcedabsence").exists()
    page = worker_client.get(url).content.decode()
    assert "Ria" in page and "afspraak" in page
    delete = reverse("networks:absence_delete", args=[network.pk, absence.pk])
    assert worker_client.post(delete).status_code == 302
    assert not AnnouncedAbsence.objects.exists()


def test_announce_ahead_refuses_someone_already_present(worker_client, network, monkeypatch):
    today = network.start_date + dt.timedelta(days=30)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    session = SessionFactory(network=network, date=today)
    ria = ParticipantFactory(network=network, display_name="Ria")
    Attendance.objects.create(session=session, participant=ria)
    url = reverse("networks:absence_list", args=[network.pk])
    response = worker_client.post(url, {"participant": ria.pk, "session": session.pk})
    assert response.status_code == 400
    assert "al als aanwezig" in response.content.decode()
    assert not AnnouncedAbsence.objects.exists()


def test_announce_ahead_bad_input_is_a_clear_400(worker_client, network):
    url = reverse("networks:absence_list", args=[network.pk])
    response = worker_client.post(url, {"participant": "x\x00", "session": "99999999999"})
    assert response.status_code == 400
    other = reverse("networks:absence_delete", args=[network.pk, 99999])
    assert worker_client.post(other).status_code == 302  # gone already: said, not a 500
    assert Session.objects.filter(recorded=True).count() == 0


def test_announce_service_refuses_unsafe_reason(network, worker):
    """The service checks too (core.text), not only the form."""
    from django.core.exceptions import ValidationError

    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    ria = ParticipantFactory(network=network)
    with pytest.raises(ValidationError):
        absence_announce(session=session, participant=ria, reason="zi\u202eek", actor=worker)
    assert not AnnouncedAbsence.objects.exists()
