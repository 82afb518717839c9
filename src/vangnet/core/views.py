"""Pages that belong to no single domain: the home page per role and the account page."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vangnet.core.permissions import Cap, has_cap
from vangnet.core.selectors import home_overview


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", home_overview(user=request.user))


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
