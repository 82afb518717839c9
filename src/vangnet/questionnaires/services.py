"""Writing questionnaires: the default template and the responses.

Template editing (with versioning) lives in `template_services` and is re-exported here so
callers use one module. A response is personal data: every write is audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.questionnaires.default_template import DEFAULT_KEY, DEFAULT_NAME, DEFAULT_SECTIONS
from vangnet.questionnaires.models import (
    SCALE_MAX,
    SCALE_MIN,
    Answer,
    Item,
    ItemKind,
    Occasion,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    Response,
    Section,
)
from vangnet.questionnaires.template_services import (  # noqa: F401  (re-exported)
    item_add,
    item_edit,
    item_move,
    item_remove,
    section_add,
    section_edit,
    section_move,
    section_remove,
    template_create,
    version_for_edit,
)

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User
    from vangnet.participants.models import Participant


@transaction.atomic
def default_template_ensure(*, organisation: Organisation) -> QuestionnaireTemplate:
    """The organisation's Evaluatiegesprek template; created with version 1 when missing.
    Idempotent: an existing template (also an edited one) is returned unchanged."""
    template, created = QuestionnaireTemplate.objects.get_or_create(
        organisation=organisation, key=DEFAULT_KEY, defaults={"name": DEFAULT_NAME}
    )
    if created or not template.versions.exists():
        version = QuestionnaireVersion.objects.create(template=template, number=1)
        for s_pos, spec in enumerate(DEFAULT_SECTIONS, start=1):
            section = Section.objects.create(
                version=version,
                position=s_pos,
                title_nl=spec["title_nl"],
                title_en=spec.get("title_en", ""),
                help_nl=spec.get("help_nl", ""),
                help_en=spec.get("help_en", ""),
            )
            Item.objects.bulk_create(
                Item(
                    section=section,
                    position=i_pos,
                    key=item["key"],
                    kind=item["kind"],
                    text_nl=item["text_nl"],
                    text_en=item.get("text_en", ""),
                    help_nl=item.get("help_nl", ""),
                    help_en=item.get("help_en", ""),
                    choices=item.get("choices", []),
                    required=item.get("required", False),
                )
                for i_pos, item in enumerate(spec["items"], start=1)
            )
    return template


@transaction.atomic
def response_start(
    *,
    version: QuestionnaireVersion,
    participant: Participant | None,
    by: User | None,
    occasion: str = Occasion.INTERVIEW,
    request: HttpRequest | None = None,
) -> Response:
    """An empty response of `participant` on `version` (both of the same organisation), at
    `occasion` (an evaluation interview, or a worker's moment such as the intake)."""
    organisation_id = version.template.organisation_id
    if participant is not None and participant.organisation_id != organisation_id:
        raise ValidationError(_("Deze deelnemer hoort niet bij deze organisatie."))
    if occasion not in Occasion.values:
        raise ValidationError({"occasion": [_("Kies een moment.")]})
    response = Response.objects.create(
        occasion=occasion,
        version=version,
        organisation_id=organisation_id,
        network_id=participant.network_id if participant is not None else None,
        participant=participant,
        created_by=signed_in(by),
    )
    audit_record(actor=by, action="create", obj=response, request=request)
    return response


def field_names(item: Item) -> list[str]:
    """The form field names of an item (ResponseForm and response_save share them)."""
    if item.kind == ItemKind.POST_THEN_PRE:
        return [f"item_{item.pk}_now", f"item_{item.pk}_then"]
    return [f"item_{item.pk}"]


def _score(value: Any, field: str, errors: dict[str, Any]) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        errors.setdefault(field, []).append(_("Vul een heel getal van 0 tot 10 in."))
        return None
    if not SCALE_MIN <= number <= SCALE_MAX:
        errors.setdefault(field, []).append(_("Vul een heel getal van 0 tot 10 in."))
        return None
    return number


@transaction.atomic
def response_save(
    *,
    response: Response,
    cleaned_data: dict[str, Any],
    by: User | None,
    complete: bool,
    request: HttpRequest | None = None,
) -> Response:
    """Store the answers of a (partly) filled-in questionnaire. Saving part of it is fine
    while it is not complete; completing it requires every required item. A completed
    response may still be corrected, but stays complete."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    items = list(
        Item.objects.filter(section__version_id=response.version_id).order_by(
            "section__position", "position", "id"
        )
    )
    existing = {answer.item_id: answer for answer in response.answers.all()}
    errors: dict[str, list[str]] = {}
    values: dict[int, dict[str, Any]] = {}
    must_be_complete = complete or response.is_complete
    for item in items:
        names = field_names(item)
        row: dict[str, Any] = {"value_now": None, "value_then": None, "choice": "", "text": ""}
        if item.kind in (ItemKind.SCALE, ItemKind.POST_THEN_PRE):
            row["value_now"] = _score(cleaned_data.get(names[0]), names[0], errors)
            if item.kind == ItemKind.POST_THEN_PRE:
                row["value_then"] = _score(cleaned_data.get(names[1]), names[1], errors)
            filled = [row["value_now"]] + (
                [row["value_then"]] if item.kind == ItemKind.POST_THEN_PRE else []
            )
            missing = [n for n, v in zip(names, filled, strict=True) if v is None]
        elif item.kind == ItemKind.CHOICE:
            choice = str(cleaned_data.get(names[0]) or "")
            if choice and choice not in {c.get("value") for c in item.choices or []}:
                errors.setdefault(names[0], []).append(_("Kies een van de antwoorden."))
                choice = ""
            row["choice"] = choice
            missing = [] if choice else names
        else:
            row["text"] = str(cleaned_data.get(names[0]) or "").strip()
            if len(row["text"]) > 5000:
                errors.setdefault(names[0], []).append(
                    _("Het antwoord is te lang: hoogstens 5000 tekens.")
                )
            missing = [] if row["text"] else names
        if must_be_complete and item.required:
            for name in missing:
                if name not in errors:
                    errors.setdefault(name, []).append(
                        _("Deze vraag is verplicht om de vragenlijst af te ronden.")
                    )
        values[item.pk] = row
    if errors:
        raise ValidationError(errors)
    for item in items:
        row = values[item.pk]
        empty = row["value_now"] is None and row["value_then"] is None
        empty = empty and not row["choice"] and not row["text"]
        answer = existing.get(item.pk)
        if empty:
            if answer is not None:
                answer.delete()
            continue
        if answer is None:
            Answer.objects.create(response=response, item=item, **row)
        elif any(getattr(answer, field) != value for field, value in row.items()):
            for field, value in row.items():
                setattr(answer, field, value)
            answer.save()
    if complete and response.completed_at is None:
        response.completed_at = timezone.now()
        response.save(update_fields=["completed_at"])
    audit_record(actor=by, action="update", obj=response, request=request)
    return response


@transaction.atomic
def participant_responses_anonymise(
    *, participant: Participant, by: User | None, request: HttpRequest | None = None
) -> int:
    """For an erasure: detach the participant's responses and empty their open answers
    (free text may name people); scores and choices stay for the anonymous figures."""
    responses = list(Response.objects.filter(participant=participant))
    for response in responses:
        Answer.objects.filter(response=response).exclude(text="").update(text="")
        audit_record(actor=by, action="update", obj=response, request=request)
    Response.objects.filter(pk__in=[r.pk for r in responses]).update(participant=None)
    return len(responses)
