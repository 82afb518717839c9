"""Writes for API tokens: make one (the key is returned once, only its hash is kept), revoke
one, and note when a token was last used."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.api.models import ApiToken, TokenScope
from vangnet.audit.services import audit_record

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.organisations.models import User

KEY_PREFIX = "vn_"
PREFIX_LENGTH = 11  # "vn_" + 8 characters: enough to recognise a key, useless to guess it
NAME_MAX_LENGTH = 100
MAX_ACTIVE_TOKENS = 20
MAX_VALID_DAYS = 366
# Writing last_used_at on every request would make every API call a write: once a minute.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown once; never stored


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    valid_days: int | None,
    scope: str = TokenScope.READ,
    request: HttpRequest | None = None,
) -> NewToken:
    """Make a token for `user`, valid for `valid_days` (1 to 366: every token ends), that may
    read (`scope` "read") or also record attendance ("attendance"). The token is bound to
    the user's present role: it stops working when the role changes."""
    name = " ".join((name or "").split())
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Geef de sleutel een naam, bijvoorbeeld de naam van het programma.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [
            _("De naam mag hoogstens %(max)d tekens hebben.") % {"max": NAME_MAX_LENGTH}
        ]
    if valid_days is None or not 1 <= valid_days <= MAX_VALID_DAYS:
        errors["valid_days"] = [_("Kies hoe lang de sleutel geldig is.")]
    if scope not in TokenScope.values:
        errors["scope"] = [_("Kies wat de sleutel mag.")]
    if getattr(user, "organisation_id", None) is None:
        errors["name"] = [_("Alleen medewerkers van een organisatie kunnen een sleutel maken.")]
    now = timezone.now()
    active = (
        ApiToken.objects.filter(user=user, revoked_at__isnull=True)
        .exclude(expires_at__lte=now)
        .count()
    )
    if active >= MAX_ACTIVE_TOKENS:
        errors.setdefault("name", []).append(
            _("Je hebt al %(max)d geldige sleutels. Trek eerst een sleutel in.")
            % {"max": MAX_ACTIVE_TOKENS}
        )
    if errors or valid_days is None:  # valid_days None is one of the errors
        raise ValidationError(errors)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        expires_at=now + dt.timedelta(days=valid_days),
        scope=scope,
        role=user.role,
    )
    audit_record(actor=user, action="create", obj=token, detail="api token", request=request)
    return NewToken(token=token, key=key)


@transaction.atomic
def api_token_revoke(
    *, token: ApiToken, actor: User, request: HttpRequest | None = None
) -> ApiToken:
    """Revoke a token; revoking it again changes nothing."""
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit_record(actor=actor, action="update", obj=locked, detail="revoked", request=request)
    return locked


def api_token_mark_used(*, token: ApiToken, now: dt.datetime | None = None) -> None:
    """Note that the token was used (at most one write a minute per token)."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
