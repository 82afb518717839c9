"""The process evaluation pages (coordinator): answers across networks and years with the
counts per theme, coding a passage, the synthesis and its PDF. Thin: permission, selector
or service, render. Texts on the overview and in the PDF are pseudonymised; the coding page
shows an answer as written, so it is audited."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.interviews.themes.selectors import organisation_themes
from vangnet.learning import selectors, services
from vangnet.learning.forms import PassageForm, SynthesisForm, YearsForm


def _years(request: MemberRequest) -> tuple[YearsForm, int, int]:
    first, last = selectors.default_years(today=timezone.localdate())
    bound = "van" in request.GET or "tot" in request.GET
    form = YearsForm(request.GET if bound else None, initial={"van": first, "tot": last})
    if bound and form.is_valid():
        first = form.cleaned_data["van"]
        last = form.cleaned_data["tot"]
        first, last = min(first, last), max(first, last)
    return form, first, last


def _overview_context(request: MemberRequest) -> dict:
    form, first, last = _years(request)
    rows, themes = selectors.learning_overview(user=request.user, year_from=first, year_to=last)
    return {
        "form": form,
        "year_from": first,
        "year_to": last,
        "rows": rows,
        "themes": themes,
        "synthesis": selectors.synthesis_latest(organisation=request.user.organisation),
    }


@require_GET
def overview(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.PROCESS_EVALUATION)
    context = _overview_context(request)
    audit_record(
        actor=request.user,
        action="view",
        object_type="learning.overview",
        detail=f"{context['year_from']}-{context['year_to']}",
        request=request,
        organisation=request.user.organisation,
    )
    return render(request, "learning/overview.html", context)


@require_http_methods(["GET", "POST"])
def code(request: MemberRequest, evaluation_id: int) -> HttpResponse:
    # The object first: a network the user cannot see answers 404, never 403.
    evaluation = selectors.evaluation_for(request.user, evaluation_id)
    require_cap(request.user, Cap.PROCESS_EVALUATION)
    themes = [
        (theme.pk, theme.name)
        for theme in organisation_themes(organisation=request.user.organisation, active_only=True)
    ]
    status = 200
    if request.method == "POST":
        form = PassageForm(request.POST, themes=themes)
        if form.is_valid():
            try:
                services.passage_code(
                    evaluation=evaluation,
                    question=form.cleaned_data["question"],
                    quote=form.cleaned_data["quote"],
                    theme_ids=form.cleaned_data["themes"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De passage is gecodeerd."))
                return redirect("learning:code", evaluation.pk)
        status = 400
    else:
        form = PassageForm(themes=themes, initial={"question": "reasons"})
    audit_record(actor=request.user, action="view", obj=evaluation, request=request)
    passages = [
        (passage, selectors.question_label(passage.question))
        for passage in selectors.evaluation_passages(evaluation=evaluation)
    ]
    return render(
        request,
        "learning/code.html",
        {"evaluation": evaluation, "form": form, "passages": passages, "has_themes": bool(themes)},
        status=status,
    )


@require_POST
def passage_delete(request: MemberRequest, passage_id: int) -> HttpResponse:
    passage = selectors.passage_for(request.user, passage_id)
    require_cap(request.user, Cap.PROCESS_EVALUATION)
    evaluation_id = passage.evaluation_id
    services.passage_delete(passage=passage, actor=request.user, request=request)
    messages.success(request, _("De passage is niet meer gecodeerd."))
    return redirect("learning:code", evaluation_id)


@require_http_methods(["GET", "POST"])
def synthesis_edit(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.PROCESS_EVALUATION)
    organisation = request.user.organisation
    latest = selectors.synthesis_latest(organisation=organisation)
    status = 200
    if request.method == "POST":
        form = SynthesisForm(request.POST)
        if form.is_valid():
            try:
                services.synthesis_save(
                    organisation=organisation,
                    actor=request.user,
                    recommendations=form.cleaned_data["recommendations"],
                    year_from=form.cleaned_data["year_from"],
                    year_to=form.cleaned_data["year_to"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De synthese is opgeslagen als nieuwe versie."))
                return redirect("learning:synthesis")
        status = 400
    else:
        first, last = selectors.default_years(today=timezone.localdate())
        form = SynthesisForm(
            initial={
                "year_from": latest.year_from if latest else first,
                "year_to": latest.year_to if latest else last,
                "recommendations": latest.recommendations if latest else "",
            }
        )
    return render(
        request,
        "learning/synthesis.html",
        {"form": form, "history": selectors.synthesis_history(organisation=organisation)},
        status=status,
    )


@require_GET
def synthesis_pdf(request: MemberRequest) -> HttpResponse:
    """The printable synthesis: the latest recommendations with the counts per theme and
    the pseudonymised quotes of the years it covers (or the chosen years)."""
    require_cap(request.user, Cap.PROCESS_EVALUATION)
    context = _overview_context(request)
    synthesis = context["synthesis"]
    if synthesis is not None and "van" not in request.GET and "tot" not in request.GET:
        rows, themes = selectors.learning_overview(
            user=request.user, year_from=synthesis.year_from, year_to=synthesis.year_to
        )
        context.update(
            rows=rows, themes=themes, year_from=synthesis.year_from, year_to=synthesis.year_to
        )
    context["today"] = timezone.localdate()
    context["organisation"] = request.user.organisation
    html = render_to_string("learning/synthesis_pdf.html", context, request=request)
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    audit_record(
        actor=request.user,
        action="export",
        object_type="learning.synthesis",
        object_id=synthesis.pk if synthesis else "",
        detail=f"{context['year_from']}-{context['year_to']}",
        request=request,
        organisation=request.user.organisation,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="synthese-{context["year_from"]}-{context["year_to"]}.pdf"'
    )
    return response
