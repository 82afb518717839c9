"""Writes of the network evaluation: answers per moment, sub-goal judgements, checklist.

The only code that writes these models. Every function validates (Dutch messages per
field), runs in one transaction and writes one audit record: the group conversation names
participants, and the free texts may mention people (docs/network-evaluation.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.network_evaluation.checklist import ITEMS
from vangnet.network_evaluation.models import (
    SUBGOAL_LETTERS,
    ChecklistAnswer,
    ChecklistAssessment,
    Judgement,
    NetworkEvaluation,
    NetworkEvaluationVersion,
    Score,
    SubgoalJudgement,
)
from vangnet.network_evaluation.moments import Moment, derive_moments, moment_by_key
from vangnet.networks.phases import network_phases
from vangnet.participants.models import Participant

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Network
    from vangnet.organisations.models import User

MAX_ANSWER = 10000
MAX_EVIDENCE = 2000
MAX_NOTE = 500
MAX_OTHERS = 500


def _clean_text(value: str | None) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _moment(*, network: Network, moment_key: str, today: dt.date) -> Moment:
    held = frozenset(
        NetworkEvaluation.objects.filter(network=network).values_list("moment", flat=True)
    )
    moments = derive_moments(
        timeline=network_phases(network=network, on=today), today=today, held=held
    )
    moment = moment_by_key(moments, str(moment_key or ""))
    if moment is None:
        raise ValidationError({"moment": [_("Dit evaluatiemoment bestaat niet.")]})
    return moment


def _snapshot(evaluation: NetworkEvaluation, participant_ids: list[int]) -> dict[str, Any]:
    return {
        "held_on": evaluation.held_on.isoformat() if evaluation.held_on else None,
        "participant_ids": participant_ids,
        "others_count": evaluation.others_count,
        "others_note": evaluation.others_note,
        "goals_answer": evaluation.goals_answer,
        "reasons_answer": evaluation.reasons_answer,
        "consolidate_answer": evaluation.consolidate_answer,
    }


def _get_or_create_locked(
    *, network: Network, moment_key: str, actor: User
) -> tuple[NetworkEvaluation, bool]:
    evaluation, created = NetworkEvaluation.objects.get_or_create(
        network=network, moment=moment_key, defaults={"created_by": actor, "updated_by": actor}
    )
    if not created:
        evaluation = NetworkEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    return evaluation, created


@transaction.atomic
def evaluation_save(
    *,
    network: Network,
    moment_key: str,
    actor: User,
    held_on: dt.date | None,
    participant_ids: Iterable[int],
    others_count: int | None,
    others_note: str = "",
    goals_answer: str = "",
    reasons_answer: str = "",
    consolidate_answer: str = "",
    expected_version: int | None = None,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> NetworkEvaluation:
    """Save the answers of one evaluation moment. The previous answers stay as a version.

    `expected_version` is the version the form was shown with: when someone else saved in
    between, nothing is saved and the form says so."""
    today = today or timezone.localdate()
    moment = _moment(network=network, moment_key=moment_key, today=today)
    errors: dict[str, list[str]] = {}
    answers = {
        "goals_answer": _clean_text(goals_answer),
        "reasons_answer": _clean_text(reasons_answer),
        "consolidate_answer": _clean_text(consolidate_answer),
    }
    for name, text in answers.items():
        if len(text) > MAX_ANSWER:
            errors[name] = [_("Houd het korter dan %(max)d tekens.") % {"max": MAX_ANSWER}]
    if not any(answers.values()):
        errors["goals_answer"] = [_("Beantwoord minstens één van de drie vragen.")]
    if held_on is not None:
        if held_on > today:
            errors["held_on"] = [_("Deze datum ligt in de toekomst.")]
        elif held_on < network.start_date:
            errors["held_on"] = [_("Deze datum ligt voor de start van het vangnetwerk.")]
    ids = sorted({int(pk) for pk in participant_ids or ()})
    if ids and Participant.objects.filter(network=network, pk__in=ids).count() != len(ids):
        errors["participants"] = [_("Kies alleen deelnemers van dit vangnetwerk.")]
    others = others_count or 0
    if isinstance(others, bool) or not isinstance(others, int) or not 0 <= others <= MAX_OTHERS:
        errors["others_count"] = [
            _("Vul een aantal in van 0 tot en met %(max)d.") % {"max": MAX_OTHERS}
        ]
    others_note = _clean_text(others_note)
    if len(others_note) > 200:
        errors["others_note"] = [_("Houd het korter dan %(max)d tekens.") % {"max": 200}]
    if (ids or others) and held_on is None:
        errors["held_on"] = [_("Vul de datum van het groepsgesprek in.")]
    if errors:
        raise ValidationError(errors)

    evaluation, created = _get_or_create_locked(network=network, moment_key=moment.key, actor=actor)
    if not created and expected_version is not None and evaluation.version != expected_version:
        raise ValidationError(
            _(
                "Iemand anders heeft deze evaluatie net gewijzigd. Bekijk de nieuwe versie "
                "en vul je wijziging opnieuw in."
            )
        )
    evaluation.held_on = held_on
    evaluation.others_count = others
    evaluation.others_note = others_note
    for name, text in answers.items():
        setattr(evaluation, name, text)
    evaluation.version += 1
    evaluation.updated_by = actor
    evaluation.save()
    evaluation.participants.set(ids)
    NetworkEvaluationVersion.objects.create(
        evaluation=evaluation,
        number=evaluation.version,
        data=_snapshot(evaluation, ids),
        saved_by=actor,
    )
    audit_record(
        actor=actor,
        action="create" if evaluation.version == 1 else "update",
        obj=evaluation,
        request=request,
    )
    return evaluation


@transaction.atomic
def subgoal_judgements_save(
    *,
    network: Network,
    moment_key: str,
    actor: User,
    judgements: Mapping[str, tuple[str, str]],
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> int:
    """Record judgements of sub-goals at a moment: `judgements` maps a letter to
    (judgement, evidence); an empty judgement leaves that sub-goal unjudged. Only what
    changed against the moment's newest judgement becomes a new row (the history).
    Returns the number of new judgements."""
    today = today or timezone.localdate()
    moment = _moment(network=network, moment_key=moment_key, today=today)
    errors: dict[str, list[str]] = {}
    clean: dict[str, tuple[str, str]] = {}
    for letter, (judgement, evidence) in judgements.items():
        if letter not in SUBGOAL_LETTERS:
            errors["__all__"] = [_("Onbekend subdoel.")]
            continue
        evidence = _clean_text(evidence)
        if len(evidence) > MAX_EVIDENCE:
            errors[f"evidence_{letter}"] = [
                _("Houd het korter dan %(max)d tekens.") % {"max": MAX_EVIDENCE}
            ]
        if not judgement:
            if evidence:
                errors[f"judgement_{letter}"] = [_("Kies een oordeel bij je onderbouwing.")]
            continue
        if judgement not in Judgement.values:
            errors[f"judgement_{letter}"] = [_("Kies een oordeel uit de lijst.")]
            continue
        clean[letter] = (judgement, evidence)
    if not errors and not clean:
        errors["__all__"] = [_("Geef bij minstens één subdoel een oordeel.")]
    if errors:
        raise ValidationError(errors)
    evaluation, _created = _get_or_create_locked(
        network=network, moment_key=moment.key, actor=actor
    )
    current: dict[str, tuple[str, str]] = {}
    for row in evaluation.judgements.order_by("subgoal", "-id"):
        current.setdefault(row.subgoal, (row.judgement, row.evidence))
    new = [
        SubgoalJudgement(
            evaluation=evaluation,
            subgoal=letter,
            judgement=judgement,
            evidence=evidence,
            recorded_by=actor,
        )
        for letter, (judgement, evidence) in clean.items()
        if current.get(letter) != (judgement, evidence)
    ]
    SubgoalJudgement.objects.bulk_create(new)
    if new:
        evaluation.updated_by = actor
        evaluation.save(update_fields=["updated_by", "updated_at"])
        audit_record(
            actor=actor, action="update", obj=evaluation, detail="subdoelen", request=request
        )
    return len(new)


@transaction.atomic
def checklist_assessment_create(
    *,
    network: Network,
    actor: User,
    date: dt.date | None,
    answers: Mapping[str, tuple[str, str]],
    note: str = "",
    request: HttpRequest | None = None,
) -> ChecklistAssessment:
    """A new self-assessment: `answers` maps item keys (checklist.ITEMS) to (score, note);
    an empty score leaves the item unanswered."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    if date is None:
        errors["date"] = [_("Vul een datum in.")]
    elif date > today:
        errors["date"] = [_("Deze datum ligt in de toekomst.")]
    elif date < network.start_date:
        errors["date"] = [_("Deze datum ligt voor de start van het vangnetwerk.")]
    clean: dict[str, tuple[str, str]] = {}
    for key, (score, item_note) in answers.items():
        if key not in ITEMS:
            errors["__all__"] = [_("Onbekend onderdeel van de checklist.")]
            continue
        item_note = _clean_text(item_note)
        if len(item_note) > MAX_NOTE:
            errors[f"note_{key}"] = [_("Houd het korter dan %(max)d tekens.") % {"max": MAX_NOTE}]
        if not score:
            if item_note:
                errors[f"score_{key}"] = [_("Kies een score bij je notitie.")]
            continue
        if score not in Score.values:
            errors[f"score_{key}"] = [_("Kies ja, deels, nee of niet van toepassing.")]
            continue
        clean[key] = (score, item_note)
    note = _clean_text(note)
    if len(note) > MAX_ANSWER:
        errors["note"] = [_("Houd het korter dan %(max)d tekens.") % {"max": MAX_ANSWER}]
    if not errors and not clean:
        errors["__all__"] = [_("Geef bij minstens één onderdeel een score.")]
    if errors:
        raise ValidationError(errors)
    assert date is not None  # checked above: a missing date is an error
    assessment = ChecklistAssessment.objects.create(
        network=network, date=date, assessed_by=actor, note=note
    )
    ChecklistAnswer.objects.bulk_create(
        ChecklistAnswer(assessment=assessment, item_key=key, score=score, note=item_note)
        for key, (score, item_note) in clean.items()
    )
    audit_record(actor=actor, action="create", obj=assessment, request=request)
    return assessment
