"""Pages for short questionnaires outside interviews: a participant's questionnaires with
a start form, filling one in (the worker: EDIT_PARTICIPANTS for that participant), and the
coordinator's switch that makes a questionnaire available to workers."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core.forms import SafeTextForm, add_service_errors
from vangnet.core.permissions import Cap, participant_for, pk_or_404, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.questionnaires import selectors, worker_services
from vangnet.questionnaires.fill import response_form_submit
from vangnet.questionnaires.models import (
    WORKER_OCCASIONS,
    Occasion,
    QuestionnaireTemplate,
    Response,
)


class StartForm(SafeTextForm):
    template = forms.ModelChoiceField(
        label=gettext_lazy("Vragenlijst"), queryset=QuestionnaireTemplate.objects.none()
    )
    occasion = forms.ChoiceField(
        label=gettext_lazy("Moment"),
        choices=[(o.value, o.label) for o in WORKER_OCCASIONS],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = QuestionnaireTemplate.objects.filter(
            organisation=organisation, worker_use=True
        ).order_by("name", "id")


class WorkerUseForm(SafeTextForm):
    worker_use = forms.BooleanField(required=False)


@require_http_methods(["GET", "POST"])
def participant_questionnaires(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = participant_for(request.user, participant_id, Cap.EDIT_PARTICIPANTS)
    form = StartForm(request.POST or None, organisation=request.user.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            response = worker_services.worker_response_start(
                participant=participant, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("questionnaires:worker_response", response_id=response.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="view",
            obj=participant,
            detail="questionnaires",
            request=request,
        )
    responses = list(
        Response.objects.filter(participant=participant)
        .select_related("version__template")
        .order_by("-started_at", "-id")
    )
    return render(
        request,
        "questionnaires/participant_questionnaires.html",
        {
            "participant": participant,
            "responses": responses,
            "form": form,
            "has_templates": cast(Any, form.fields["template"]).queryset.exists(),
            "interview": Occasion.INTERVIEW,
        },
        status=400 if form.errors else 200,
    )


def _worker_response_for(user, response_id) -> Response:
    """A worker's questionnaire (not an interview's) of a participant the user may edit."""
    try:
        response = Response.objects.select_related("version__template", "participant").get(
            pk=pk_or_404(response_id), organisation_id=user.organisation_id
        )
    except Response.DoesNotExist as exc:
        raise Http404 from exc
    if response.participant_id is None or response.occasion == Occasion.INTERVIEW:
        raise Http404
    participant_for(user, response.participant_id, Cap.EDIT_PARTICIPANTS)
    return response


@require_http_methods(["GET", "POST"])
def worker_response(request: MemberRequest, response_id: int) -> HttpResponse:
    response = _worker_response_for(request.user, response_id)
    participant = response.participant
    form, saved = response_form_submit(
        request,
        response=response,
        save=lambda data, complete: worker_services.worker_response_save(
            response=response,
            cleaned_data=data,
            complete=complete,
            by=request.user,
            request=request,
        ),
    )
    if saved:
        return redirect(
            "questionnaires:participant",
            participant_id=participant.pk,  # type: ignore[union-attr]
        )
    if request.method == "GET":
        audit_record(actor=request.user, action="view", obj=response, request=request)
    return render(
        request,
        "questionnaires/worker_response.html",
        {"participant": participant, "response": response, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def worker_use(request: MemberRequest, questionnaire_id: int) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_QUESTIONNAIRES)
    template = selectors.template_for(
        organisation=request.user.organisation, template_id=questionnaire_id
    )
    form = WorkerUseForm(request.POST)
    form.is_valid()
    worker_services.worker_template_set(
        template=template,
        worker_use=form.cleaned_data.get("worker_use", False),
        by=request.user,
        request=request,
    )
    if template.worker_use:
        messages.success(request, _("Sociaal werkers kunnen deze vragenlijst nu gebruiken."))
    else:
        messages.success(request, _("Sociaal werkers gebruiken deze vragenlijst niet meer."))
    return redirect("questionnaires:template_detail", questionnaire_id=template.pk)
