"""Pages that belong to no single domain: the home page per role and the account page."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, has_cap
from vangnet.core.selectors import home_overview


@login_required
def home(request: HttpRequest) -> HttpResponse:
    overview = home_overview(user=request.user)
    if overview["followups"]:
        # The follow-up card names participants: that is a read of personal data.
        audit_record(
            actor=request.user,
            action="view",
            object_type="participants.followuptask",
            detail="home: open follow-up tasks",
            request=request,
        )
    return render(request, "core/home.html", overview)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/account.html",
        {"can_view_networks": has_cap(request.user, Cap.VIEW_NETWORK)},
    )


@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
