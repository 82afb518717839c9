"""The sign-in page: username and password (then the two-factor code where needed), limited
in rate per address and per account (core.ratelimit) on top of django-axes' lockout."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from vangnet.core.ratelimit import rate_limit
from vangnet.organisations.forms import LoginForm


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        limited = rate_limit(request, scope="login") or rate_limit(
            request, scope="login_account", ident=request.POST.get("username", "")[:150]
        )
        if limited:
            return limited
        return super().post(request, *args, **kwargs)
