"""Network evaluation pages. Thin: ask core.permissions, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.network_evaluation import selectors, services
from vangnet.network_evaluation.coherence.charts import coherence_chart
from vangnet.network_evaluation.coherence.selectors import default_period, network_coherence
from vangnet.network_evaluation.forms import (
    ChecklistForm,
    EvaluationForm,
    PeriodForm,
    SubgoalForm,
    evidence_field_name,
    judgement_field_name,
    note_field_name,
    score_field_name,
)
from vangnet.network_evaluation.indicators import SUBGOALS, latest_judgements, subgoal_indicators
from vangnet.network_evaluation.models import SUBGOAL_LETTERS


def _subgoal_table(indicators, judgements, moments=None) -> list[dict]:
    """Rows a-i; with `moments`, each judgement says at which moment it was given."""
    labels = {moment.key: moment.label for moment in moments or ()}
    rows = []
    for letter in SUBGOAL_LETTERS:
        judgement = judgements.get(letter)
        rows.append(
            {
                "letter": letter,
                "title": SUBGOALS[letter],
                "indicator": indicators[letter],
                "judgement": judgement,
                "moment_label": labels.get(judgement.evaluation.moment, "")
                if judgement is not None and moments
                else "",
            }
        )
    return rows


@require_GET
def overview(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    today = timezone.localdate()
    context = selectors.evaluation_overview(network=network, today=today)
    start, end = default_period(network=network, today=today)
    coherence = network_coherence(network=network, start=start, end=end)
    context.update(
        network=network,
        today=today,
        can_write=has_cap(request.user, Cap.WRITE_EVALUATION),
        coherence=coherence,
        coherence_svg=coherence_chart(coherence),
        can_logbook=has_cap(request.user, Cap.VIEW_LOGBOOK),
    )
    return render(request, "network_evaluation/overview.html", context)


@require_GET
def moment_detail(request: MemberRequest, network_id: int, moment: str) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    today = timezone.localdate()
    found = selectors.moment_get(network=network, key=moment, today=today)
    evaluation = selectors.evaluation_detail(network=network, moment_key=found.key)
    end = max(min(found.period_end, today), found.period_start)
    indicators = subgoal_indicators(network=network, start=found.period_start, end=end)
    if evaluation is not None:
        audit_record(actor=request.user, action="view", obj=evaluation, request=request)
    return render(
        request,
        "network_evaluation/moment.html",
        {
            "network": network,
            "moment": found,
            "evaluation": evaluation,
            "period_end": end,
            "table": _subgoal_table(indicators, selectors.moment_judgements(evaluation)),
            "can_write": has_cap(request.user, Cap.WRITE_EVALUATION),
            "can_see_people": has_cap(request.user, Cap.VIEW_PARTICIPANTS),
        },
    )


@require_http_methods(["GET", "POST"])
def moment_edit(request: MemberRequest, network_id: int, moment: str) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.WRITE_EVALUATION)
    today = timezone.localdate()
    found = selectors.moment_get(network=network, key=moment, today=today)
    evaluation = selectors.evaluation_detail(network=network, moment_key=found.key)
    people = selectors.participant_choices(network=network)
    with_people = has_cap(request.user, Cap.VIEW_PARTICIPANTS)
    kept = [person.pk for person in evaluation.participants.all()] if evaluation else []
    status = 200
    if request.method == "POST":
        form = EvaluationForm(
            request.POST, participant_queryset=people, with_participants=with_people
        )
        if form.is_valid():
            data = form.cleaned_data
            chosen = [person.pk for person in data["participants"]] if with_people else kept
            try:
                services.evaluation_save(
                    network=network,
                    moment_key=found.key,
                    actor=request.user,
                    held_on=data["held_on"],
                    participant_ids=chosen,
                    others_count=data["others_count"],
                    others_note=data["others_note"],
                    goals_answer=data["goals_answer"],
                    reasons_answer=data["reasons_answer"],
                    consolidate_answer=data["consolidate_answer"],
                    expected_version=data["version"],
                    today=today,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De evaluatie is opgeslagen."))
                return redirect("network_evaluation:moment", network.pk, found.key)
        status = 400
    elif evaluation is not None:
        form = EvaluationForm(
            participant_queryset=people,
            with_participants=with_people,
            initial={
                "held_on": evaluation.held_on,
                "participants": kept,
                "others_count": evaluation.others_count,
                "others_note": evaluation.others_note,
                "goals_answer": evaluation.goals_answer,
                "reasons_answer": evaluation.reasons_answer,
                "consolidate_answer": evaluation.consolidate_answer,
                "version": evaluation.version,
            },
        )
        audit_record(actor=request.user, action="view", obj=evaluation, request=request)
    else:
        form = EvaluationForm(
            participant_queryset=people, with_participants=with_people, initial={"version": 0}
        )
    return render(
        request,
        "network_evaluation/moment_form.html",
        {
            "network": network,
            "moment": found,
            "evaluation": evaluation,
            "form": form,
            "kept_count": len(kept),
            "with_people": with_people,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def subgoals_edit(request: MemberRequest, network_id: int, moment: str) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.WRITE_EVALUATION)
    today = timezone.localdate()
    found = selectors.moment_get(network=network, key=moment, today=today)
    evaluation = selectors.evaluation_detail(network=network, moment_key=found.key)
    current = selectors.moment_judgements(evaluation)
    status = 200
    if request.method == "POST":
        form = SubgoalForm(request.POST)
        if form.is_valid():
            try:
                services.subgoal_judgements_save(
                    network=network,
                    moment_key=found.key,
                    actor=request.user,
                    judgements=form.judgements(),
                    today=today,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De oordelen over de subdoelen zijn opgeslagen."))
                return redirect("network_evaluation:moment", network.pk, found.key)
        status = 400
    else:
        initial = {}
        for letter, row in current.items():
            initial[judgement_field_name(letter)] = row.judgement
            initial[evidence_field_name(letter)] = row.evidence
        form = SubgoalForm(initial=initial)
    end = max(min(found.period_end, today), found.period_start)
    indicators = subgoal_indicators(network=network, start=found.period_start, end=end)
    rows = [row | {"indicator": indicators[row["letter"]]} for row in form.rows()]
    return render(
        request,
        "network_evaluation/subgoals_form.html",
        {"network": network, "moment": found, "form": form, "rows": rows, "period_end": end},
        status=status,
    )


@require_GET
def moment_history(request: MemberRequest, network_id: int, moment: str) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    today = timezone.localdate()
    found = selectors.moment_get(network=network, key=moment, today=today)
    evaluation = selectors.evaluation_detail(network=network, moment_key=found.key)
    history = (
        selectors.evaluation_history(evaluation=evaluation)
        if evaluation is not None
        else {"versions": [], "judgements": []}
    )
    if evaluation is not None:
        audit_record(
            actor=request.user, action="view", obj=evaluation, detail="historie", request=request
        )
    return render(
        request,
        "network_evaluation/moment_history.html",
        {
            "network": network,
            "moment": found,
            "evaluation": evaluation,
            "can_see_people": has_cap(request.user, Cap.VIEW_PARTICIPANTS),
            **history,
        },
    )


@require_GET
def subgoals(request: MemberRequest, network_id: int) -> HttpResponse:
    """The sub-goal table: newest judgement per sub-goal next to the measured indicator of
    a period (by default the latest moment that is due, else from the start until today)."""
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    today = timezone.localdate()
    moments = selectors.network_moments(network=network, today=today)
    due = [moment for moment in moments if moment.is_due(today)]
    start, end = (due[-1].period_start, due[-1].period_end) if due else (network.start_date, today)
    bound = "van" in request.GET or "tot" in request.GET
    form = PeriodForm(request.GET if bound else None, initial={"van": start, "tot": end})
    if bound and form.is_valid():
        start = form.cleaned_data["van"] or start
        end = form.cleaned_data["tot"] or end
        if end < start:
            start, end = end, start
    indicators = subgoal_indicators(network=network, start=start, end=end)
    return render(
        request,
        "network_evaluation/subgoals.html",
        {
            "network": network,
            "form": form,
            "start": start,
            "end": end,
            "table": _subgoal_table(indicators, latest_judgements(network=network), moments),
            "moments": moments,
        },
    )


@require_GET
def checklist(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    history = selectors.checklist_history(network=network)
    return render(
        request,
        "network_evaluation/checklist.html",
        {"network": network, **history, "can_write": has_cap(request.user, Cap.WRITE_EVALUATION)},
    )


@require_http_methods(["GET", "POST"])
def checklist_create(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.WRITE_EVALUATION)
    status = 200
    if request.method == "POST":
        form = ChecklistForm(request.POST)
        if form.is_valid():
            try:
                assessment = services.checklist_assessment_create(
                    network=network,
                    actor=request.user,
                    date=form.cleaned_data["date"],
                    answers=form.answers(),
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De checklist is opgeslagen."))
                return redirect("network_evaluation:checklist_detail", network.pk, assessment.pk)
        status = 400
    else:
        # Start from the previous assessment: only what changed needs a new answer.
        assessments, answers = selectors.checklist_answers(network=network, limit=1)
        initial = {"date": timezone.localdate()}
        for assessment in assessments:
            for key, answer in answers[assessment.pk].items():
                initial[score_field_name(key)] = answer.score
                initial[note_field_name(key)] = answer.note
        form = ChecklistForm(initial=initial)
    return render(
        request,
        "network_evaluation/checklist_form.html",
        {"network": network, "form": form},
        status=status,
    )


@require_GET
def checklist_detail(request: MemberRequest, network_id: int, assessment_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    assessment = selectors.assessment_get(network=network, assessment_id=assessment_id)
    return render(
        request,
        "network_evaluation/checklist_detail.html",
        {
            "network": network,
            "assessment": assessment,
            "groups": selectors.assessment_groups(assessment),
        },
    )
