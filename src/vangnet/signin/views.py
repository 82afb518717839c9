"""The sign-in page: username and password (then the two-factor code where needed), limited
in rate per address and per account (core.ratelimit) on top of django-axes' lockout, and
closed for organisations that sign in through their own provider only; and the
organisation admin's single sign-on settings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.ratelimit import rate_limit
from vangnet.signin import services
from vangnet.signin.forms import LocalLoginForm, SignInSettingsForm
from vangnet.signin.models import OrganisationSignIn


class LoginView(auth_views.LoginView):
    authentication_form = LocalLoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        limited = rate_limit(request, scope="login") or rate_limit(
            request, scope="login_account", ident=request.POST.get("username", "")[:150]
        )
        if limited:
            return limited
        return super().post(request, *args, **kwargs)


def sign_in_settings(request: HttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    organisation = request.user.organisation
    config = OrganisationSignIn.objects.filter(organisation=organisation).first()
    initial = {}
    if config is not None:
        initial = {
            field: getattr(config, field)
            for field in SignInSettingsForm.base_fields
            if field != "client_secret"
        }
    form = SignInSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sign_in_settings_save(
                organisation=organisation,
                data=services.SignInSettings(**form.cleaned_data),
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De instellingen voor inloggen zijn opgeslagen."))
            return redirect("signin:settings")
    return render(
        request,
        "signin/settings.html",
        {
            "form": form,
            "config": config,
            "callback_url": request.build_absolute_uri(reverse("signin:oidc_callback")),
        },
        status=400 if request.method == "POST" else 200,
    )
