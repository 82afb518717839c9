"""Finding 14.2 "free text escapes erasure": after an erasure the name is in no text column
of any table, and every text column is classified (scrubbed, erased with the person, or
declared not personal), so a new column cannot slip past the erasure unnoticed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import models

from tests.factories import ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance, Contribution
from vangnet.participants.models import Participant
from vangnet.privacy import personal_data
from vangnet.privacy.scrub import TARGETS
from vangnet.privacy.services import person_erase

pytestmark = pytest.mark.django_db
NAME = "Zwaantje"

# How to find the erased person's own rows, for the columns erased with the person.
OWN_ROWS = {
    "participants.Participant": "pk",
    "participants.RouteEvent": "participant",
    "participants.FollowUpTask": "participant",
    "networks.AnnouncedAbsence": "participant",
    "privacy.ConsentRecord": "participant",
    "support.SupportTie": "giver",
    "support.Alter": "network_map__participant",
    "support.ConsentChange": "alter__network_map__participant",
    "questionnaires.Answer": "response__participant",
    "myspace.ErasureRequest": "participant",
    "myspace.SignInEmail": "account__participant",
}


def test_every_text_column_is_classified():
    assert personal_data.unclassified_columns() == []


def test_not_personal_declares_only_existing_columns():
    existing = {personal_data.column_key(m, f) for m, f in personal_data.text_columns()}
    declared = personal_data.NOT_PERSONAL.keys() | personal_data.ERASED_WITH_PERSON
    assert sorted(declared - existing) == []
    assert personal_data.scrubbed_columns() <= existing


def _mention(value, field):
    if isinstance(field, models.JSONField):
        if isinstance(value, list):
            return [*value, f"met {NAME}"]
        if isinstance(value, dict):
            return {**value, "mention": f"met {NAME}"}
        return None
    text = f"met {NAME} {value or ''}".strip()
    return text[: field.max_length] if field.max_length else text


def _write_mentions(rows, field) -> int:
    changed = 0
    for row in rows:
        new = _mention(getattr(row, field.name), field)
        if new is None:
            continue
        type(row)._base_manager.filter(pk=row.pk).update(**{field.name: new})
        changed += 1
    return changed


def _rows_in_scope(target, model, participant):
    if target.scope.endswith("organisation"):
        rows = model._base_manager.filter(**{f"{target.scope}_id": participant.organisation_id})
    else:
        rows = model._base_manager.filter(**{f"{target.scope}_id": participant.network_id})
    for lookup, _value in target.extra:
        rows = rows.filter(**{lookup: participant})
    return rows


@pytest.fixture
def zwaantje(world):
    participant = world["participant"]
    Participant.objects.filter(pk=participant.pk).update(display_name=NAME)
    participant.refresh_from_db()
    network = world["network"]
    # The finding: another participant's typed contribution names her.
    other = ParticipantFactory(network=network, display_name="Kees")
    session = SessionFactory(network=network, date=dt.date(2025, 2, 12), title="Lunch")
    Attendance.objects.create(session=session, participant=other)
    Contribution.objects.create(session=session, participant=other, task=f"koken met {NAME}")
    _one_row_of_every_kind(world, participant, other)
    return participant


def _one_row_of_every_kind(world, participant, other):
    """The rows the shared world lacks, so every scrubbed column has one to test."""
    from vangnet.logbook.models import BalanceReflection
    from vangnet.network_evaluation.models import NetworkEvaluation, NetworkEvaluationVersion
    from vangnet.networks.models import PhaseTransition
    from vangnet.participants.models import RouteEvent, RouteStage
    from vangnet.questionnaires.models import Answer, Item, Response
    from vangnet.support.models import (
        Alter,
        Client,
        ContactAction,
        ContactMethod,
        NetworkConversation,
        NetworkMap,
        SupportTie,
        SupportType,
    )

    network, lead = world["network"], world["users"]["lead"]
    day = dt.date(2025, 3, 5)
    BalanceReflection.objects.create(network=network, author=lead, week_start=dt.date(2025, 3, 3))
    PhaseTransition.objects.create(
        network=network, phase="build_up", date=day, reason="x", recorded_by=lead
    )
    for person in (participant, other):
        RouteEvent.objects.create(participant=person, stage=RouteStage.STEADY, date=day)
        SupportTie.objects.create(
            network=network,
            giver=person,
            receiver=other if person == participant else participant,
            support_type=SupportType.choices[0][0],
            date=day,
        )
    evaluation = NetworkEvaluation.objects.get(network=network)
    NetworkEvaluationVersion.objects.create(
        evaluation=evaluation, number=1, data={"goals_answer": "x"}, saved_by=lead
    )
    response = Response.objects.filter(participant=participant).first()
    item = Item.objects.filter(section__version=response.version).first()
    for person in (participant, other):
        answered = Response.objects.create(
            version=response.version,
            organisation=world["organisation"],
            network=network,
            participant=person,
        )
        Answer.objects.create(response=answered, item=item, text="x")
    client = Client.objects.create(
        organisation=world["organisation"], display_name="Kees", worker=lead
    )
    for owner in ({"participant": other}, {"participant": participant}, {"client": client}):
        wave = NetworkMap.objects.create(wave_date=day, recorded_by=lead, **owner)
        alter = Alter.objects.create(
            network_map=wave, name="Buurvrouw", kind="neighbour", linked_participant=participant
        )
        ContactAction.objects.create(
            alter=alter, date=day, method=ContactMethod.choices[0][0], recorded_by=lead
        )
        NetworkConversation.objects.create(network_map=wave, date=day, recorded_by=lead)


def test_erasure_leaves_the_name_in_no_text_column_of_any_table(world, zwaantje):
    populated, empty = set(), set()
    for target in TARGETS:
        model = apps.get_model(target.app, target.model)
        field = model._meta.get_field(target.field)
        key = f"{target.app}.{target.model}.{target.field}"
        rows = _rows_in_scope(target, model, zwaantje)
        (populated if _write_mentions(rows, field) else empty).add(key)
    for key in personal_data.ERASED_WITH_PERSON:
        app_model, field_name = key.rsplit(".", 1)
        model = apps.get_model(app_model)
        field = model._meta.get_field(field_name)
        rows = model._base_manager.filter(**{OWN_ROWS[app_model]: zwaantje.pk})
        if _write_mentions(rows, field):
            populated.add(key)
    # The world holds a row of (nearly) every kind: the test is not vacuous.
    assert empty == set(), " ".join(sorted(empty))

    person_erase(participant=zwaantje, actor=world["users"]["admin"])

    found = []
    for model, field in personal_data.text_columns():
        rows = model._base_manager.filter(**{f"{field.name}__icontains": NAME})
        if rows.exists():
            found.append(personal_data.column_key(model, field))
    assert found == []
