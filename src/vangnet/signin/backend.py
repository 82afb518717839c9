"""The OpenID Connect authentication backend (mozilla-django-oidc) for many organisations:
the provider, client and matching rule come from the organisation whose sign-in the
browser started (its id in the session, `SESSION_KEY`), not from settings.

On top of the library: the ID token's issuer and audience are checked (the library checks
only the signature and the nonce), and a person is matched only within that organisation
(`services.account_for_claims`)."""

from __future__ import annotations

import logging

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from vangnet.signin import crypto
from vangnet.signin.models import OrganisationSignIn
from vangnet.signin.services import NoAccount, account_for_claims, normalise_issuer

logger = logging.getLogger(__name__)

SESSION_KEY = "vangnet_signin_organisation"
SCOPES = "openid email profile"
SIGN_ALGORITHM = "RS256"


def config_from_session(request) -> OrganisationSignIn | None:
    organisation_id = request.session.get(SESSION_KEY) if request is not None else None
    if not isinstance(organisation_id, int):
        return None
    return (
        OrganisationSignIn.objects.select_related("organisation")
        .filter(organisation_id=organisation_id, enabled=True)
        .first()
    )


def oidc_settings(config: OrganisationSignIn) -> dict:
    """The library's settings for one organisation."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": config.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": config.token_endpoint,
        "OIDC_OP_USER_ENDPOINT": config.userinfo_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": config.jwks_uri,
        "OIDC_RP_CLIENT_ID": config.client_id,
        "OIDC_RP_CLIENT_SECRET": crypto.decrypt(config.client_secret_encrypted),
        "OIDC_RP_SIGN_ALGO": SIGN_ALGORITHM,
        "OIDC_RP_SCOPES": SCOPES,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_CREATE_USER": config.create_users,
        "OIDC_TIMEOUT": 10,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "signin:oidc_callback",
    }


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads settings here; ours depend on the request (see authenticate).
        self.UserModel = get_user_model()
        self.config = None
        self.settings = {}

    def get_settings(self, attr, *args):
        if attr in self.settings:
            return self.settings[attr]
        return OIDCAuthenticationBackend.get_settings(attr, *args)

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or "state" not in request.GET:
            return None  # a password sign-in: not ours
        self.config = config_from_session(request)
        if self.config is None:
            return None
        self.settings = oidc_settings(self.config)
        for name in (
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
            "OIDC_RP_CLIENT_ID",
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_RP_SIGN_ALGO",
        ):
            setattr(self, name, self.settings[name])
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, **kwargs)
        except (requests.RequestException, SuspiciousOperation, jwt.PyJWTError, ValueError) as exc:
            # The provider refused the code, could not be reached, or sent a token that
            # fails a check: no sign-in (the callback shows the Dutch message), never a 500.
            logger.warning(
                "SSO sign-in failed for organisation %s: %s",
                self.config.organisation_id,
                str(exc)[:300],
            )
            return None

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for this token: the one with the token's `kid`, or,
        for a token without `kid`, the only key of its algorithm (the library requires a
        `kid`; some providers leave it out when they have one key)."""
        header = jwt.get_unverified_header(token)
        if "kid" in header:
            return super().retrieve_matching_jwk(token)
        response = requests.get(
            self.OIDC_OP_JWKS_ENDPOINT, timeout=self.get_settings("OIDC_TIMEOUT")
        )
        response.raise_for_status()
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("alg", header.get("alg")) == header.get("alg")
            and key.get("use", "sig") == "sig"
        ]
        if len(keys) != 1:
            raise SuspiciousOperation("No single signing key for a token without kid.")
        return jwt.PyJWK(keys[0])

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if normalise_issuer(str(payload.get("iss", ""))) != normalise_issuer(self.config.issuer):
            raise SuspiciousOperation("ID token from another issuer")
        if self.config.client_id not in audiences:
            raise SuspiciousOperation("ID token for another client")
        return payload

    def verify_claims(self, claims) -> bool:
        return bool(claims.get(self.config.match_claim))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            logger.warning("SSO sign-in without the claim %s", self.config.match_claim)
            return None
        try:
            return account_for_claims(config=self.config, claims=claims, request=self.request)
        except NoAccount as exc:
            logger.warning(
                "SSO sign-in refused for organisation %s: %s", self.config.organisation_id, exc
            )
            return None
