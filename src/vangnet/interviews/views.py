"""Pages for planning and holding evaluation interviews, the report and its member check.
Thin: parse input, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.interviews import selectors, services
from vangnet.interviews.forms import EditPlanForm, MemberCheckForm, PlanForm, ReportForm
from vangnet.interviews.member_check import WRITABLE_STATUSES, next_steps
from vangnet.interviews.models import InterviewStatus


@require_GET
def mine(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.CONDUCT_INTERVIEWS)
    interviews = list(selectors.my_interviews(user=request.user))
    return render(
        request,
        "interviews/mine.html",
        {
            "upcoming": [i for i in interviews if i.status == InterviewStatus.PLANNED],
            "held": [i for i in interviews if i.status == InterviewStatus.HELD],
            "cancelled": [i for i in interviews if i.status == InterviewStatus.CANCELLED],
            "can_code": has_cap(request.user, Cap.CODE_THEMES),
        },
    )


@require_GET
def network_list(request: MemberRequest, network_id: int) -> HttpResponse:
    network = selectors.network_for_planning(request.user, network_id)
    interviews = list(selectors.network_interviews(network=network))
    audit_record(
        actor=request.user, action="view", obj=network, detail="interviews", request=request
    )
    return render(
        request,
        "interviews/network_list.html",
        {
            "network": network,
            "interviews": interviews,
            "can_view_report": has_cap(request.user, Cap.VIEW_EVALUATION),
        },
    )


def _consent_warning(participant) -> str:
    if participant is not None and not selectors.has_evaluation_consent(participant=participant):
        return _(
            "%(name)s heeft nog geen toestemming gegeven voor een evaluatiegesprek. Je kunt het "
            "gesprek plannen, maar de vragenlijst en het verslag kunnen pas als de toestemming "
            "is vastgelegd."
        ) % {"name": participant.display_name}
    return ""


@require_http_methods(["GET", "POST"])
def plan(request: MemberRequest, network_id: int) -> HttpResponse:
    network = selectors.network_for_planning(request.user, network_id)
    form = PlanForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interview = services.interview_plan(
                network=network,
                participant=data["participant"],
                interviewer=data["interviewer"],
                planned_at=data["planned_at"],
                place=data["place"],
                confirm_own_worker=data["confirm_own_worker"],
                interview_round=data["interview_round"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het evaluatiegesprek is gepland."))
            warning = _consent_warning(interview.participant)
            if warning:
                messages.warning(request, warning)
            return redirect("interviews:network", network.pk)
    if request.method == "GET":  # the form lists the participants' names
        audit_record(
            actor=request.user, action="view", obj=network, detail="interview_plan", request=request
        )
    own = [network.lead_worker_id, network.backup_worker_id]
    return render(
        request,
        "interviews/plan_form.html",
        {"network": network, "form": form, "own_worker_ids": [pk for pk in own if pk]},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def edit(request: MemberRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_for_planner(request.user, interview_id)
    network = interview.network
    initial = {
        "interviewer": interview.interviewer_id,
        "planned_at": interview.planned_at,
        "place": interview.place,
        "confirm_own_worker": interview.own_worker_confirmed,
        "interview_round": interview.round_id,
    }
    form = EditPlanForm(request.POST or None, initial=initial, organisation=network.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_update(
                interview=interview, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het evaluatiegesprek is gewijzigd."))
            return redirect("interviews:network", network.pk)
    if request.method == "GET":
        audit_record(actor=request.user, action="view", obj=interview, request=request)
    own = [network.lead_worker_id, network.backup_worker_id]
    return render(
        request,
        "interviews/plan_form.html",
        {
            "network": network,
            "interview": interview,
            "form": form,
            "own_worker_ids": [pk for pk in own if pk],
            "consent_warning": _consent_warning(interview.participant),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def cancel(request: MemberRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_for_planner(request.user, interview_id)
    try:
        services.interview_cancel(interview=interview, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het evaluatiegesprek is afgezegd."))
    return redirect("interviews:network", interview.network_id)


def _detail_context(request, interview, **extra) -> dict:
    report = selectors.report_of(interview)
    versions = selectors.report_versions(report=report) if report else []
    corrected = selectors.was_corrected(report=report) if report else False
    steps = next_steps(current=report.status, was_corrected=corrected) if report else []
    summary = None
    if interview.response_id:
        from vangnet.questionnaires import selectors as q_selectors

        summary = q_selectors.response_summary(response=interview.response)
    context = {
        "interview": interview,
        "participant": interview.participant,
        "has_consent": selectors.has_evaluation_consent(participant=interview.participant),
        "report": report,
        "versions": versions,
        "latest": versions[-1] if versions else None,
        "history": selectors.report_history(report=report) if report else [],
        "can_write": report is None or report.status in WRITABLE_STATUSES,
        "member_check_form": MemberCheckForm(steps=steps) if steps else None,
        "summary": summary,
        "can_code": selectors.may_code(request.user, interview),
    }
    context.update(extra)
    return context


@require_GET
def detail(request: MemberRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_for_interviewer(request.user, interview_id)
    audit_record(actor=request.user, action="view", obj=interview, request=request)
    return render(request, "interviews/detail.html", _detail_context(request, interview))


@require_POST
def held(request: MemberRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_for_interviewer(request.user, interview_id)
    try:
        services.interview_mark_held(interview=interview, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Het gesprek staat op gehouden."))
    return redirect("interviews:detail", interview.pk)


@require_http_methods(["GET", "POST"])
def questionnaire(request: MemberRequest, interview_id: int) -> HttpResponse:
    from vangnet.questionnaires.fill import response_form_submit

    interview = selectors.interview_for_interviewer(request.user, interview_id)
    try:
        response = services.interview_response_ensure(
            interview=interview, by=request.user, request=request
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("interviews:detail", interview.pk)
    form, saved = response_form_submit(
        request,
        response=response,
        save=lambda data, complete: services.interview_response_save(
            interview=interview,
            cleaned_data=data,
            complete=complete,
            by=request.user,
            request=request,
        ),
    )
    if saved:
        return redirect("interviews:detail", interview.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="view",
            obj=interview,
            detail="questionnaire",
            request=request,
        )
    return render(
        request,
        "interviews/questionnaire.html",
        {"interview": interview, "form": form, "response": response},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def report_write(request: MemberRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_for_interviewer(request.user, interview_id)
    report = selectors.report_of(interview)
    latest = selectors.latest_version(report=report)
    form = ReportForm(request.POST or None, initial={"text": latest.text if latest else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.report_version_write(
                interview=interview, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect("interviews:detail", interview.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user, action="view", obj=interview, detail="report", request=request
        )
    return render(
        request,
        "interviews/report_form.html",
        {
            "interview": interview,
            "report": report,
            "latest": latest,
            "form": form,
            "has_consent": selectors.has_evaluation_consent(participant=interview.participant),
            "can_write": report is None or report.status in WRITABLE_STATUSES,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def member_check(request: MemberRequest, interview_id: int) -> HttpResponse:
    interview = selectors.interview_for_interviewer(request.user, interview_id)
    report = selectors.report_of(interview)
    form = MemberCheckForm(request.POST)
    if report is None:
        form.is_valid()
        form.add_error(None, _("Schrijf eerst het verslag."))
    elif form.is_valid():
        try:
            services.report_transition(
                report=report,
                to_status=form.cleaned_data["to_status"],
                note=form.cleaned_data["note"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De member check is bijgewerkt."))
            return redirect("interviews:detail", interview.pk)
    context = _detail_context(request, interview, member_check_form=form)
    return render(request, "interviews/detail.html", context, status=400)


@require_GET
def participant_print(request: MemberRequest, interview_id: int) -> HttpResponse:
    """The report on paper for the participant, in plain Dutch (member check)."""
    interview = selectors.interview_for_interviewer(request.user, interview_id)
    report = selectors.report_of(interview)
    latest = selectors.latest_version(report=report)
    audit_record(actor=request.user, action="view", obj=interview, detail="print", request=request)
    return render(
        request,
        "interviews/participant_print.html",
        {"interview": interview, "report": report, "latest": latest},
    )
