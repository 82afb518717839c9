"""Pages of the community of practice. Thin: parse input, call a selector or service, render.

Everything is organisation-wide behind Cap.COMMUNITY_OF_PRACTICE; an item of another
organisation answers 404; changing an item is for its author or a coordinator (403)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.practice import selectors, services
from vangnet.practice.forms import LessonForm, MeetingForm, SearchForm, WorkVisitForm
from vangnet.practice.models import Theme


def _organisation(request: MemberRequest):
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    return request.user.organisation


@require_GET
def index(request: MemberRequest) -> HttpResponse:
    organisation = _organisation(request)
    form = SearchForm(request.GET or None)
    query, theme = "", ""
    if form.is_valid():
        query, theme = form.cleaned_data["q"].strip(), form.cleaned_data["thema"]
    status = 400 if form.is_bound and not form.is_valid() else 200
    result = selectors.practice_search(organisation=organisation, query=query, theme=theme)
    return render(
        request,
        "practice/index.html",
        {
            "form": form,
            "query": query,
            "theme": theme,
            "theme_label": dict(Theme.choices).get(theme, ""),
            "searching": bool(query or theme),
            "result": result,
            "limit": selectors.LIMIT,
        },
        status=status,
    )


def _form_page(request, form, *, kind: str, item=None, status=200):
    return render(
        request,
        "practice/form.html",
        {"form": form, "kind": kind, "item": item},
        status=status,
    )


def _save(request, form, *, kind, item, create, update, success, to):
    """Run the create/update service on a valid form; the form again (400) on errors."""
    if form.is_valid():
        try:
            if item is None:
                saved = create(author=request.user, request=request, **form.cleaned_data)
            else:
                saved = update(actor=request.user, request=request, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(to, saved.pk)
    return _form_page(request, form, kind=kind, item=item, status=400)


# Meetings -----------------------------------------------------------------------------


@require_GET
def meeting_detail(request: MemberRequest, meeting_id: int) -> HttpResponse:
    organisation = _organisation(request)
    meeting = selectors.meeting_get(organisation=organisation, meeting_id=meeting_id)
    return render(
        request,
        "practice/meeting_detail.html",
        {"meeting": meeting, "can_edit": services.may_edit(request.user, meeting)},
    )


def _meeting_page(request: MemberRequest, meeting=None) -> HttpResponse:
    organisation = request.user.organisation
    if request.method == "POST":
        form = MeetingForm(request.POST, organisation=organisation)
        return _save(
            request,
            form,
            kind="meeting",
            item=meeting,
            create=services.meeting_create,
            update=lambda **kw: services.meeting_update(meeting=meeting, **kw),
            success=_("De bijeenkomst is opgeslagen."),
            to="practice:meeting_detail",
        )
    if meeting is None:
        initial = {"date": timezone.localdate(), "attendees": [request.user.pk]}
    else:
        initial = {
            "date": meeting.date,
            "theme": meeting.theme,
            "theme_other": meeting.theme_other,
            "attendees": [user.pk for user in meeting.attendees.all()],
            "notes": meeting.notes,
            "lessons": meeting.lessons,
        }
    form = MeetingForm(initial=initial, organisation=organisation)
    return _form_page(request, form, kind="meeting", item=meeting)


@require_http_methods(["GET", "POST"])
def meeting_create(request: MemberRequest) -> HttpResponse:
    _organisation(request)
    return _meeting_page(request)


@require_http_methods(["GET", "POST"])
def meeting_edit(request: MemberRequest, meeting_id: int) -> HttpResponse:
    organisation = _organisation(request)
    meeting = selectors.meeting_get(organisation=organisation, meeting_id=meeting_id)
    if not services.may_edit(request.user, meeting):
        raise PermissionDenied
    return _meeting_page(request, meeting)


# Lessons ------------------------------------------------------------------------------


@require_GET
def lesson_detail(request: MemberRequest, lesson_id: int) -> HttpResponse:
    organisation = _organisation(request)
    lesson = selectors.lesson_get(organisation=organisation, lesson_id=lesson_id)
    return render(
        request,
        "practice/lesson_detail.html",
        {
            "lesson": lesson,
            "can_edit": services.may_edit(request.user, lesson),
            "can_share": has_cap(request.user, Cap.SHARE_LIBRARY),
        },
    )


def _lesson_page(request: MemberRequest, lesson=None) -> HttpResponse:
    organisation = request.user.organisation
    if request.method == "POST":
        form = LessonForm(request.POST, organisation=organisation)
        return _save(
            request,
            form,
            kind="lesson",
            item=lesson,
            create=services.lesson_create,
            update=lambda **kw: services.lesson_update(lesson=lesson, **kw),
            success=_("De les is opgeslagen."),
            to="practice:lesson_detail",
        )
    initial: dict[str, Any]
    if lesson is None:
        initial = {"date": timezone.localdate()}
    else:
        initial = {
            "title": lesson.title,
            "text": lesson.text,
            "themes": lesson.themes,
            "networks": [network.pk for network in lesson.networks.all()],
            "date": lesson.date,
        }
    form = LessonForm(initial=initial, organisation=organisation)
    return _form_page(request, form, kind="lesson", item=lesson)


@require_http_methods(["GET", "POST"])
def lesson_create(request: MemberRequest) -> HttpResponse:
    _organisation(request)
    return _lesson_page(request)


@require_http_methods(["GET", "POST"])
def lesson_edit(request: MemberRequest, lesson_id: int) -> HttpResponse:
    organisation = _organisation(request)
    lesson = selectors.lesson_get(organisation=organisation, lesson_id=lesson_id)
    if not services.may_edit(request.user, lesson):
        raise PermissionDenied
    return _lesson_page(request, lesson)


# Work visits --------------------------------------------------------------------------


@require_GET
def visit_detail(request: MemberRequest, visit_id: int) -> HttpResponse:
    organisation = _organisation(request)
    visit = selectors.work_visit_get(organisation=organisation, visit_id=visit_id)
    return render(
        request,
        "practice/visit_detail.html",
        {"visit": visit, "can_edit": services.may_edit(request.user, visit)},
    )


def _visit_page(request: MemberRequest, visit=None) -> HttpResponse:
    organisation = request.user.organisation
    if request.method == "POST":
        form = WorkVisitForm(request.POST, organisation=organisation)
        return _save(
            request,
            form,
            kind="visit",
            item=visit,
            create=services.work_visit_create,
            update=lambda **kw: services.work_visit_update(visit=visit, **kw),
            success=_("Het werkbezoek is opgeslagen."),
            to="practice:visit_detail",
        )
    if visit is None:
        initial = {"date": timezone.localdate(), "visitors": [request.user.pk]}
    else:
        initial = {
            "date": visit.date,
            "network": visit.network_id,
            "visitors": [user.pk for user in visit.visitors.all()],
            "seen": visit.seen,
            "take_home": visit.take_home,
        }
    form = WorkVisitForm(initial=initial, organisation=organisation)
    return _form_page(request, form, kind="visit", item=visit)


@require_http_methods(["GET", "POST"])
def visit_create(request: MemberRequest) -> HttpResponse:
    _organisation(request)
    return _visit_page(request)


@require_http_methods(["GET", "POST"])
def visit_edit(request: MemberRequest, visit_id: int) -> HttpResponse:
    organisation = _organisation(request)
    visit = selectors.work_visit_get(organisation=organisation, visit_id=visit_id)
    if not services.may_edit(request.user, visit):
        raise PermissionDenied
    return _visit_page(request, visit)
