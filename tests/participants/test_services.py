import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import NetworkFactory, ParticipantFactory, ReferralPartnerFactory
from tests.participants.factories import FollowUpTaskFactory
from vangnet.audit.models import AuditEvent
from vangnet.participants.followup_services import followup_close
from vangnet.participants.models import (
    CameInVia,
    FollowUpStatus,
    Participant,
    ReferralPartner,
    RouteEvent,
    RouteStage,
)
from vangnet.participants.services import (
    parse_tags,
    participant_create,
    participant_update,
    partner_save,
    route_event_record,
)

pytestmark = pytest.mark.django_db


def test_parse_tags_trims_and_drops_repeats():
    assert parse_tags(" koken, Koken ,, tuinieren ; luisteren") == [
        "koken",
        "tuinieren",
        "luisteren",
    ]
    assert parse_tags(None) == [] and parse_tags(["a", " a ", "b"]) == ["a", "b"]


def test_create_writes_one_audit_record(network, worker):
    person = participant_create(
        network=network, display_name=" Ria ", actor=worker, wishes=["samen eten"]
    )
    assert person.display_name == "Ria" and person.organisation_id == network.organisation_id
    events = AuditEvent.objects.filter(object_type="participants.participant")
    assert [(e.action, e.object_id) for e in events] == [("create", str(person.pk))]
    assert "Ria" not in events[0].detail


def test_create_without_name_is_refused_as_before(network, worker):
    with pytest.raises(ValueError):
        participant_create(network=network, display_name="  ", actor=worker)
    with pytest.raises(ValidationError) as info:
        participant_create(network=network, display_name="", actor=worker)
    assert "display_name" in info.value.message_dict
    assert not Participant.objects.exists()


def test_create_checks_partner_and_inviter(network, worker):
    foreign_partner = ReferralPartnerFactory()
    with pytest.raises(ValidationError) as info:
        participant_create(
            network=network,
            display_name="Ria",
            actor=worker,
            came_in_via=CameInVia.REFERRAL,
            referral_partner=foreign_partner,
        )
    assert "referral_partner" in info.value.message_dict
    stranger = ParticipantFactory(network=NetworkFactory(organisation=network.organisation))
    with pytest.raises(ValidationError) as info:
        participant_create(
            network=network,
            display_name="Ria",
            actor=worker,
            came_in_via=CameInVia.INVITED_BY_PARTICIPANT,
            invited_by=stranger,
        )
    assert "invited_by" in info.value.message_dict
    assert not Participant.objects.filter(network=network).exists()


def test_partner_is_cleared_when_someone_came_in_another_way(network, worker):
    partner = ReferralPartnerFactory(organisation=network.organisation)
    person = participant_create(
        network=network,
        display_name="Ria",
        actor=worker,
        came_in_via=CameInVia.MET_BY_WORKER,
        referral_partner=partner,
    )
    assert person.referral_partner is None


def test_update_with_current_version_saves_and_audits(network, worker):
    person = ParticipantFactory(network=network)
    updated = participant_update(
        participant=person,
        actor=worker,
        version=0,
        changes={"display_name": "Ria", "talents": "koken, zingen"},
    )
    assert updated.version == 1
    person.refresh_from_db()
    assert person.display_name == "Ria" and person.talents == ["koken", "zingen"]
    assert AuditEvent.objects.filter(action="update", object_id=str(person.pk)).count() == 1


def test_update_with_stale_version_is_refused_and_changes_nothing(network, worker):
    person = ParticipantFactory(network=network, display_name="Ria")
    participant_update(participant=person, actor=worker, version=0, changes={"phone": "06"})
    with pytest.raises(ValidationError) as info:
        participant_update(
            participant=person, actor=worker, version=0, changes={"display_name": "Riet"}
        )
    assert info.value.code == "stale"
    assert "iemand anders" in info.value.messages[0].lower()
    person.refresh_from_db()
    assert person.display_name == "Ria" and person.version == 1
    assert AuditEvent.objects.filter(action="update").count() == 1


def test_update_without_changes_writes_nothing(network, worker):
    person = ParticipantFactory(network=network, display_name="Ria")
    participant_update(participant=person, actor=worker, version=0, changes={"display_name": "Ria"})
    person.refresh_from_db()
    assert person.version == 0
    assert not AuditEvent.objects.filter(action="update").exists()


def test_update_rejects_unknown_fields(network, worker):
    person = ParticipantFactory(network=network)
    with pytest.raises(ValueError):
        participant_update(
            participant=person, actor=worker, version=0, changes={"organisation": None}
        )


def test_route_event_record_each_kind(network, worker):
    person = ParticipantFactory(network=network)
    today = timezone.localdate()
    event = route_event_record(
        participant=person,
        actor=worker,
        kind="correction",
        date=today,
        stage=RouteStage.STEADY,
        reason="Komt elke week.",
    )
    assert (event.stage, event.recorded_by) == (RouteStage.STEADY, worker)
    event = route_event_record(
        participant=person, actor=worker, kind="dropout", date=today, dropout_reason="health"
    )
    assert event.stage == RouteStage.DROPPED_OUT
    event = route_event_record(
        participant=person, actor=worker, kind="referral", date=today, referred_to="dagbesteding"
    )
    assert event.stage == RouteStage.REFERRED_ON and event.referred_to == "dagbesteding"
    audits = AuditEvent.objects.filter(object_type="participants.routeevent", action="create")
    assert audits.count() == 3
    assert all(a.detail == f"participant {person.pk}" for a in audits)


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"kind": "correction", "stage": "steady", "reason": ""}, "reason"),
        ({"kind": "correction", "stage": "referred_on", "reason": "x"}, "stage"),
        ({"kind": "dropout", "dropout_reason": "sick"}, "dropout_reason"),
        ({"kind": "referral", "referred_to": " "}, "referred_to"),
    ],
)
def test_route_event_record_validates(network, worker, kwargs, field):
    person = ParticipantFactory(network=network)
    with pytest.raises(ValidationError) as info:
        route_event_record(participant=person, actor=worker, date=timezone.localdate(), **kwargs)
    assert field in info.value.message_dict
    assert not RouteEvent.objects.exists()
    assert not AuditEvent.objects.exists()


def test_route_event_in_the_future_is_refused(network, worker):
    person = ParticipantFactory(network=network)
    with pytest.raises(ValidationError) as info:
        route_event_record(
            participant=person,
            actor=worker,
            kind="dropout",
            dropout_reason="moved",
            date=timezone.localdate() + dt.timedelta(days=1),
        )
    assert "date" in info.value.message_dict


def test_followup_close_requires_what_was_done(network, worker):
    task = FollowUpTaskFactory(participant=ParticipantFactory(network=network))
    with pytest.raises(ValidationError) as info:
        followup_close(task=task, outcome="  ", actor=worker)
    assert "outcome" in info.value.message_dict
    closed = followup_close(task=task, outcome="Gebeld, komt volgende week.", actor=worker)
    assert closed.status == FollowUpStatus.DONE and closed.closed_by == worker
    assert closed.closed_on == timezone.localdate()
    assert AuditEvent.objects.filter(action="update", object_id=str(task.pk)).count() == 1
    with pytest.raises(ValidationError):
        followup_close(task=task, outcome="Nog eens", actor=worker)


def test_partner_save_creates_and_refuses_duplicates(organisation, worker):
    partner = partner_save(
        organisation=organisation, name="Wijkteam", kind="wijkteam", actor=worker
    )
    with pytest.raises(ValidationError) as info:
        partner_save(organisation=organisation, name="wijkteam", actor=worker)
    assert "name" in info.value.message_dict
    partner_save(organisation=organisation, name="Wijkteam Zuid", actor=worker, partner=partner)
    assert list(ReferralPartner.objects.values_list("name", flat=True)) == ["Wijkteam Zuid"]
