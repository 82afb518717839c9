"""Pages for the theme code list, coding agreed reports and the thematic report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, network_for, require_cap, visible_networks
from vangnet.core.typing import MemberRequest
from vangnet.interviews import selectors
from vangnet.interviews.charts import theme_chart
from vangnet.interviews.member_check import AGREED_STATUSES
from vangnet.interviews.models import CodedPassage
from vangnet.interviews.themes import selectors as theme_selectors
from vangnet.interviews.themes import services as theme_services
from vangnet.interviews.themes.forms import NewThemeForm, PassageForm, ThemeForm


@require_http_methods(["GET", "POST"])
def themes(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_QUESTIONNAIRES)
    organisation = request.user.organisation
    theme_services.themes_ensure_defaults(organisation=organisation)
    form = NewThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme_services.theme_create(
                organisation=organisation, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het thema is toegevoegd."))
            return redirect("interviews:themes")
    return render(
        request,
        "interviews/themes.html",
        {"themes": theme_selectors.organisation_themes(organisation=organisation), "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def theme_edit(request: MemberRequest, theme_id: int) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_QUESTIONNAIRES)
    theme = theme_selectors.theme_for(request.user, theme_id)
    initial = {
        "name": theme.name,
        "description": theme.description,
        "position": theme.position,
        "active": theme.active,
        "subgoals": list(theme.subgoal_letters),
    }
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            theme_services.theme_update(
                theme=theme, by=request.user, request=request, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Het thema is gewijzigd."))
            return redirect("interviews:themes")
    return render(
        request,
        "interviews/theme_form.html",
        {"theme": theme, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def coding_list(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.CODE_THEMES)
    interviews = list(selectors.coding_queue(user=request.user))
    counts = dict(
        CodedPassage.objects.filter(version__report__interview__in=interviews)
        .values("version__report__interview_id")
        .annotate(n=Count("id"))
        .values_list("version__report__interview_id", "n")
    )
    for interview in interviews:
        interview.passage_count = counts.get(interview.pk, 0)
    return render(request, "interviews/coding_list.html", {"interviews": interviews})


@require_http_methods(["GET", "POST"])
def code(request: MemberRequest, interview_id: int) -> HttpResponse:
    require_cap(request.user, Cap.CODE_THEMES)
    interview = selectors.interview_for_coder(request.user, interview_id)
    organisation = request.user.organisation
    theme_services.themes_ensure_defaults(organisation=organisation)
    report = selectors.report_of(interview)
    agreed = report is not None and report.status in AGREED_STATUSES
    version = selectors.latest_version(report=report) if agreed else None
    form = PassageForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        if version is None:
            form.add_error(
                None, _("Alleen een verslag waarmee de deelnemer akkoord is, codeer je.")
            )
        else:
            try:
                theme_services.passage_code(
                    version=version,
                    quote=form.cleaned_data["quote"],
                    themes=form.cleaned_data["themes"],
                    start=form.cleaned_data["start"],
                    by=request.user,
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De passage is gecodeerd."))
                return redirect("interviews:code", interview.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user, action="view", obj=interview, detail="coding", request=request
        )
    return render(
        request,
        "interviews/code.html",
        {
            "interview": interview,
            "report": report,
            "version": version,
            "passages": theme_selectors.version_passages(version=version) if version else [],
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def passage_delete(request: MemberRequest, interview_id: int) -> HttpResponse:
    """Remove one coding (the passage id is in the form, so the URL names the report)."""
    require_cap(request.user, Cap.CODE_THEMES)
    interview = selectors.interview_for_coder(request.user, interview_id)
    passage = theme_selectors.passage_of(
        interview=interview, passage_id=request.POST.get("passage")
    )
    if passage is None:
        messages.error(request, _("Deze codering bestaat niet (meer)."))
    else:
        theme_services.passage_delete(passage=passage, by=request.user, request=request)
        messages.success(request, _("De codering is verwijderd."))
    return redirect("interviews:code", interview.pk)


def _report_page(request, *, networks, network=None) -> HttpResponse:
    rows = theme_selectors.theme_report(networks=networks)
    # Pseudonymised quotes are still words of participants: the read is audited.
    if network is not None:
        audit_record(
            actor=request.user,
            action="view",
            obj=network,
            detail="thematic_report",
            request=request,
        )
    else:
        audit_record(
            actor=request.user,
            action="view",
            object_type="thematic_report",
            object_id=request.user.organisation_id,
            request=request,
        )
    return render(
        request,
        "interviews/theme_report.html",
        {
            "network": network,
            "rows": rows,
            "agreed_count": theme_selectors.agreed_report_count(networks=networks),
            "chart": theme_chart(rows),
        },
    )


@require_GET
def theme_report(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_EVALUATION)
    return _report_page(request, networks=list(visible_networks(request.user)))


@require_GET
def network_theme_report(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
    return _report_page(request, networks=[network], network=network)
