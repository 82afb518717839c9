"""Pages of the worker's growth: my profile and coaching log, the coordinator's team view.

Thin: parse input, call a selector or service, render. A self-assessment or coaching note the
user may not see answers 404 (selectors); a change they may not make answers 403."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.confirm import confirm_delete
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.growth import selectors, services
from vangnet.growth.charts import profile_chart
from vangnet.growth.forms import CoachingNoteForm, SelfAssessmentForm
from vangnet.growth.models import SCORE_LABELS, Trait


def _growth_page(request: MemberRequest, worker: Any, template: str, **extra: Any) -> HttpResponse:
    """The profile trend, the self-assessments and the coaching log of one worker."""
    assessments = list(selectors.assessments_of(worker))
    trend = selectors.trend(assessments)
    notes = list(selectors.notes_of(user=request.user, worker=worker))
    return render(
        request,
        template,
        {
            "worker": worker,
            "assessments": assessments,
            "trend": trend,
            "chart": profile_chart(trend),
            "notes": notes,
            "open_steps": [note for note in notes if not note.next_step_done],
            "score_labels": SCORE_LABELS,
            **extra,
        },
    )


@require_GET
def index(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.OWN_GROWTH)
    coached = (
        selectors.notes_visible(user=request.user)
        .filter(coach=request.user)
        .exclude(worker=request.user)
        .order_by("-date", "-id")[:20]
    )
    return _growth_page(
        request,
        request.user,
        "growth/index.html",
        coached=list(coached),
        coaches_all=selectors.coaches_all(request.user),
    )


@require_GET
def team(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.COACH_WORKERS)
    rows = selectors.team(organisation=request.user.organisation)
    return render(request, "growth/team.html", {"rows": rows})


@require_GET
def worker(request: MemberRequest, user_id: int) -> HttpResponse:
    require_cap(request.user, Cap.COACH_WORKERS)
    person = selectors.worker_for(user=request.user, worker_id=user_id)
    audit_record(
        actor=request.user,
        action="view",
        obj=person,
        detail="groei van de werker",
        request=request,
    )
    return _growth_page(request, person, "growth/worker.html")


# Self-assessments ---------------------------------------------------------------------


@require_GET
def assessment_detail(request: MemberRequest, self_assessment_id: int) -> HttpResponse:
    require_cap(request.user, Cap.OWN_GROWTH)
    assessment = selectors.assessment_for(user=request.user, assessment_id=self_assessment_id)
    if assessment.worker_id != request.user.pk:
        audit_record(actor=request.user, action="view", obj=assessment, request=request)
    return render(
        request,
        "growth/assessment_detail.html",
        {
            "assessment": assessment,
            "score_labels": SCORE_LABELS,
            "is_own": assessment.worker_id == request.user.pk,
        },
    )


def _assessment_form(request: MemberRequest, assessment: Any = None) -> HttpResponse:
    if request.method == "POST":
        form = SelfAssessmentForm(request.POST)
        if form.is_valid():
            try:
                saved = services.assessment_save(
                    worker=request.user,
                    date=form.cleaned_data["date"],
                    scores=form.scores(),
                    reflection=form.cleaned_data["reflection"],
                    today=timezone.localdate(),
                    assessment=assessment,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Je zelfbeoordeling is opgeslagen."))
                return redirect("growth:assessment_detail", saved.pk)
        status = 400
    else:
        if assessment is None:
            initial: dict[str, Any] = {"date": timezone.localdate()}
            previous = selectors.assessments_of(request.user).first()
            source = previous.scores if previous else {}
        else:
            initial = {"date": assessment.date, "reflection": assessment.reflection}
            source = assessment.scores
        for trait in Trait:
            if trait.value in source:
                initial[f"score_{trait.value}"] = source[trait.value]
        form = SelfAssessmentForm(initial=initial)
        status = 200
    return render(
        request,
        "growth/assessment_form.html",
        {"form": form, "assessment": assessment, "score_labels": SCORE_LABELS},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def assessment_create(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.OWN_GROWTH)
    return _assessment_form(request)


def _own_assessment(request: MemberRequest, self_assessment_id: int) -> Any:
    require_cap(request.user, Cap.OWN_GROWTH)
    assessment = selectors.assessment_for(user=request.user, assessment_id=self_assessment_id)
    if assessment.worker_id != request.user.pk:
        raise PermissionDenied
    return assessment


@require_http_methods(["GET", "POST"])
def assessment_edit(request: MemberRequest, self_assessment_id: int) -> HttpResponse:
    return _assessment_form(request, _own_assessment(request, self_assessment_id))


@require_http_methods(["GET", "POST"])
def assessment_delete(request: MemberRequest, self_assessment_id: int) -> HttpResponse:
    assessment = _own_assessment(request, self_assessment_id)
    return confirm_delete(
        request,
        question=_("Wil je de zelfbeoordeling van %(day)s verwijderen?")
        % {"day": date_format(assessment.date, "j F Y")},
        back=reverse("growth:assessment_detail", args=[assessment.pk]),
        delete=lambda: services.assessment_delete(
            assessment=assessment, actor=request.user, request=request
        ),
        done=_("De zelfbeoordeling is verwijderd."),
        to="growth:index",
    )


# Coaching notes -----------------------------------------------------------------------


def _note_form(request: MemberRequest, note: Any = None) -> HttpResponse:
    organisation = request.user.organisation
    if request.method == "POST":
        form = CoachingNoteForm(request.POST, organisation=organisation)
        if form.is_valid():
            try:
                saved = services.coaching_note_save(
                    actor=request.user,
                    today=timezone.localdate(),
                    note=note,
                    request=request,
                    **form.cleaned_data,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het coachingsgesprek is opgeslagen."))
                if saved.worker_id == request.user.pk or not selectors.coaches_all(request.user):
                    return redirect("growth:index")
                return redirect("growth:worker", saved.worker_id)
        status = 400
    else:
        if note is None:
            initial: dict[str, Any] = {"date": timezone.localdate()}
            if selectors.coaches_all(request.user):
                initial["coach"] = request.user.pk
                initial["worker"] = request.GET.get("werker", "")
            else:
                initial["worker"] = request.user.pk
        else:
            initial = {
                field: getattr(note, field)
                for field in ("date", "theme", "trait", "talked_about", "next_step")
            }
            initial |= {
                "worker": note.worker_id,
                "coach": note.coach_id,
                "network": note.network_id,
                "next_step_done": note.next_step_done,
            }
        form = CoachingNoteForm(initial=initial, organisation=organisation)
        status = 200
    return render(request, "growth/coaching_form.html", {"form": form, "note": note}, status=status)


@require_http_methods(["GET", "POST"])
def coaching_create(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.OWN_GROWTH)
    return _note_form(request)


@require_http_methods(["GET", "POST"])
def coaching_edit(request: MemberRequest, note_id: int) -> HttpResponse:
    require_cap(request.user, Cap.OWN_GROWTH)
    note = selectors.note_for(user=request.user, note_id=note_id)
    if not services.may_write_note(request.user, note):
        raise PermissionDenied
    return _note_form(request, note)
