"""Pages for interview rounds (MANAGE_QUESTIONNAIRES: the coordinator): the list of rounds
with a form for a new one, and editing a round."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap
from vangnet.interviews.rounds import selectors, services
from vangnet.interviews.rounds.forms import RoundForm
from vangnet.questionnaires import services as q_services


@require_http_methods(["GET", "POST"])
def round_list(request: HttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_QUESTIONNAIRES)
    organisation = request.user.organisation
    q_services.default_template_ensure(organisation=organisation)  # always one to choose
    form = RoundForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_create(
                organisation=organisation, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De ronde is gemaakt."))
            return redirect("interviews:rounds")
    return render(
        request,
        "interviews/rounds.html",
        {"rounds": list(selectors.rounds_for(organisation=organisation)), "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, round_id: int) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_QUESTIONNAIRES)
    organisation = request.user.organisation
    interview_round = selectors.round_for(organisation=organisation, round_id=round_id)
    initial = {"name": interview_round.name, "questionnaire": interview_round.questionnaire}
    form = RoundForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(
                interview_round=interview_round,
                by=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De ronde is aangepast."))
            return redirect("interviews:rounds")
    return render(
        request,
        "interviews/round_form.html",
        {"round": interview_round, "form": form},
        status=400 if form.errors else 200,
    )
