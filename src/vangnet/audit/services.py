"""The one function that writes audit records."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from vangnet.audit.models import AuditAction, AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: str = "",
    request: HttpRequest | None = None,
    organisation: Any = None,
) -> AuditEvent:
    """Write one audit record for a read or write of personal data.

    `obj` is a model instance (its type and primary key are stored, never its values).
    Pass `object_type`/`object_id` instead for something that is not a model instance.
    """
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action: {action}")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    user = actor if getattr(actor, "is_authenticated", False) else None
    if organisation is None and user is not None:
        organisation = getattr(user, "organisation", None)
    return AuditEvent.objects.create(
        actor=user,
        actor_username=getattr(user, "username", "") or "",
        organisation=organisation,
        action=action,
        object_type=str(object_type)[:60],
        object_id=str(object_id)[:40],
        detail=detail[:200],
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=_client_ip(request),
    )
