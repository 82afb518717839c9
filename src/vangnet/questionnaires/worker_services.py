"""Short questionnaires outside evaluation interviews: the worker fills one in with a
participant at a moment of their route (at intake, after a year, another moment), on a
questionnaire the coordinator made available to workers (`QuestionnaireTemplate.worker_use`).

The answers are personal data like an interview's: they need the participant's active
consent for evaluation (the same consent as an interview), and every write is audited.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.questionnaires import selectors
from vangnet.questionnaires.models import (
    WORKER_OCCASIONS,
    QuestionnaireTemplate,
    Response,
)
from vangnet.questionnaires.services import response_save, response_start


def _require_consent(participant) -> None:
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
    *, template: QuestionnaireTemplate, worker_use: bool, by, request: HttpRequest | None = None
) -> QuestionnaireTemplate:
    """The coordinator makes a questionnaire available to workers (or takes it back)."""
    QuestionnaireTemplate.objects.filter(pk=template.pk).update(worker_use=bool(worker_use))
    template.worker_use = bool(worker_use)
    audit_record(actor=by, action="update", obj=template, detail="worker_use", request=request)
    return template


@transaction.atomic
def worker_response_start(
    *,
    participant,
    template: QuestionnaireTemplate | None,
    occasion: str,
    by,
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
    version = selectors.current_version(template=template)
    # response_start writes the audit record.
    return response_start(
        version=version, participant=participant, by=by, occasion=occasion, request=request
    )


def worker_response_save(
    *, response: Response, cleaned_data: dict, complete: bool, by, request=None
) -> Response:
    if response.participant is None:
        raise ValidationError(_("Deze deelnemer is verwijderd."))
    _require_consent(response.participant)
    return response_save(
        response=response, cleaned_data=cleaned_data, by=by, complete=complete, request=request
    )
