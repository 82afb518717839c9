"""Making and revoking a user's secret calendar address."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.db import transaction

from vangnet.audit.services import audit_record
from vangnet.calendars.models import CalendarFeed

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.organisations.models import User


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def feed_create(*, user: User, request: HttpRequest | None = None) -> str:
    """A new secret token for the user's feed (the old address stops working). Returns the
    token; only its hash is stored, so it is shown once."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.update_or_create(user=user, defaults={"token_hash": token_hash(token)})
        audit_record(
            actor=user,
            action="create",
            object_type="calendars.feed",
            object_id=user.pk,
            request=request,
        )
    return token


def feed_revoke(*, user: User, request: HttpRequest | None = None) -> bool:
    with transaction.atomic():
        deleted, _ = CalendarFeed.objects.filter(user=user).delete()
        if deleted:
            audit_record(
                actor=user,
                action="delete",
                object_type="calendars.feed",
                object_id=user.pk,
                request=request,
            )
    return bool(deleted)
