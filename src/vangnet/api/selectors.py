"""Reads for API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404
from django.utils import timezone

from vangnet.api.models import ApiToken
from vangnet.api.services import hash_key

if TYPE_CHECKING:
    from vangnet.organisations.models import User


def tokens_for_user(*, user: User) -> list[ApiToken]:
    """The user's own tokens, newest first (one query)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-id"))


def own_token(*, user: User, token_id: int | str) -> ApiToken:
    """One of the user's own tokens, or 404 (also for someone else's token)."""
    text = str(token_id or "").strip()
    if not text.isdigit() or len(text) > 18:
        raise Http404
    try:
        return ApiToken.objects.get(user=user, pk=int(text))
    except ApiToken.DoesNotExist as exc:
        raise Http404 from exc


def active_token_for_key(key: str) -> ApiToken | None:
    """The token with this key if it is neither revoked nor expired, with its user."""
    if not key or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(key_hash=hash_key(key))
        .first()
    )
    if token is None or not token.is_active(timezone.now()):
        return None
    return token
