"""Reading interview rounds and the questionnaire an interview uses."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from vangnet.core.permissions import pk_or_404
from vangnet.interviews.models import InterviewRound


def rounds_for(*, organisation) -> QuerySet[InterviewRound]:
    """The organisation's rounds, newest first, with their questionnaire and interview count."""
    return (
        InterviewRound.objects.filter(organisation=organisation)
        .select_related("questionnaire")
        .annotate(interview_count=Count("interviews"))
    )


def round_for(*, organisation, round_id) -> InterviewRound:
    try:
        return InterviewRound.objects.select_related("questionnaire").get(
            organisation=organisation, pk=pk_or_404(round_id)
        )
    except InterviewRound.DoesNotExist as exc:
        raise Http404 from exc


def questionnaire_template_for(interview):
    """The questionnaire an interview uses: its round's choice, else the organisation's
    default evaluation-interview questionnaire (made on first use)."""
    from vangnet.questionnaires import services as q_services

    if interview.round_id is not None:
        return interview.round.questionnaire
    return q_services.default_template_ensure(organisation=interview.network.organisation)
