"""Reads of the fidelity score: every network's components for the last quarters.

Public: `fidelity_by_network(*, organisation, today, worker=None, network_ids=None)` and
`organisation_weights(organisation)`. The measured figures come from
`dashboards.selectors.organisation_figures`, once per quarter (phase, hours, steady group,
attendance); the rest is read here for all networks and all quarters at once: weights,
networks, checklists, sub-goal judgements, evaluations, follow-up tasks, interviews, member
check events and coded passages, one query each. So the number of queries depends on the
number of quarters, never on the number of networks (tests/fidelity/test_selectors.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q
from django.utils import timezone

from vangnet.dashboards.figures import NetworkFigures
from vangnet.dashboards.periods import Period, quarter_of, quarter_period
from vangnet.dashboards.selectors import (
    OrganisationFigures,
    organisation_figures,
    organisation_figures_again,
)
from vangnet.fidelity.models import FidelityWeights
from vangnet.fidelity.score import (
    DEFAULT_WEIGHTS,
    FOLLOWUP_DAYS,
    FidelityInputs,
    FidelityScore,
    fidelity_score,
)
from vangnet.interviews.member_check import FINAL_STATUSES
from vangnet.interviews.models import CodedPassage, Interview, InterviewStatus, MemberCheckEvent
from vangnet.network_evaluation.models import (
    ChecklistAssessment,
    NetworkEvaluation,
    Score,
    SubgoalJudgement,
)
from vangnet.network_evaluation.moments import derive_moments
from vangnet.networks.models import PHASE_ORDER, Network, Phase
from vangnet.participants.models import FollowUpTask

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User

TREND_QUARTERS = 4  # the running quarter and the three before it


@dataclass(frozen=True)
class QuarterScore:
    year: int
    quarter: int
    result: FidelityScore

    @property
    def label(self) -> str:
        return f"K{self.quarter} {self.year}"


@dataclass(frozen=True)
class NetworkFidelity:
    network_id: int
    name: str
    trend: tuple[QuarterScore, ...]  # oldest first; the last is the running quarter

    @property
    def current(self) -> QuarterScore:
        return self.trend[-1]


def organisation_weights(organisation: Organisation) -> dict[str, int]:
    """The organisation's weights, or the defaults when it never set them (one query)."""
    row = FidelityWeights.objects.filter(organisation=organisation).first()
    return row.as_dict() if row is not None else dict(DEFAULT_WEIGHTS)


def trend_quarters(today: dt.date, count: int = TREND_QUARTERS) -> list[tuple[int, int, Period]]:
    year, quarter = quarter_of(today)
    result = []
    for _index in range(count):
        result.append((year, quarter, quarter_period(year, quarter)))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return result[::-1]


def _day(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()


@dataclass
class FidelityFacts:
    """Everything not in the dashboard figures, per network, with dates to cut at a day."""

    checklists: dict[int, list[tuple[dt.date, int, int, int]]]
    judgements: dict[int, list[tuple[dt.date, str, str]]]  # newest first
    evaluations: dict[int, list[tuple[str, dt.date, bool]]]  # moment, date, has answers
    followups: dict[int, list[tuple[dt.date, dt.date | None]]]
    interviews: dict[int, list[tuple[dt.date, bool, dt.date | None]]]  # held, independent, check
    coded: dict[int, dt.date]


def read_fidelity_facts(
    ids: list[int], until: dt.date, networks: Sequence[Network] | None = None
) -> FidelityFacts:
    """The facts of the networks `ids` up to `until`. `networks`: those networks already
    read in this request (the dashboard's figures), whose lead and backup workers are not
    read again."""
    wanted = set(ids)
    runners = {
        network.pk: {network.lead_worker_id, network.backup_worker_id}
        for network in networks or ()
        if network.pk in wanted
    }
    if len(runners) != len(wanted):  # not all of them read before
        runners = {
            pk: {lead, backup}
            for pk, lead, backup in Network.objects.filter(pk__in=ids).values_list(
                "pk", "lead_worker_id", "backup_worker_id"
            )
        }
    checklists: dict[int, list[tuple[dt.date, int, int, int]]] = defaultdict(list)
    for network_id, day, yes, partly, no in (
        ChecklistAssessment.objects.filter(network_id__in=ids, date__lte=until)
        .annotate(
            yes=Count("answers", filter=Q(answers__score=Score.YES)),
            partly=Count("answers", filter=Q(answers__score=Score.PARTLY)),
            no=Count("answers", filter=Q(answers__score=Score.NO)),
        )
        .order_by("-date", "-id")
        .values_list("network_id", "date", "yes", "partly", "no")
    ):
        checklists[network_id].append((day, yes, partly, no))
    judgements: dict[int, list[tuple[dt.date, str, str]]] = defaultdict(list)
    for network_id, letter, judgement, at in (
        SubgoalJudgement.objects.filter(evaluation__network_id__in=ids)
        .order_by("-recorded_at", "-id")
        .values_list("evaluation__network_id", "subgoal", "judgement", "recorded_at")
    ):
        judgements[network_id].append((_day(at), letter, judgement))
    answered = ~Q(goals_answer="") | ~Q(reasons_answer="") | ~Q(consolidate_answer="")
    evaluations: dict[int, list[tuple[str, dt.date, bool]]] = defaultdict(list)
    for network_id, moment, held_on, created, has_answers in (
        NetworkEvaluation.objects.filter(network_id__in=ids)
        .annotate(answered=ExpressionWrapper(answered, output_field=BooleanField()))
        .values_list("network_id", "moment", "held_on", "created_at", "answered")
        .order_by()
    ):
        evaluations[network_id].append((moment, held_on or _day(created), bool(has_answers)))
    followups: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for network_id, created_on, closed_on in FollowUpTask.objects.filter(
        network_id__in=ids, created_on__lte=until
    ).values_list("network_id", "created_on", "closed_on"):
        followups[network_id].append((created_on, closed_on))
    checked: dict[int, dt.date] = {
        interview_id: _day(at)
        for interview_id, at in MemberCheckEvent.objects.filter(
            report__interview__network_id__in=ids, to_status__in=FINAL_STATUSES
        )
        .values("report__interview_id")
        .annotate(first=Min("at"))
        .values_list("report__interview_id", "first")
        .order_by()
    }
    interviews: dict[int, list[tuple[dt.date, bool, dt.date | None]]] = defaultdict(list)
    for interview_id, network_id, interviewer_id, planned_at in Interview.objects.filter(
        network_id__in=ids, status=InterviewStatus.HELD
    ).values_list("pk", "network_id", "interviewer_id", "planned_at"):
        independent = interviewer_id not in runners.get(network_id, set())
        interviews[network_id].append((_day(planned_at), independent, checked.get(interview_id)))
    coded = {
        network_id: _day(first)
        for network_id, first in CodedPassage.objects.filter(
            version__report__interview__network_id__in=ids
        )
        .values("version__report__interview__network_id")
        .annotate(first=Min("coded_at"))
        .values_list("version__report__interview__network_id", "first")
        .order_by()
    }
    return FidelityFacts(checklists, judgements, evaluations, followups, interviews, coded)


def _inputs(
    row: NetworkFigures, facts: FidelityFacts, start: dt.date, as_of: dt.date
) -> FidelityInputs:
    pk = row.network_id
    checklist = next((c for c in facts.checklists.get(pk, []) if c[0] <= as_of), None)
    subgoals: dict[str, str] = {}
    for day, letter, judgement in facts.judgements.get(pk, []):
        if day <= as_of:
            subgoals.setdefault(letter, judgement)
    evaluations = [e for e in facts.evaluations.get(pk, []) if e[1] <= as_of]
    moments = derive_moments(
        timeline=row.timeline, today=as_of, held=frozenset(e[0] for e in evaluations)
    )
    due = [m.key for m in moments if m.due <= as_of]
    done = {moment for moment, _day_done, has_answers in evaluations if has_answers}
    # As `network_evaluation.moments.next_moment`: a moment skipped before a later one
    # that was done is not asked for again, so it counts as covered.
    covered = max((index + 1 for index, key in enumerate(due) if key in done), default=0)
    tasks = [
        (created, closed)
        for created, closed in facts.followups.get(pk, [])
        if start <= created + dt.timedelta(days=FOLLOWUP_DAYS) <= as_of
    ]
    in_time = sum(
        1
        for created, closed in tasks
        if closed is not None and closed <= created + dt.timedelta(days=FOLLOWUP_DAYS)
    )
    held = [i for i in facts.interviews.get(pk, []) if i[0] <= as_of]
    days_behind = 0
    if not row.phase_on_plan and row.planned_phase is not None:
        planned_start = row.timeline.span(row.planned_phase).planned_start
        days_behind = (as_of - planned_start).days if planned_start else 0
    coded_on = facts.coded.get(pk)
    return FidelityInputs(
        as_of=as_of,
        checklist_date=checklist[0] if checklist else None,
        checklist_yes=checklist[1] if checklist else 0,
        checklist_partly=checklist[2] if checklist else 0,
        checklist_no=checklist[3] if checklist else 0,
        phase=str(row.phase.label) if row.phase else "",
        planned_phase=str(row.planned_phase.label) if row.planned_phase else "",
        phase_on_plan=row.phase_on_plan,
        days_behind=days_behind,
        norm_weeks=row.norm_weeks,
        registered_weeks=row.registered_weeks,
        hours=float(row.hours),
        norm_hours=float(row.norm_hours),
        deepening_reached=row.phase is not None
        and PHASE_ORDER.index(row.phase) >= PHASE_ORDER.index(Phase.DEEPENING),
        steady=row.steady,
        target=row.target,
        present_per_week=row.present_per_week,
        moment_due=bool(due),
        subgoals=subgoals,
        followups_due=len(tasks),
        followups_in_time=in_time,
        moments_due=len(due),
        moments_done=covered,
        interviews_held=len(held),
        interviews_independent=sum(1 for i in held if i[1]),
        reports_checked=sum(1 for i in held if i[2] is not None and i[2] <= as_of),
        themes_coded=coded_on is not None and coded_on <= as_of,
    )


def fidelity_by_network(
    *,
    organisation: Organisation,
    today: dt.date,
    worker: User | None = None,
    network_ids: Sequence[int] | None = None,
    quarters: int = TREND_QUARTERS,
    known: OrganisationFigures | None = None,
    weights: Mapping[str, int] | None = None,
    read_facts: Callable[..., FidelityFacts] | None = None,
) -> list[NetworkFidelity]:
    """Every network's score per quarter (oldest first), in the order of the dashboard.

    `worker` keeps the networks they lead or back up; `network_ids` keeps only those.
    `known`: figures of those networks already read for a period with the same last day
    as `today`'s quarter (the dashboard's), whose networks and phases are reused.
    `weights`: the organisation's `organisation_weights` when the caller read them.
    `read_facts`: a reader equal to `read_fidelity_facts` (`fidelity.facts_cache.kept_facts`)."""
    if weights is None:
        weights = organisation_weights(organisation)
    periods = trend_quarters(today, quarters)
    per_quarter = [
        organisation_figures_again(known, start=period.start, end=period.end, today=today)
        if known is not None and worker is None and min(period.end, today) == known.as_of
        else organisation_figures(
            organisation=organisation,
            start=period.start,
            end=period.end,
            worker=worker,
            network_ids=network_ids,
            today=today,
        )
        for _year, _quarter, period in periods
    ]
    latest = per_quarter[-1]
    ids = [row.network_id for row in latest.rows]
    if not ids:
        return []
    loaded = known.loaded if known is not None else None
    facts = (read_facts or read_fidelity_facts)(
        ids, latest.as_of, loaded.networks if loaded is not None else None
    )
    trends: dict[int, list[QuarterScore]] = defaultdict(list)
    for (year, quarter, period), figures in zip(periods, per_quarter, strict=True):
        for row in figures.rows:
            inputs = _inputs(row, facts, period.start, figures.as_of)
            trends[row.network_id].append(
                QuarterScore(year, quarter, fidelity_score(inputs, weights))
            )
    return [
        NetworkFidelity(row.network_id, row.name, tuple(trends[row.network_id]))
        for row in latest.rows
    ]


def current_scores(
    *,
    organisation: Organisation,
    as_of: dt.date,
    network_ids: Sequence[int],
    known: OrganisationFigures | None = None,
    weights: Mapping[str, int] | None = None,
    read_facts: Callable[..., FidelityFacts] | None = None,
) -> dict[int, QuarterScore]:
    """The score of the quarter of `as_of` per network (the dashboard's column): one
    quarter of figures, so a fixed number of queries whatever the number of networks.
    `known`: the dashboard's own figures of these networks as of `as_of` (their networks and
    phases are not read again); `weights`: the organisation's, when the caller read them;
    `read_facts`: as `fidelity_by_network`'s."""
    if not network_ids:
        return {}
    if known is not None and not set(network_ids) <= {row.network_id for row in known.rows}:
        known = None
    # With `known` for more networks than asked (the column cache kept some of them), the
    # scores of all of them are made from it (a network's score does not depend on the
    # others) and the asked ones returned: cheaper than reading these networks again.
    scores = {
        item.network_id: item.current
        for item in fidelity_by_network(
            organisation=organisation,
            today=as_of,
            network_ids=network_ids if known is None else [row.network_id for row in known.rows],
            quarters=1,
            known=known,
            weights=weights,
            read_facts=read_facts,
        )
    }
    return {pk: scores[pk] for pk in network_ids if pk in scores}
