"""The participant announces their own absence for a coming session; the worker's session
screen shows it pre-filled as "afgemeld", "door deelnemer zelf"; the coming sessions as a
calendar file."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory
from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session


@pytest.fixture
def group(space):
    """Anna's network meets every week on tomorrow's weekday; the sessions exist ahead."""
    today = timezone.localdate()
    network = space["network"]
    network.start_date = today - dt.timedelta(weeks=2)
    network.save()
    tomorrow = today + dt.timedelta(days=1)
    ActivityFactory(
        network=network,
        name="Lunch",
        weekday=tomorrow.weekday(),
        start_time=dt.time(11, 30),
        duration_minutes=90,
        active_from=network.start_date,
    )
    return {**space, "tomorrow": tomorrow}


def _session_on(network, day):
    return Session.objects.get(network=network, date=day)


def test_participant_announces_an_absence_the_worker_sees_it(client, group):
    anna, worker = group["anna"], group["worker"]
    sign_in(client, activate(anna, actor=worker))
    page = client.get(reverse("myspace:absences"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ik kom niet" in html and "11:30" in html and "13:00" in html
    session = _session_on(group["network"], group["tomorrow"])
    response = client.post(
        reverse("myspace:absences"), {"session": session.pk, "action": "absent", "reason": "ziek"}
    )
    assert response.status_code == 302
    absence = AnnouncedAbsence.objects.get(session=session, participant=anna)
    assert absence.reason == "ziek" and absence.by_participant and absence.recorded_by is None
    assert AuditEvent.objects.filter(
        action="create", object_type="networks.announcedabsence", actor=None
    ).exists()
    assert "Ik kom toch" in client.get(reverse("myspace:absences")).content.decode()
    # The worker's session screen: pre-filled "afgemeld: ziek", marked as by the participant.
    client.force_login(worker)
    url = reverse("networks:session_record", args=[group["network"].pk, session.pk])
    screen = client.get(url).content.decode()
    assert 'value="ziek" selected' in screen
    assert "door deelnemer zelf" in screen
    listing = client.get(reverse("networks:absence_list", args=[group["network"].pk]))
    assert "door deelnemer zelf" in listing.content.decode()


def test_participant_takes_the_absence_back(client, group):
    anna, worker = group["anna"], group["worker"]
    sign_in(client, activate(anna, actor=worker))
    client.get(reverse("myspace:absences"))
    session = _session_on(group["network"], group["tomorrow"])
    client.post(reverse("myspace:absences"), {"session": session.pk, "action": "absent"})
    assert AnnouncedAbsence.objects.filter(session=session, participant=anna).exists()
    client.post(reverse("myspace:absences"), {"session": session.pk, "action": "come"})
    assert not AnnouncedAbsence.objects.filter(session=session, participant=anna).exists()
    assert AuditEvent.objects.filter(action="delete", detail="door deelnemer zelf").exists()
    # A second tap changes nothing and fails nothing.
    response = client.post(reverse("myspace:absences"), {"session": session.pk, "action": "come"})
    assert response.status_code == 302


def test_unknown_reason_and_present_are_refused_with_a_message(client, group):
    anna, worker = group["anna"], group["worker"]
    sign_in(client, activate(anna, actor=worker))
    client.get(reverse("myspace:absences"))
    session = _session_on(group["network"], group["tomorrow"])
    response = client.post(
        reverse("myspace:absences"),
        {"session": session.pk, "action": "absent", "reason": "geen zin <b>"},
        follow=True,
    )
    assert "Kies een reden uit de lijst" in response.content.decode()
    assert not AnnouncedAbsence.objects.filter(participant=anna).exists()
    Attendance.objects.create(session=session, participant=anna)
    response = client.post(
        reverse("myspace:absences"), {"session": session.pk, "action": "absent"}, follow=True
    )
    assert "al als aanwezig" in response.content.decode()
    assert not AnnouncedAbsence.objects.filter(participant=anna).exists()


def test_no_absence_for_a_past_or_anothers_session(client, group):
    anna, worker = group["anna"], group["worker"]
    sign_in(client, activate(anna, actor=worker))
    client.get(reverse("myspace:absences"))
    past = Session.objects.filter(network=group["network"], date__lt=timezone.localdate()).first()
    foreign = NetworkFactory(start_date=timezone.localdate())
    other = Session.objects.create(network=foreign, date=group["tomorrow"])
    for session in (past, other):
        response = client.post(
            reverse("myspace:absences"), {"session": session.pk, "action": "absent"}
        )
        assert response.status_code == 404
    assert client.post(reverse("myspace:absences"), {"session": "x"}).status_code == 404
    assert not AnnouncedAbsence.objects.exists()


def test_participant_cannot_take_back_anothers_absence(client, group):
    """Participant versus participant in the same network: Bert's absence stays."""
    anna, bert, worker = group["anna"], group["bert"], group["worker"]
    sign_in(client, activate(bert, actor=worker))
    client.get(reverse("myspace:absences"))
    session = _session_on(group["network"], group["tomorrow"])
    client.post(reverse("myspace:absences"), {"session": session.pk, "action": "absent"})
    sign_in(client, activate(anna, actor=worker))
    html = client.get(reverse("myspace:absences")).content.decode()
    assert "Ik kom toch" not in html  # Bert's absence is not shown to Anna
    client.post(reverse("myspace:absences"), {"session": session.pk, "action": "come"})
    assert AnnouncedAbsence.objects.filter(session=session, participant=bert).exists()


def test_calendar_file(client, group):
    anna, worker = group["anna"], group["worker"]
    sign_in(client, activate(anna, actor=worker))
    client.get(reverse("myspace:absences"))
    session = _session_on(group["network"], group["tomorrow"])
    client.post(
        reverse("myspace:absences"), {"session": session.pk, "action": "absent", "reason": "ziek"}
    )
    response = client.get(reverse("myspace:calendar"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    # RFC 5545: CRLF line ends, no line longer than 75 octets.
    assert b"\r\n" in body
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    calendar = Calendar.from_ical(body)
    events = list(calendar.walk("VEVENT"))
    assert len(events) >= 4
    mine = next(e for e in events if str(e["uid"]) == f"mijn-session-{session.pk}@vangnet")
    assert str(mine["summary"]).startswith("Afgemeld:")
    start = mine.decoded("dtstart")
    assert start.tzinfo is not None
    assert timezone.localtime(start).time() == dt.time(11, 30)
    assert b"Anna" not in body and b"Bertus" not in body
    assert AuditEvent.objects.filter(action="export", detail__contains="agenda").exists()


def test_calendar_escapes_text(client, space):
    """A network name with a comma, a semicolon and a long text is escaped and folded."""
    network = NetworkFactory(
        name="Groep, met; tekens " + "lang " * 20, start_date=timezone.localdate()
    )
    Session.objects.create(network=network, date=timezone.localdate(), title="Uitje")
    person = ParticipantFactory(network=network)
    sign_in(client, activate(person, actor=network.lead_worker))
    body = client.get(reverse("myspace:calendar")).content
    assert b"Groep\\, met\\; tekens" in body
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    event = next(iter(Calendar.from_ical(body).walk("VEVENT")))
    assert str(event["summary"]).startswith("Groep, met; tekens lang")
    assert event.decoded("dtstart") == timezone.localdate()  # a day without a time


def test_a_client_has_no_sessions(client, space):
    kees, _mother = _client_with_map(space["worker"])
    sign_in(client, activate(None, actor=space["worker"], client=kees))
    assert client.get(reverse("myspace:absences")).status_code == 404
    assert client.get(reverse("myspace:calendar")).status_code == 404


def test_the_sessions_page_is_plain_language(client, group):
    from tests.myspace.test_plain_language import _check

    sign_in(client, activate(group["anna"], actor=group["worker"]))
    client.get(reverse("myspace:absences"))
    session = _session_on(group["network"], group["tomorrow"])
    client.post(reverse("myspace:absences"), {"session": session.pk, "action": "absent"})
    html = client.get(reverse("myspace:absences")).content.decode()
    assert "Ik kom toch" in html and "Ik kom niet" in html
    assert _check(html, "absences") == []
