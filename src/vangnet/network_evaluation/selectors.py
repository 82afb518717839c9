"""Reads of the network evaluation for pages, each with a bounded number of queries.

Other apps may call: `network_moments`, `evaluation_overview`, `checklist_history`; the
sub-goal figures are in `indicators.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import Http404

from vangnet.network_evaluation.checklist import GROUPS, ITEMS
from vangnet.network_evaluation.indicators import SUBGOALS, latest_judgements
from vangnet.network_evaluation.models import (
    SUBGOAL_LETTERS,
    ChecklistAnswer,
    ChecklistAssessment,
    NetworkEvaluation,
    Score,
    SubgoalJudgement,
)
from vangnet.network_evaluation.moments import Moment, derive_moments, moment_by_key, next_moment
from vangnet.networks.phases import PhaseTimeline
from vangnet.networks.selectors import network_timeline
from vangnet.participants.selectors import network_participant_choices

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vangnet.networks.models import Network
    from vangnet.participants.models import Participant

SCORE_RANK = {Score.YES: 2, Score.PARTLY: 1, Score.NO: 0}


def held_keys(*, network: Network) -> set[str]:
    """Keys of the moments that have an evaluation record (one query)."""
    return set(NetworkEvaluation.objects.filter(network=network).values_list("moment", flat=True))


def network_moments(
    *,
    network: Network,
    today: dt.date,
    timeline: PhaseTimeline | None = None,
    held: set[str] | None = None,
) -> list[Moment]:
    """The evaluation moments: one query for the phase transitions (none with `timeline`)
    and one for the moments that have an evaluation (none with `held`)."""
    if timeline is None:
        timeline = network_timeline(network=network, today=today)
    if held is None:
        held = held_keys(network=network)
    return derive_moments(timeline=timeline, today=today, held=frozenset(held))


def moment_get(*, network: Network, key: str, today: dt.date) -> Moment:
    moment = moment_by_key(network_moments(network=network, today=today), str(key))
    if moment is None:
        raise Http404
    return moment


def evaluations_by_moment(*, network: Network) -> dict[str, NetworkEvaluation]:
    return {
        evaluation.moment: evaluation
        for evaluation in NetworkEvaluation.objects.filter(network=network).select_related(
            "updated_by"
        )
    }


def done_keys(evaluations: dict[str, NetworkEvaluation]) -> set[str]:
    return {key for key, evaluation in evaluations.items() if evaluation.has_answers}


@dataclass(frozen=True)
class MomentRow:
    moment: Moment
    evaluation: NetworkEvaluation | None
    done: bool
    due: bool  # due date reached
    is_next: bool


def moment_rows(
    *, network: Network, today: dt.date, timeline: PhaseTimeline | None = None
) -> tuple[list[MomentRow], Moment | None]:
    """Every moment with its evaluation and state, and the next one to hold (two queries)."""
    evaluations = evaluations_by_moment(network=network)
    moments = network_moments(
        network=network, today=today, timeline=timeline, held=set(evaluations)
    )
    done = done_keys(evaluations)
    upcoming = next_moment(moments, done)
    rows = [
        MomentRow(
            moment=moment,
            evaluation=evaluations.get(moment.key),
            done=moment.key in done,
            due=moment.is_due(today),
            is_next=upcoming is not None and moment.key == upcoming.key,
        )
        for moment in moments
    ]
    return rows, upcoming


def subgoal_status_row(latest: dict[str, SubgoalJudgement]) -> list[dict[str, Any]]:
    """a-i with the newest judgement (or None) for a compact row."""
    return [
        {"letter": letter, "title": SUBGOALS[letter], "judgement": latest.get(letter)}
        for letter in SUBGOAL_LETTERS
    ]


def evaluation_overview(*, network: Network, today: dt.date) -> dict[str, Any]:
    """The evaluation overview of a network (a fixed number of queries)."""
    timeline = network_timeline(network=network, today=today)
    rows, upcoming = moment_rows(network=network, today=today, timeline=timeline)
    latest = latest_judgements(network=network)
    assessments = list(
        ChecklistAssessment.objects.filter(network=network)
        .select_related("assessed_by")
        .order_by("-date", "-id")[:1]
    )
    return {
        "timeline": timeline,
        "rows": rows,
        "next": upcoming,
        "subgoals": subgoal_status_row(latest),
        "last_assessment": assessments[0] if assessments else None,
    }


def evaluation_detail(*, network: Network, moment_key: str) -> NetworkEvaluation | None:
    """The evaluation of one moment with its participants and authors (two queries)."""
    return (
        NetworkEvaluation.objects.filter(network=network, moment=moment_key)
        .select_related("created_by", "updated_by")
        .prefetch_related("participants")
        .first()
    )


def moment_judgements(evaluation: NetworkEvaluation | None) -> dict[str, SubgoalJudgement]:
    """The newest judgement per sub-goal at this moment (one query)."""
    if evaluation is None:
        return {}
    latest: dict[str, SubgoalJudgement] = {}
    for row in evaluation.judgements.select_related("recorded_by").order_by("subgoal", "-id"):
        latest.setdefault(row.subgoal, row)
    return latest


def evaluation_history(*, evaluation: NetworkEvaluation) -> dict[str, Any]:
    """Every saved version of the answers and every judgement, newest first (three queries:
    versions, judgements, the names of participants named in a version)."""
    versions = list(evaluation.versions.select_related("saved_by").order_by("-number"))
    judgements = list(
        evaluation.judgements.select_related("recorded_by").order_by("subgoal", "-id")
    )
    ids = {pk for version in versions for pk in version.data.get("participant_ids", [])}
    names = dict(
        network_participant_choices(network=evaluation.network)
        .filter(pk__in=ids)
        .values_list("id", "display_name")
    )
    for version in versions:
        version.participant_names = [
            names.get(pk, "—") for pk in version.data.get("participant_ids", [])
        ]
    return {"versions": versions, "judgements": judgements}


def participant_choices(*, network: Network) -> QuerySet[Participant]:
    return network_participant_choices(network=network)


# --------------------------------------------------------------------------- checklist


def checklist_answers(
    *, network: Network, limit: int = 6
) -> tuple[list[ChecklistAssessment], dict[int, dict[str, Any]]]:
    """The latest `limit` assessments, oldest first, and their answers by assessment id
    and item key (two queries)."""
    assessments = list(
        ChecklistAssessment.objects.filter(network=network)
        .select_related("assessed_by")
        .order_by("-date", "-id")[:limit]
    )
    assessments.reverse()
    answers: dict[int, dict[str, Any]] = {item.pk: {} for item in assessments}
    if assessments:
        rows = ChecklistAnswer.objects.filter(assessment__in=[item.pk for item in assessments])
        for answer in rows:
            answers[answer.assessment_id][answer.item_key] = answer
    return assessments, answers


def _change(previous: Any, current: Any) -> str:
    """'up', 'down', 'same' or '' between two answers (n.v.t. and missing compare as '')."""
    if previous is None or current is None:
        return ""
    before = SCORE_RANK.get(previous.score)
    after = SCORE_RANK.get(current.score)
    if before is None or after is None:
        return ""
    return "up" if after > before else "down" if after < before else "same"


def checklist_history(*, network: Network, limit: int = 6) -> dict[str, Any]:
    """Per group and item the scores of the latest assessments (oldest left) with the
    change against the assessment before: the history table (two queries)."""
    assessments, answers = checklist_answers(network=network, limit=limit)
    groups = []
    for group in GROUPS:
        items = []
        for item in group.items:
            cells = []
            previous = None
            for assessment in assessments:
                answer = answers[assessment.pk].get(item.key)
                cells.append({"answer": answer, "change": _change(previous, answer)})
                if answer is not None:
                    previous = answer
            items.append({"item": item, "cells": cells})
        groups.append({"group": group, "items": items})
    totals = []
    for assessment in assessments:
        scored = [a for a in answers[assessment.pk].values() if a.score in SCORE_RANK]
        yes = sum(1 for a in scored if a.score == Score.YES)
        totals.append({"assessment": assessment, "yes": yes, "scored": len(scored)})
    return {"assessments": assessments, "groups": groups, "totals": totals}


def assessment_get(*, network: Network, assessment_id: int | str) -> ChecklistAssessment:
    try:
        pk = int(assessment_id)
        if pk <= 0 or pk > 2**62:
            raise ValueError
        return (
            ChecklistAssessment.objects.select_related("assessed_by")
            .prefetch_related("answers")
            .get(network=network, pk=pk)
        )
    except (TypeError, ValueError, ChecklistAssessment.DoesNotExist) as exc:
        raise Http404 from exc


def assessment_groups(assessment: ChecklistAssessment) -> list[dict[str, Any]]:
    """The assessment's answers grouped as the checklist (uses the prefetched answers)."""
    by_key = {answer.item_key: answer for answer in assessment.answers.all()}
    unknown = [answer for key, answer in by_key.items() if key not in ITEMS]
    groups = [
        {
            "group": group,
            "items": [{"item": item, "answer": by_key.get(item.key)} for item in group.items],
        }
        for group in GROUPS
    ]
    return groups + ([{"group": None, "items": unknown}] if unknown else [])
