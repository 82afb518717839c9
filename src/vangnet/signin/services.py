"""Writes and rules of single sign-on: an organisation admin saves the settings (the client
secret is encrypted, the provider's endpoints are discovered), and a person who signed in
at the provider is matched to a Vangnet account of that organisation (or, if the
organisation allows it, given one). Roles are never taken from the provider."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import requests
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.organisations.models import Organisation, Role, User
from vangnet.signin import crypto
from vangnet.signin.models import MatchField, OrganisationSignIn

if TYPE_CHECKING:
    from django.http import HttpRequest

DISCOVERY_TIMEOUT = 10
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
ENDPOINT_FIELDS = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")
# The role of an account made at first sign-in: no network assigned, so it sees nothing until
# an organisation admin gives it its networks or another role.
NEW_ACCOUNT_ROLE = Role.SOCIAL_WORKER


def normalise_issuer(issuer: str) -> str:
    return (issuer or "").strip().rstrip("/")


def _check_issuer_url(issuer: str) -> None:
    parts = urlsplit(issuer)
    loopback = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
    if not parts.hostname or not (parts.scheme == "https" or loopback):
        raise ValidationError(
            {"issuer": [_("Vul het https-adres van de uitgever in, zoals je beheerder het gaf.")]}
        )


def discover(issuer: str) -> dict[str, str]:
    """The provider's endpoints from its discovery document; a Dutch error when it cannot
    be read or names another issuer."""
    issuer = normalise_issuer(issuer)
    _check_issuer_url(issuer)
    problem = _("Vangnet kon de gegevens van deze uitgever niet ophalen. Klopt het adres?")
    try:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration", timeout=DISCOVERY_TIMEOUT
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError):
        raise ValidationError({"issuer": [problem]}) from None
    if not isinstance(document, dict) or normalise_issuer(document.get("issuer", "")) != issuer:
        raise ValidationError({"issuer": [problem]})
    endpoints = {field: document.get(field) for field in ENDPOINT_FIELDS}
    urls = {
        field: url
        for field, url in endpoints.items()
        if isinstance(url, str) and url.startswith(("https://", "http://"))
    }
    if len(urls) != len(endpoints):
        raise ValidationError({"issuer": [problem]})
    return urls


@dataclass(frozen=True)
class SignInSettings:
    enabled: bool
    code: str
    issuer: str
    client_id: str
    client_secret: str | None  # None or "": keep the stored one
    match_claim: str
    match_field: str
    create_users: bool
    local_login_allowed: bool


@transaction.atomic
def sign_in_settings_save(
    *,
    organisation: Organisation,
    data: SignInSettings,
    actor: User,
    request: HttpRequest | None = None,
) -> OrganisationSignIn:
    config = OrganisationSignIn.objects.filter(organisation=organisation).first()
    config = config or OrganisationSignIn(organisation=organisation)
    errors: dict[str, list[str]] = {}
    code = slugify(data.code or "")[:50]
    if not code:
        errors["code"] = [_("Kies een korte code, bijvoorbeeld de naam van je organisatie.")]
    claim = (data.match_claim or "").strip()
    if not claim or len(claim) > 100 or " " in claim:
        errors["match_claim"] = [_("Vul de naam van één claim in, bijvoorbeeld email.")]
    if data.match_field not in MatchField.values:
        errors["match_field"] = [_("Kies waarmee Vangnet de claim vergelijkt.")]
    secret = data.client_secret or ""
    if not data.client_id.strip():
        errors["client_id"] = [_("Vul de client-ID in.")]
    if not secret and not config.client_secret_encrypted:
        errors["client_secret"] = [_("Vul het client-geheim in.")]
    if not data.local_login_allowed and not data.enabled:
        errors["local_login_allowed"] = [
            _("Zet inloggen via de organisatie eerst aan; anders kan niemand meer inloggen.")
        ]
    if errors:
        raise ValidationError(errors)
    issuer = normalise_issuer(data.issuer)
    endpoints = discover(issuer) if data.enabled else {f: "" for f in ENDPOINT_FIELDS}
    config.enabled = data.enabled
    config.code = code
    config.issuer = issuer
    config.client_id = data.client_id.strip()
    if secret:
        config.client_secret_encrypted = crypto.encrypt(secret)
    config.match_claim = claim
    config.match_field = data.match_field
    config.create_users = data.create_users
    config.local_login_allowed = data.local_login_allowed
    for field, url in endpoints.items():
        setattr(config, field, url or "")
    try:
        with transaction.atomic():
            config.save()
    except IntegrityError:
        raise ValidationError(
            {"code": [_("Deze code is al in gebruik. Kies een andere.")]}
        ) from None
    audit_record(
        actor=actor, action="update", obj=config, detail="sign-in settings", request=request
    )
    return config


def local_login_allowed(user: User) -> bool:
    """May this user sign in with username and password? Not when their organisation has
    switched that off in favour of its own sign-in."""
    if user.organisation_id is None:
        return True
    return not OrganisationSignIn.objects.filter(
        organisation_id=user.organisation_id, enabled=True, local_login_allowed=False
    ).exists()


class NoAccount(Exception):
    """The provider's person matches no usable Vangnet account (the reason, for the log)."""


def _unique_username(base: str) -> str:
    base = (slugify(base.split("@")[0]) or "medewerker")[:140]
    username = base
    while User.objects.filter(username__iexact=username).exists():
        username = f"{base}-{secrets.token_hex(3)}"
    return username


@transaction.atomic
def account_for_claims(
    *, config: OrganisationSignIn, claims: dict[str, Any], request: HttpRequest | None = None
) -> User:
    """The active account of the organisation whose e-mail address (or username) equals
    the configured claim; with `create_users`, a new account without networks when none
    exists. Raises NoAccount otherwise (also when two accounts match)."""
    value = claims.get(config.match_claim)
    if not isinstance(value, str) or not value.strip():
        raise NoAccount(f"claim {config.match_claim} missing")
    value = value.strip()
    lookup = "email__iexact" if config.match_field == MatchField.EMAIL else "username__iexact"
    users = list(User.objects.filter(organisation=config.organisation, **{lookup: value})[:2])
    if len(users) > 1:
        raise NoAccount("more than one account matches")
    if users:
        if not users[0].is_active:
            raise NoAccount("account inactive")
        return users[0]
    if not config.create_users:
        raise NoAccount("no account and the organisation does not create them")
    email = claims.get("email") if isinstance(claims.get("email"), str) else ""
    if config.match_field == MatchField.USERNAME:
        if len(value) > 150 or User.objects.filter(username__iexact=value).exists():
            raise NoAccount("username taken by another organisation")
        username = value
    else:
        username = _unique_username(value)
    user = User(
        username=username,
        email=email or (value if config.match_field == MatchField.EMAIL else ""),
        first_name=str(claims.get("given_name") or "")[:150],
        last_name=str(claims.get("family_name") or "")[:150],
        organisation=config.organisation,
        role=NEW_ACCOUNT_ROLE,
    )
    user.set_unusable_password()
    user.save()
    audit_record(
        actor=user, action="create", obj=user, detail="created at sso sign-in", request=request
    )
    return user
