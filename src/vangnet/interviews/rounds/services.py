"""Writes for interview rounds: the coordinator names a round (an evaluation moment) and
chooses the questionnaire its interviews use."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.interviews.models import InterviewRound

MAX_NAME = 120


def _clean(*, organisation, name: str, questionnaire, exclude_pk: int | None = None) -> str:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Geef de ronde een naam.")]
    elif len(name) > MAX_NAME:
        errors["name"] = [_("De naam is te lang: hoogstens %(max)d tekens.") % {"max": MAX_NAME}]
    else:
        same = InterviewRound.objects.filter(organisation=organisation, name__iexact=name)
        if exclude_pk is not None:
            same = same.exclude(pk=exclude_pk)
        if same.exists():
            errors["name"] = [_("Er is al een ronde met deze naam.")]
    if questionnaire is None:
        errors["questionnaire"] = [_("Kies een vragenlijst.")]
    elif questionnaire.organisation_id != organisation.pk:
        errors["questionnaire"] = [_("Deze vragenlijst hoort niet bij je organisatie.")]
    if errors:
        raise ValidationError(errors)
    return name


@transaction.atomic
def round_create(
    *, organisation, name: str, questionnaire, by, request: HttpRequest | None = None
) -> InterviewRound:
    name = _clean(organisation=organisation, name=name, questionnaire=questionnaire)
    interview_round = InterviewRound.objects.create(
        organisation=organisation, name=name, questionnaire=questionnaire, created_by=by
    )
    audit_record(actor=by, action="create", obj=interview_round, request=request)
    return interview_round


@transaction.atomic
def round_update(
    *, interview_round: InterviewRound, name: str, questionnaire, by, request=None
) -> InterviewRound:
    """Rename a round or choose another questionnaire. Interviews whose questionnaire was
    already started keep the version they were started on; the others use the new choice."""
    locked = InterviewRound.objects.select_for_update().get(pk=interview_round.pk)
    name = _clean(
        organisation=locked.organisation,
        name=name,
        questionnaire=questionnaire,
        exclude_pk=locked.pk,
    )
    locked.name = name
    locked.questionnaire = questionnaire
    locked.save(update_fields=["name", "questionnaire"])
    audit_record(actor=by, action="update", obj=locked, request=request)
    return locked
