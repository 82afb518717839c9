"""DRF authentication with a personal API token: `Authorization: Token <key>` (or
`Bearer <key>`). An unknown, revoked or expired token answers 401, and so does the token of
a user whose role changed since it was made (`ApiToken.role`). What a token may do beyond
reading is its scope (`api.permissions.TokenScopePermission`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from vangnet.api.selectors import active_token_for_key
from vangnet.api.services import api_token_mark_used
from vangnet.audit.services import audit_record, client_ip
from vangnet.core.ratelimit import hit

KEYWORDS = ("token", "bearer")


def _audit_failure(request, detail: str) -> None:
    """A refused token is a failed sign-in: written to the audit trail (never the key).
    Refusals are counted per address (core.ratelimit, scope "api_auth"): past the rate the
    answer is 429, so keys cannot be guessed at speed. DRF's throttles run after
    authentication, so they never see these requests."""
    over = hit("api_auth", client_ip(request) or "unknown")
    if over is not None:
        if over.first:
            audit_record(
                actor=None, action="login_failed", detail="rate limit api_auth", request=request
            )
        raise exceptions.Throttled(wait=over.retry_after)
    audit_record(actor=None, action="login_failed", detail=detail, request=request)


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Ongeldige Authorization-header: gebruik 'Token <sleutel>'.")
            )
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError as exc:
            raise exceptions.AuthenticationFailed(_("Onbekende of ongeldige sleutel.")) from exc
        token = active_token_for_key(key)
        if token is None:
            _audit_failure(request, "unknown, revoked or expired api token")
            raise exceptions.AuthenticationFailed(_("Onbekende of ongeldige sleutel."))
        user = token.user
        if not user.is_active or user.organisation_id is None:
            _audit_failure(request, "api token of an inactive account")
            raise exceptions.AuthenticationFailed(_("Dit account kan de API niet gebruiken."))
        if token.role_changed():
            _audit_failure(request, "api token of a user whose role changed")
            raise exceptions.AuthenticationFailed(
                _("Je rol is veranderd sinds deze sleutel is gemaakt. Maak een nieuwe sleutel.")
            )
        api_token_mark_used(token=token)
        return user, token

    def authenticate_header(self, request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "vangnet.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Token-based authentication: `Authorization: Token <key>`.",
        }
