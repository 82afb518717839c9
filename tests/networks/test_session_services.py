"""Session generation, one-off sessions and the merge semantics of recording attendance."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import ActivityFactory, NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance, Contribution, Session
from vangnet.networks.sessions.schedule_services import (
    session_create_one_off,
    sessions_generate_from_schedule,
)
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.participants.models import Participant

pytestmark = pytest.mark.django_db

WED = 2
FRI = 4


def marks(present=(), contributions=()):
    return AttendanceMarks.build(present, contributions)


EMPTY = marks()


def stored(session):
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    contributions = set(
        Contribution.objects.filter(session=session).values_list("participant_id", "task")
    )
    return present, contributions


def save(session, worker, new, base=EMPTY, *, version=0, note="", base_note="", **kwargs):
    return session_record_attendance(
        session=session,
        marks=new,
        note=note,
        base_marks=base,
        base_note=base_note,
        base_version=version,
        recorded_by=worker,
        **kwargs,
    )


# --------------------------------------------------------------------------- generation


def test_generation_creates_one_session_per_activity_day(network):
    lunch = ActivityFactory(network=network, weekday=WED)  # network starts Monday 2025-01-06
    created = sessions_generate_from_schedule(network=network, until=dt.date(2025, 1, 31))
    sessions = list(Session.objects.filter(network=network).order_by("date"))
    assert created == 4
    assert [s.date for s in sessions] == [
        dt.date(2025, 1, 8),
        dt.date(2025, 1, 15),
        dt.date(2025, 1, 22),
        dt.date(2025, 1, 29),
    ]
    assert all(list(s.activities.all()) == [lunch] for s in sessions)
    assert not any(s.is_one_off or s.recorded for s in sessions)


def test_generation_is_idempotent(network):
    ActivityFactory(network=network, weekday=WED)
    until = dt.date(2025, 3, 1)
    first = sessions_generate_from_schedule(network=network, until=until)
    again = sessions_generate_from_schedule(network=network, until=until)
    earlier = sessions_generate_from_schedule(network=network, until=dt.date(2025, 2, 1))
    assert first == 8 and again == 0 and earlier == 0
    assert Session.objects.filter(network=network).count() == 8
    dates = list(Session.objects.filter(network=network).values_list("date", flat=True))
    assert len(dates) == len(set(dates))


def test_generation_follows_activity_changes_over_time(network):
    soup = ActivityFactory(
        network=network, name="Soepgroep", weekday=WED, active_until=dt.date(2025, 1, 31)
    )
    sessions_generate_from_schedule(network=network, until=dt.date(2025, 1, 20))
    # The soup group becomes a lunch group on a Friday from February on.
    lunch = ActivityFactory(
        network=network,
        name="Lunchgroep",
        weekday=FRI,
        active_from=dt.date(2025, 2, 1),
        replaces=soup,
    )
    sessions_generate_from_schedule(network=network, until=dt.date(2025, 2, 20))
    sessions_generate_from_schedule(network=network, until=dt.date(2025, 2, 20))
    by_date = {
        s.date: [a.name for a in s.activities.all()]
        for s in Session.objects.filter(network=network).prefetch_related("activities")
    }
    assert by_date == {
        dt.date(2025, 1, 8): ["Soepgroep"],
        dt.date(2025, 1, 15): ["Soepgroep"],
        dt.date(2025, 1, 22): ["Soepgroep"],
        dt.date(2025, 1, 29): ["Soepgroep"],
        dt.date(2025, 2, 7): ["Lunchgroep"],
        dt.date(2025, 2, 14): ["Lunchgroep"],
    }
    assert lunch.sessions.count() == 2


def test_two_activities_on_one_day_share_one_session(network):
    craft = ActivityFactory(network=network, name="Creaclub", weekday=WED)
    toys = ActivityFactory(network=network, name="Speelgoedpunt", weekday=WED)
    sessions_generate_from_schedule(network=network, until=dt.date(2025, 1, 15))
    sessions = Session.objects.filter(network=network)
    assert sessions.count() == 2
    assert {a.pk for a in sessions[0].activities.all()} == {craft.pk, toys.pk}


def test_generation_respects_start_date_and_other_networks(network):
    late = NetworkFactory(organisation=network.organisation, start_date=dt.date(2025, 1, 20))
    ActivityFactory(network=late, weekday=WED, active_from=dt.date(2025, 1, 1))
    ActivityFactory(network=network, weekday=WED)
    assert sessions_generate_from_schedule(network=late, until=dt.date(2025, 1, 31)) == 2
    assert Session.objects.filter(network=network).count() == 0
    assert min(Session.objects.filter(network=late).values_list("date", flat=True)) == (
        dt.date(2025, 1, 22)
    )


def test_one_off_session_does_not_block_the_scheduled_one(network, worker):
    ActivityFactory(network=network, weekday=WED)
    one_off = session_create_one_off(
        network=network, date=dt.date(2025, 1, 8), title="Buurtlunch", actor=worker
    )
    sessions_generate_from_schedule(network=network, until=dt.date(2025, 1, 8))
    assert Session.objects.filter(network=network, date=dt.date(2025, 1, 8)).count() == 2
    assert one_off.is_one_off and one_off.title == "Buurtlunch"


def test_without_activities_nothing_is_generated(network):
    assert sessions_generate_from_schedule(network=network, until=dt.date(2026, 1, 1)) == 0


def test_one_off_validation(network, worker):
    foreign_activity = ActivityFactory()
    with pytest.raises(ValidationError) as exc:
        session_create_one_off(
            network=network,
            date=dt.date(2025, 3, 1),
            title="  ",
            activities=[foreign_activity],
            actor=worker,
        )
    assert set(exc.value.message_dict) == {"title", "activities"}
    assert not Session.objects.exists()


def test_one_off_with_activities(network, worker):
    activity = ActivityFactory(network=network)
    session = session_create_one_off(
        network=network,
        date=dt.date(2025, 3, 1),
        title=" Speelgoed inpakken ",
        activities=[activity],
        actor=worker,
    )
    assert session.title == "Speelgoed inpakken"
    assert list(session.activities.all()) == [activity]


# --------------------------------------------------------------------------- recording


@pytest.fixture
def session(network):
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5))
    session.activities.add(ActivityFactory(network=network))
    return session


@pytest.fixture
def people(network):
    return [ParticipantFactory(network=network, display_name=f"Persoon {i}") for i in range(6)]


def test_simple_save_sets_state_version_and_audit(session, people, worker):
    a, b, c = (p.pk for p in people[:3])
    result = save(session, worker, marks({a, b}, {(c, "koken")}), note="Fijne middag")
    session.refresh_from_db()
    assert stored(session) == ({a, b, c}, {(c, "koken")})
    assert session.version == 1 and session.recorded and session.updated_by == worker
    assert session.note == "Fijne middag"
    assert result.present_count == 3 and not result.merged and not result.note_conflict
    audit = AuditEvent.objects.filter(action="update", object_type="networks.session")
    assert audit.count() == 1
    detail = audit.get().detail
    assert "Persoon" not in detail and "koken" not in detail and "Fijne" not in detail


def test_two_saves_from_the_same_base_keep_both(session, people, worker, network):
    a, b, c, d = (p.pk for p in people[:4])
    backup = network.backup_worker
    first = save(session, worker, marks({a, b}, {(a, "koken")}))
    second = save(session, backup, marks({c, d}, {(d, "afwassen")}))  # same base, version 0
    assert stored(session) == ({a, b, c, d}, {(a, "koken"), (d, "afwassen")})
    assert not first.merged and second.merged
    session.refresh_from_db()
    assert session.version == 2


def test_removal_by_one_worker_keeps_the_others_addition(session, people, worker, network):
    a, b, c = (p.pk for p in people[:3])
    save(session, worker, marks({a, b}))
    base = marks({a, b})
    # Both load version 1 with a and b present. The lead removes b; the backup adds c.
    save(session, worker, marks({a}), base, version=1)
    save(session, network.backup_worker, marks({a, b, c}), base, version=1)
    present, _ = stored(session)
    assert present == {a, c}


def test_same_person_added_by_both_is_stored_once(session, people, worker, network):
    a = people[0].pk
    save(session, worker, marks({a}, {(a, "koken")}))
    save(session, network.backup_worker, marks({a}, {(a, "koken")}))
    assert Attendance.objects.filter(session=session).count() == 1
    assert Contribution.objects.filter(session=session).count() == 1


def test_contribution_removal_merges_and_contribution_implies_presence(session, people, worker):
    a, b = people[0].pk, people[1].pk
    save(session, worker, marks({a}, {(a, "koken"), (a, "afwassen")}))
    base = marks({a}, {(a, "koken"), (a, "afwassen")})
    save(session, worker, marks({a}, {(a, "koken")}), base, version=1)
    # A contribution without the presence box still makes someone present.
    save(session, worker, marks(set(), {(b, "tafel dekken")}), version=1)
    assert stored(session) == ({a, b}, {(a, "koken"), (b, "tafel dekken")})


def test_contribution_texts_are_trimmed_and_deduplicated(session, people, worker):
    a = people[0].pk
    save(session, worker, marks({a}, {(a, "  koken "), (a, "koken"), (a, "   ")}))
    assert stored(session)[1] == {(a, "koken")}


def test_too_long_contribution_saves_nothing(session, people, worker):
    a = people[0].pk
    with pytest.raises(ValidationError):
        save(session, worker, marks({a}, {(a, "x" * 121)}))
    assert stored(session) == (set(), set())
    session.refresh_from_db()
    assert session.version == 0 and not session.recorded


def test_foreign_participant_raises_and_saves_nothing(session, people, worker):
    stranger = ParticipantFactory()  # another network, another organisation
    with pytest.raises(ValidationError) as exc:
        save(
            session,
            worker,
            marks({people[0].pk, stranger.pk}),
            note="Niet opslaan",
            newcomers=["Noor"],
        )
    assert "vangnetwerk" in exc.value.messages[0]
    session.refresh_from_db()
    assert stored(session) == (set(), set())
    assert session.version == 0 and session.note == ""
    assert not Participant.objects.filter(display_name="Noor").exists()
    assert not AuditEvent.objects.filter(action="update").exists()


def test_foreign_participant_in_base_or_contribution_is_rejected(session, people, worker):
    stranger = ParticipantFactory()
    with pytest.raises(ValidationError):
        save(session, worker, marks(), marks({stranger.pk}))
    with pytest.raises(ValidationError):
        save(session, worker, marks(set(), {(stranger.pk, "koken")}))


def test_newcomer_becomes_present_participant_once(session, people, worker, network):
    result = save(session, worker, marks({people[0].pk}), newcomers=[" Fatima ", "fatima", ""])
    assert [p.display_name for p in result.newcomers] == ["Fatima"]
    fatima = Participant.objects.get(display_name="Fatima")
    assert fatima.network == network
    assert fatima.pk in stored(session)[0]
    # A double tap on save sends the same name again: no second Fatima.
    save(session, worker, marks({people[0].pk}), newcomers=["Fatima"])
    assert Participant.objects.filter(display_name="Fatima").count() == 1
    assert AuditEvent.objects.filter(action="create", object_id=str(fatima.pk)).count() == 1


def test_note_change_without_conflict_replaces(session, worker):
    save(session, worker, EMPTY, note="Eerste versie")
    result = save(
        session, worker, EMPTY, version=1, note="Tweede versie", base_note="Eerste versie"
    )
    session.refresh_from_db()
    assert session.note == "Tweede versie" and not result.note_conflict


def test_note_changed_by_both_keeps_both(session, worker, network):
    save(session, worker, EMPTY, note="Soep was lekker.")
    base_note = "Soep was lekker."
    save(
        session,
        worker,
        EMPTY,
        version=1,
        note="Soep was lekker.\r\nAnna kookte.",
        base_note=base_note,
    )
    result = save(
        session,
        network.backup_worker,
        EMPTY,
        version=1,
        note="Soep was lekker. Kees deed de afwas.",
        base_note=base_note,
    )
    session.refresh_from_db()
    assert result.note_conflict and result.merged
    assert "Anna kookte." in session.note and "Kees deed de afwas." in session.note
    assert session.note.count("Soep was lekker.") == 1


def test_unchanged_note_keeps_the_other_workers_note(session, worker, network):
    save(session, worker, EMPTY, note="Van de eerste")
    result = save(session, network.backup_worker, EMPTY, version=0, note="", base_note="")
    session.refresh_from_db()
    assert session.note == "Van de eerste" and not result.note_conflict


def test_followups_refresh_is_called_when_available(session, people, worker, monkeypatch):
    from vangnet.participants import followup_services as participant_services

    calls = []
    monkeypatch.setattr(
        participant_services,
        "followups_refresh",
        lambda *, network, today: calls.append((network.pk, today)),
        raising=False,
    )
    save(session, worker, marks({people[0].pk}))
    assert calls and calls[0][0] == session.network_id
