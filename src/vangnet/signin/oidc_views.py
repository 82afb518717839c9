"""Signing in with the organisation's own account (OpenID Connect, mozilla-django-oidc):

1. /inloggen/organisatie/ asks the organisation's code (or a bookmark goes straight to
   /inloggen/organisatie/<code>/), which sends the browser to the provider with state,
   nonce and PKCE kept in the session;
2. the provider sends it back to /inloggen/organisatie/terug/, where the backend checks
   the tokens and finds the account (backend.OrganisationOIDCBackend).

The provider vouches for the second factor: the session does not ask for the Vangnet
two-factor code afterwards."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from vangnet.audit.services import audit_record
from vangnet.core.middleware import CONTENT_SECURITY_POLICY
from vangnet.core.ratelimit import rate_limit
from vangnet.organisations.middleware import NO_SECOND_FACTOR_KEY
from vangnet.signin.backend import SESSION_KEY, config_from_session, oidc_settings
from vangnet.signin.forms import OrganisationCodeForm
from vangnet.signin.models import OrganisationSignIn


@login_not_required
def choose_organisation(request: HttpRequest) -> HttpResponse:
    form = OrganisationCodeForm(request.POST or None)
    if request.method == "POST":
        if limited := rate_limit(request, scope="login"):
            return limited
        if form.is_valid():
            config = OrganisationSignIn.objects.filter(
                code=form.cleaned_data["code"], enabled=True
            ).first()
            if config is not None:
                return redirect("signin:oidc_start", code=config.code)
            form.add_error("code", _("Deze code kennen we niet. Vraag hem aan de beheerder."))
    response = render(
        request,
        "signin/choose_organisation.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )
    response["Content-Security-Policy"] = _policy_allowing_providers()
    return response


def _policy_allowing_providers() -> str:
    """The site's policy, with the providers' sign-in pages allowed as the end of this
    form's redirects (browsers apply form-action to every redirect after a submit)."""
    origins = set()
    for url in OrganisationSignIn.objects.filter(enabled=True).values_list(
        "authorization_endpoint", flat=True
    ):
        parts = urlsplit(url)
        if parts.scheme in {"https", "http"} and parts.netloc and " " not in parts.netloc:
            origins.add(f"{parts.scheme}://{parts.netloc}")
    allowed = " ".join(["'self'", *sorted(origins)])
    return CONTENT_SECURITY_POLICY.replace("form-action 'self'", f"form-action {allowed}")


@method_decorator(login_not_required, name="dispatch")
class StartView(OIDCAuthenticationRequestView):
    def __init__(self, *args, **kwargs):
        # The library reads settings here; ours come from the organisation in the URL.
        self.settings = {}

    def get_settings(self, attr, *args):
        if attr in self.settings:
            return self.settings[attr]
        return OIDCAuthenticationRequestView.get_settings(attr, *args)

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        config = OrganisationSignIn.objects.filter(code=code, enabled=True).first()
        if config is None:
            raise Http404
        self.settings = oidc_settings(config)
        self.OIDC_OP_AUTH_ENDPOINT = self.settings["OIDC_OP_AUTHORIZATION_ENDPOINT"]
        self.OIDC_RP_CLIENT_ID = self.settings["OIDC_RP_CLIENT_ID"]
        request.session[SESSION_KEY] = config.organisation_id
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class CallbackView(OIDCAuthenticationCallbackView):
    def get_settings(self, attr, *args):
        if attr == "LOGIN_REDIRECT_URL_FAILURE":
            return reverse("signin:oidc_failed")
        return OIDCAuthenticationCallbackView.get_settings(attr, *args)

    def get(self, request: HttpRequest) -> HttpResponse:
        if config_from_session(request) is None:
            return redirect("signin:oidc_failed")
        return super().get(request)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        self.request.session[NO_SECOND_FACTOR_KEY] = True  # the provider did that part
        return response

    def login_failure(self) -> HttpResponseRedirect:
        audit_record(actor=None, action="login_failed", detail="sso", request=self.request)
        return super().login_failure()


@login_not_required
def failed(request: HttpRequest) -> HttpResponse:
    messages.error(
        request,
        _(
            "Inloggen via je organisatie is niet gelukt. Heb je al een account in Vangnet met "
            "hetzelfde e-mailadres? Vraag het anders aan de beheerder van je organisatie."
        ),
    )
    return redirect("login")
