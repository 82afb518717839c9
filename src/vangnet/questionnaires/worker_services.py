"""Short questionnaires outside evaluation interviews: the worker fills one in with a
participant at a moment of their route (at intake, after a year, another moment), on a
questionnaire the coordinator made available to workers (`QuestionnaireTemplate.worker_use`).

The answers are personal data like an interview's: they need the participant's active
consent for evaluation (the same consent as an interview), and every write is audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.questionnaires import selectors
from vangnet.questionnaires.models import (
    WORKER_OCCASIONS,
    ItemKind,
    QuestionnaireTemplate,
    Response,
)
from vangnet.questionnaires.services import field_names, response_save, response_start

if TYPE_CHECKING:
    from vangnet.organisations.models import User
    from vangnet.participants.models import Participant


def _require_consent(participant: Participant) -> None:
    from vangnet.interviews.selectors import has_evaluation_consent

    if not has_evaluation_consent(participant=participant):
        raise ValidationError(
            _(
                "Deze deelnemer heeft (nog) geen toestemming gegeven voor evaluatie. Leg eerst "
                "de toestemming vast; daarna kun je de vragenlijst invullen."
            )
        )


@transaction.atomic
def worker_template_set(
    *,
    template: QuestionnaireTemplate,
    worker_use: bool,
    by: User,
    request: HttpRequest | None = None,
) -> QuestionnaireTemplate:
    """The coordinator makes a questionnaire available to workers (or takes it back)."""
    QuestionnaireTemplate.objects.filter(pk=template.pk).update(worker_use=bool(worker_use))
    template.worker_use = bool(worker_use)
    audit_record(actor=by, action="update", obj=template, detail="worker_use", request=request)
    return template


@transaction.atomic
def worker_response_start(
    *,
    participant: Participant,
    template: QuestionnaireTemplate | None,
    occasion: str,
    by: User,
    request: HttpRequest | None = None,
) -> Response:
    errors: dict[str, list[str]] = {}
    if (
        template is None
        or template.organisation_id != participant.organisation_id
        or not template.worker_use
    ):
        errors["template"] = [_("Kies een vragenlijst voor sociaal werkers.")]
    if occasion not in WORKER_OCCASIONS:
        errors["occasion"] = [_("Kies een moment.")]
    if errors:
        raise ValidationError(errors)
    _require_consent(participant)
    assert template is not None  # a missing questionnaire is one of the errors above
    version = selectors.current_version(template=template)
    # response_start writes the audit record.
    return response_start(
        version=version, participant=participant, by=by, occasion=occasion, request=request
    )


def worker_response_save(
    *,
    response: Response,
    cleaned_data: dict[str, Any],
    complete: bool,
    by: User,
    request: HttpRequest | None = None,
) -> Response:
    if response.participant is None:
        raise ValidationError(_("Deze deelnemer is verwijderd."))
    _require_consent(response.participant)
    return response_save(
        response=response, cleaned_data=cleaned_data, by=by, complete=complete, request=request
    )


def _answers_as_data(response: Response) -> dict[str, Any]:
    """The stored answers as the form data response_save takes (it replaces all answers)."""
    data: dict[str, Any] = {}
    for answer in response.answers.select_related("item"):
        names = field_names(answer.item)
        if answer.item.kind == ItemKind.POST_THEN_PRE:
            data[names[0]], data[names[1]] = answer.value_now, answer.value_then
        elif answer.item.kind == ItemKind.SCALE:
            data[names[0]] = answer.value_now
        elif answer.item.kind == ItemKind.CHOICE:
            data[names[0]] = answer.choice
        else:
            data[names[0]] = answer.text
    return data


@transaction.atomic
def self_answer_save(
    *,
    response: Response,
    participant: Participant,
    answers: dict[str, Any],
    complete: bool,
    device_user: User | None = None,
    request: HttpRequest | None = None,
) -> Response:
    """The participant answers their own open questionnaire, one question at a time
    (Mijn Vangnet): `answers` holds the fields of the questions on the screen, the others
    stay as they were. `device_user` is the worker whose device it is in tablet mode."""
    locked = Response.objects.select_for_update().get(pk=response.pk)
    if locked.participant_id != participant.pk or locked.occasion not in WORKER_OCCASIONS:
        raise ValidationError(_("Deze vragenlijst is niet van jou."))
    if locked.is_complete:
        raise ValidationError(_("Deze vragenlijst is al klaar."))
    _require_consent(participant)
    data = _answers_as_data(locked) | answers
    saved = response_save(
        response=locked, cleaned_data=data, by=device_user, complete=complete, request=request
    )
    if not saved.self_filled:
        Response.objects.filter(pk=saved.pk).update(self_filled=True)
        saved.self_filled = True
    audit_record(
        actor=device_user,
        action="update",
        obj=saved,
        detail="vragenlijst door deelnemer zelf",
        request=request,
        organisation=participant.organisation,
    )
    return saved
