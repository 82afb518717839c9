"""Meetings and work visits of the community of practice across organisations: the list,
a new one (the host's coordinator), the page, the invited organisation's answer, signing
up, and the host's attendance. Thin: capability, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.library import meeting_services, selectors
from vangnet.library.forms import SharedMeetingForm
from vangnet.library.models import MeetingKind


@require_GET
def meeting_list(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    return render(
        request,
        "library/meeting_list.html",
        {
            "meetings": selectors.meetings_for(request.user.organisation),
            "can_host": has_cap(request.user, Cap.SHARE_LIBRARY),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.SHARE_LIBRARY)
    organisations = selectors.other_organisations(request.user.organisation)
    status = 200
    if request.method == "POST":
        form = SharedMeetingForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                meeting = meeting_services.shared_meeting_create(
                    user=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Opgeslagen; de organisaties zijn uitgenodigd."))
                return redirect("library:meeting_detail", meeting.pk)
        status = 400
    else:
        form = SharedMeetingForm(initial={"kind": MeetingKind.MEETING}, organisations=organisations)
    return render(request, "library/meeting_form.html", {"form": form}, status=status)


@require_GET
def meeting_detail(request: MemberRequest, shared_meeting_id: int) -> HttpResponse:
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    view = selectors.meeting_for(request.user, shared_meeting_id)
    today = timezone.localdate()
    return render(
        request,
        "library/meeting_detail.html",
        {
            "view": view,
            "meeting": view.meeting,
            "coordinator": has_cap(request.user, Cap.SHARE_LIBRARY),
            "upcoming": view.meeting.date >= today,
            "may_record": view.host
            and has_cap(request.user, Cap.SHARE_LIBRARY)
            and view.meeting.date <= today,
        },
    )


def _done(request: MemberRequest, meeting_id: int, call, success: str) -> HttpResponse:
    try:
        call()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("library:meeting_detail", meeting_id)


@require_POST
def meeting_answer(request: MemberRequest, shared_meeting_id: int) -> HttpResponse:
    require_cap(request.user, Cap.SHARE_LIBRARY)
    view = selectors.meeting_for(request.user, shared_meeting_id)
    accept = request.POST.get("antwoord") == "ja"
    return _done(
        request,
        view.meeting.pk,
        lambda: meeting_services.invitation_answer(
            user=request.user, meeting=view.meeting, accept=accept, request=request
        ),
        _("Je organisatie doet mee.") if accept else _("Je organisatie doet niet mee."),
    )


@require_POST
def meeting_register(request: MemberRequest, shared_meeting_id: int) -> HttpResponse:
    require_cap(request.user, Cap.COMMUNITY_OF_PRACTICE)
    view = selectors.meeting_for(request.user, shared_meeting_id)
    coming = request.POST.get("komen") != "nee"
    return _done(
        request,
        view.meeting.pk,
        lambda: meeting_services.registration_set(
            user=request.user, meeting=view.meeting, coming=coming, request=request
        ),
        _("Je bent aangemeld.") if coming else _("Je bent afgemeld."),
    )


@require_POST
def meeting_attendance(request: MemberRequest, shared_meeting_id: int) -> HttpResponse:
    require_cap(request.user, Cap.SHARE_LIBRARY)
    view = selectors.meeting_for(request.user, shared_meeting_id)
    raw = request.POST.getlist("aanwezig")
    if not all(value.isdigit() and len(value) < 12 for value in raw):
        messages.error(request, _("Kies alleen collega's die zich hebben aangemeld."))
        return redirect("library:meeting_detail", view.meeting.pk)
    return _done(
        request,
        view.meeting.pk,
        lambda: meeting_services.attendance_record(
            user=request.user,
            meeting=view.meeting,
            present_ids=[int(value) for value in raw],
            request=request,
        ),
        _("De aanwezigheid is vastgelegd."),
    )
