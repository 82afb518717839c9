"""Pages of the shared library. Thin: check the capability, call a selector or service,
render. Reading is for every organisation (Cap.READ_LIBRARY); publishing, withdrawing and
adopting for a coordinator (Cap.SHARE_LIBRARY). Meetings across organisations: meeting_views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.library import selectors, services
from vangnet.library.forms import PublishForm, SearchForm
from vangnet.library.models import Kind
from vangnet.practice.models import Theme


@require_GET
def index(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.READ_LIBRARY)
    form = SearchForm(request.GET or None)
    query = kind = theme = ""
    if form.is_valid():
        query = form.cleaned_data["q"]
        kind, theme = form.cleaned_data["soort"], form.cleaned_data["thema"]
    status = 400 if form.is_bound and not form.is_valid() else 200
    organisation = request.user.organisation
    sharer = has_cap(request.user, Cap.SHARE_LIBRARY)
    return render(
        request,
        "library/index.html",
        {
            "form": form,
            "searching": bool(query or kind or theme),
            "publications": selectors.live_publications(query=query, kind=kind, theme=theme),
            "limit": selectors.LIMIT,
            "sharer": sharer,
            "own": list(selectors.own_publications(organisation)) if sharer else [],
            "adopted": list(selectors.adoptions(organisation)) if sharer else [],
            "theme_labels": dict(Theme.choices),
        },
        status=status,
    )


@require_GET
def detail(request: MemberRequest, publication_id: int) -> HttpResponse:
    require_cap(request.user, Cap.READ_LIBRARY)
    publication = selectors.publication_for(request.user, publication_id)
    own = publication.organisation_id == request.user.organisation_id
    sharer = has_cap(request.user, Cap.SHARE_LIBRARY)
    return render(
        request,
        "library/detail.html",
        {
            "publication": publication,
            "own": own,
            "sharer": sharer,
            "adoption": selectors.adoption_of(request.user.organisation, publication),
            "adopted_count": publication.adoptions.count(),
            "theme_labels": [dict(Theme.choices).get(t, t) for t in publication.themes],
        },
    )


@require_http_methods(["GET", "POST"])
def publish(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.SHARE_LIBRARY)
    organisation = request.user.organisation
    questionnaires = list(selectors.questionnaire_sources(organisation))
    status = 200
    if request.method == "POST":
        form = PublishForm(request.POST, questionnaires=questionnaires)
        if form.is_valid():
            data = form.cleaned_data
            try:
                publication = services.publication_publish(
                    user=request.user,
                    kind=data["kind"],
                    title=data["title"],
                    text=data["text"],
                    themes=list(data["themes"]),
                    questionnaire_id=data["questionnaire"],
                    checklist=data["checklist"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Gepubliceerd in de gedeelde bibliotheek."))
                return redirect("library:detail", publication.pk)
        status = 400
    else:
        initial: dict[str, object] = {"kind": Kind.LESSON}
        lesson_id = request.GET.get("les", "")
        if lesson_id.isdigit():
            lesson = selectors.own_lesson(organisation, int(lesson_id))
            if lesson is not None:
                initial |= {"title": lesson.title, "text": lesson.text, "themes": lesson.themes}
        form = PublishForm(initial=initial, questionnaires=questionnaires)
    return render(
        request,
        "library/publish.html",
        {"form": form, "lessons": selectors.lesson_sources(organisation)[:50]},
        status=status,
    )


@require_POST
def adopt(request: MemberRequest, publication_id: int) -> HttpResponse:
    require_cap(request.user, Cap.SHARE_LIBRARY)
    publication = selectors.publication_for(request.user, publication_id)
    try:
        adoption = services.publication_adopt(
            user=request.user, publication=publication, request=request
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("library:detail", publication.pk)
    messages.success(request, _("Overgenomen in je eigen organisatie, met de bron erbij."))
    if adoption.publication.kind == Kind.LESSON and adoption.copy_id:
        return redirect("practice:lesson_detail", adoption.copy_id)
    if adoption.publication.kind == Kind.QUESTIONNAIRE and adoption.copy_id:
        return redirect("questionnaires:template_detail", adoption.copy_id)
    return redirect("library:adopted", adoption.pk)


@require_POST
def withdraw(request: MemberRequest, publication_id: int) -> HttpResponse:
    require_cap(request.user, Cap.SHARE_LIBRARY)
    publication = selectors.publication_for(request.user, publication_id)
    try:
        services.publication_withdraw(user=request.user, publication=publication, request=request)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Ingetrokken: anderen zien het niet meer. Wat al is overgenomen, blijft van hen."),
        )
    return redirect("library:detail", publication.pk)


@require_GET
def adopted(request: MemberRequest, adoption_id: int) -> HttpResponse:
    require_cap(request.user, Cap.READ_LIBRARY)
    adoption = selectors.adopted_checklist(request.user.organisation, adoption_id)
    return render(request, "library/adopted.html", {"adoption": adoption})
