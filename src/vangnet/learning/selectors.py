"""Reads of the process evaluation: the network evaluations' answers across networks and
years with their coded passages, the counts per theme, pseudonymised quotes, the synthesis.
Every text leaves here pseudonymised: each participant name of the network becomes
"[deelnemer]" (`interviews.pseudonym`, as the thematic report)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.http import Http404

from vangnet.core.permissions import pk_or_404, visible_networks
from vangnet.interviews.models import Theme
from vangnet.interviews.pseudonym import pseudonymise
from vangnet.interviews.themes.selectors import network_names
from vangnet.learning.models import EvaluationPassage, Question, Synthesis
from vangnet.network_evaluation.models import NetworkEvaluation

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.organisations.models import Organisation


@dataclass
class AnswerRow:
    evaluation: NetworkEvaluation
    year: int
    reasons: str  # pseudonymised
    passages: list[tuple[str, list[str]]] = field(default_factory=list)  # (quote, theme names)


@dataclass
class ThemeCount:
    theme: Theme
    evaluations: int = 0
    networks: int = 0
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (quote, "network, year")


def evaluation_year(evaluation: NetworkEvaluation) -> int:
    """The year of the conversation, or of the last save when no date was given."""
    day = evaluation.held_on or evaluation.updated_at.date()
    return day.year


def evaluation_for(user: Member, evaluation_id: int | str) -> NetworkEvaluation:
    """A network evaluation of a network this user may see, or 404."""
    try:
        return NetworkEvaluation.objects.select_related("network").get(
            pk=pk_or_404(evaluation_id), network__in=visible_networks(user)
        )
    except NetworkEvaluation.DoesNotExist as exc:
        raise Http404 from exc


def passage_for(user: Member, passage_id: int | str) -> EvaluationPassage:
    try:
        return EvaluationPassage.objects.select_related("evaluation__network").get(
            pk=pk_or_404(passage_id), evaluation__network__in=visible_networks(user)
        )
    except EvaluationPassage.DoesNotExist as exc:
        raise Http404 from exc


def evaluation_passages(*, evaluation: NetworkEvaluation) -> list[EvaluationPassage]:
    return list(
        EvaluationPassage.objects.filter(evaluation=evaluation)
        .select_related("coded_by")
        .prefetch_related("themes")
        .order_by("question", "id")
    )


def answer_years(*, user: Member) -> list[int]:
    evaluations = NetworkEvaluation.objects.filter(network__in=visible_networks(user))
    return sorted({evaluation_year(item) for item in evaluations.only("held_on", "updated_at")})


def learning_overview(
    *, user: Member, year_from: int, year_to: int
) -> tuple[list[AnswerRow], list[ThemeCount]]:
    """Every answered evaluation of the networks this user sees in [year_from, year_to],
    oldest first, and per theme of the organisation: in how many evaluations and networks
    it was coded, with the pseudonymised quotes. Five queries."""
    evaluations = [
        item
        for item in NetworkEvaluation.objects.filter(network__in=visible_networks(user))
        .select_related("network")
        .order_by("held_on", "id")
        if item.has_answers and year_from <= evaluation_year(item) <= year_to
    ]
    names = network_names({item.network_id for item in evaluations})
    rows = {
        item.pk: AnswerRow(
            evaluation=item,
            year=evaluation_year(item),
            reasons=pseudonymise(item.reasons_answer, names.get(item.network_id, [])),
        )
        for item in evaluations
    }
    counts = {
        theme.pk: ThemeCount(theme=theme)
        for theme in Theme.objects.filter(organisation_id=user.organisation_id, active=True)
    }
    seen: dict[int, tuple[set[int], set[int]]] = {}
    passages = (
        EvaluationPassage.objects.filter(evaluation_id__in=list(rows))
        .prefetch_related("themes")
        .order_by("evaluation_id", "question", "id")
    )
    for passage in passages:
        row = rows[passage.evaluation_id]
        quote = pseudonymise(passage.quote, names.get(row.evaluation.network_id, []))
        themes = list(passage.themes.all())
        row.passages.append((quote, [theme.name for theme in themes]))
        where = f"{row.evaluation.network.name}, {row.year}"
        for theme in themes:
            count = counts.setdefault(theme.pk, ThemeCount(theme=theme))
            count.quotes.append((quote, where))
            evaluations_seen, networks_seen = seen.setdefault(theme.pk, (set(), set()))
            evaluations_seen.add(passage.evaluation_id)
            networks_seen.add(row.evaluation.network_id)
    for theme_id, (evaluations_seen, networks_seen) in seen.items():
        counts[theme_id].evaluations = len(evaluations_seen)
        counts[theme_id].networks = len(networks_seen)
    ordered = sorted(
        counts.values(), key=lambda c: (-c.evaluations, c.theme.position, c.theme.name)
    )
    return sorted(rows.values(), key=lambda r: (r.year, r.evaluation.network.name)), ordered


def question_label(value: str) -> str:
    return str(Question(value).label) if value in Question.values else value


def synthesis_latest(*, organisation: Organisation) -> Synthesis | None:
    return (
        Synthesis.objects.filter(organisation=organisation)
        .select_related("written_by")
        .order_by("-number")
        .first()
    )


def synthesis_history(*, organisation: Organisation) -> list[Synthesis]:
    return list(
        Synthesis.objects.filter(organisation=organisation)
        .select_related("written_by")
        .order_by("-number")
    )


def default_years(*, today: dt.date) -> tuple[int, int]:
    return today.year - 2, today.year
