"""Writes of the process evaluation: coding a passage, removing it, a new synthesis
version. Keyword-only, validated with Dutch messages, atomic, audited."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.text import validate_safe_text
from vangnet.interviews.models import Theme
from vangnet.learning.models import ANSWER_FIELDS, EvaluationPassage, Question, Synthesis

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.network_evaluation.models import NetworkEvaluation
    from vangnet.organisations.models import Organisation, User

MAX_QUOTE = 2000
MAX_RECOMMENDATIONS = 20000
FIRST_YEAR = 2000
LAST_YEAR = 2100


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def passage_code(
    *,
    evaluation: NetworkEvaluation,
    question: str,
    quote: str,
    theme_ids: list[int],
    actor: User,
    request: HttpRequest | None = None,
) -> EvaluationPassage:
    """Code a passage of one answer with one or more of the organisation's active themes.
    The passage must be taken from the answer (spaces and line breaks do not matter)."""
    errors: dict[str, list[str]] = {}
    if question not in Question.values:
        errors["question"] = [_("Kies een vraag uit de lijst.")]
    validate_safe_text(quote)
    quote = _squash(quote)
    if not quote:
        errors["quote"] = [_("Neem een stuk uit het antwoord over.")]
    elif len(quote) > MAX_QUOTE:
        errors["quote"] = [_("Een passage is hoogstens %(n)d tekens.") % {"n": MAX_QUOTE}]
    elif question in Question.values:
        answer = getattr(evaluation, ANSWER_FIELDS[Question(question)])
        if quote not in _squash(answer):
            errors["quote"] = [_("Deze tekst staat niet in het antwoord op deze vraag.")]
    themes = list(
        Theme.objects.filter(
            pk__in=theme_ids, organisation_id=evaluation.network.organisation_id, active=True
        )
    )
    if not themes or len(themes) != len(set(theme_ids)):
        errors["themes"] = [_("Kies een of meer thema's uit de lijst.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        passage = EvaluationPassage.objects.create(
            evaluation=evaluation, question=question, quote=quote, coded_by=actor
        )
        passage.themes.set(themes)
        audit_record(actor=actor, action="create", obj=passage, request=request)
    return passage


def passage_delete(
    *, passage: EvaluationPassage, actor: User, request: HttpRequest | None = None
) -> None:
    with transaction.atomic():
        audit_record(actor=actor, action="delete", obj=passage, request=request)
        passage.delete()


def synthesis_save(
    *,
    organisation: Organisation,
    actor: User,
    recommendations: str,
    year_from: int,
    year_to: int,
    request: HttpRequest | None = None,
) -> Synthesis:
    """A new, dated version of the recommendations (earlier versions stay)."""
    errors: dict[str, list[str]] = {}
    validate_safe_text(recommendations)
    recommendations = (recommendations or "").strip()
    if not recommendations:
        errors["recommendations"] = [_("Schrijf de aanbevelingen op.")]
    elif len(recommendations) > MAX_RECOMMENDATIONS:
        errors["recommendations"] = [
            _("De aanbevelingen zijn hoogstens %(n)d tekens.") % {"n": MAX_RECOMMENDATIONS}
        ]
    for field, year in (("year_from", year_from), ("year_to", year_to)):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            errors[field] = [
                _("Kies een jaar van %(a)d tot en met %(b)d.") % {"a": FIRST_YEAR, "b": LAST_YEAR}
            ]
    if not errors and year_to < year_from:
        errors["year_to"] = [_("Het laatste jaar komt na het eerste.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Lock the organisation's versions: two saves at once get consecutive numbers.
        list(Synthesis.objects.select_for_update().filter(organisation=organisation))
        last = Synthesis.objects.filter(organisation=organisation).aggregate(n=Max("number"))
        synthesis = Synthesis.objects.create(
            organisation=organisation,
            number=(last["n"] or 0) + 1,
            year_from=year_from,
            year_to=year_to,
            recommendations=recommendations,
            written_by=actor,
        )
        audit_record(actor=actor, action="create", obj=synthesis, request=request)
    return synthesis
