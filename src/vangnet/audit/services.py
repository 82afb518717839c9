"""The one function that writes audit records."""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from vangnet.audit.models import AuditAction, AuditEvent
from vangnet.core.typing import signed_in


def _valid_ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address. With VANGNET_TRUSTED_PROXY_COUNT = N > 0, each of the N proxies
    appends the address it saw to X-Forwarded-For, so the client is the N-th entry from the
    right (entries further left are whatever the client sent and never trusted). With N = 0
    the header is ignored. Missing, too short or invalid header: REMOTE_ADDR. django-axes uses
    this same function (AXES_CLIENT_IP_CALLABLE)."""
    if request is None:
        return None
    remote = _valid_ip(request.META.get("REMOTE_ADDR") or "")
    count = int(getattr(settings, "VANGNET_TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    entries = [e for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if e.strip()]
    if len(entries) < count:
        return remote
    return _valid_ip(entries[-count]) or remote


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
    event = audit_event(
        actor=actor,
        action=action,
        obj=obj,
        object_type=object_type,
        object_id=object_id,
        detail=detail,
        request=request,
        organisation=organisation,
    )
    event.save(force_insert=True)
    return event


def audit_event(
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
    """The audit record `audit_record` writes, not yet written: for a service that writes it
    in the same statement as the change it records (the session save,
    `networks.sessions.stored.write_marks`), which must write it."""
    if action not in AuditAction.values:
        raise ValueError(f"Unknown audit action: {action}")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    user = signed_in(actor)
    if organisation is not None:
        organisation_id = organisation.pk
    else:  # the actor's organisation, by its id: no query to load it
        organisation_id = getattr(user, "organisation_id", None)
    return AuditEvent(
        actor=user,
        actor_username=getattr(user, "username", "") or "",
        organisation_id=organisation_id,
        action=action,
        object_type=str(object_type)[:60],
        object_id=str(object_id)[:40],
        detail=detail[:200],
        path=(request.get_full_path()[:300] if request is not None else ""),
        ip_address=client_ip(request),
    )


def audit_events_purge(*, before: dt.datetime) -> int:
    """Delete the audit rows written before `before` (a datetime): the retention of the audit
    trail itself (`vangnet apply-retention --audit-months N`). The only code that deletes
    audit rows, through `append_only.audit_purge`; returns how many were deleted."""
    from vangnet.audit.append_only import audit_purge

    with audit_purge():
        deleted, _per_model = AuditEvent.objects.filter(at__lt=before).delete()
    return deleted
