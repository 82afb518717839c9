"""The page where a signed-in user makes, sees and revokes their own API tokens.

These pages sit under /api/ where an anonymous request answers 401 (not a redirect to the
sign-in page, as the API does); the answer is a short page with a sign-in link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.api import selectors, services
from vangnet.api.forms import TokenCreateForm
from vangnet.core.forms import add_service_errors


def _sign_in_first(request: HttpRequest) -> HttpResponse:
    login = redirect_to_login(request.get_full_path())["Location"]
    return render(request, "api/sign_in_first.html", {"login_url": login}, status=401)


def _page(request, form, *, new_key: str = "", status: int = 200) -> HttpResponse:
    now = timezone.now()
    tokens = selectors.tokens_for_user(user=request.user)
    for token in tokens:
        token.active = token.is_active(now)
        token.expired = token.revoked_at is None and not token.active
        token.role_lost = token.active and token.role != request.user.role
        token.active = token.active and not token.role_lost
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": tokens, "new_key": new_key},
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    if request.method != "POST":
        return _page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            created = services.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                valid_days=form.valid_days(),
                scope=form.cleaned_data["scope"],
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            # The key is shown on this answer only: no redirect, nothing kept in the session.
            return _page(request, TokenCreateForm(), new_key=created.key)
    return _page(request, form, status=400)


@login_not_required
@require_POST
def token_revoke(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _sign_in_first(request)
    token_id = request.POST.get("token", "")
    if not token_id.isdigit() or len(token_id) > 18:
        messages.error(request, _("Kies een sleutel om in te trekken."))
        return redirect(reverse("api:tokens"))
    token = selectors.own_token(user=request.user, token_id=token_id)
    services.api_token_revoke(token=token, actor=request.user, request=request)
    messages.success(request, _("De sleutel is ingetrokken. Hij werkt niet meer."))
    return redirect(reverse("api:tokens"))
