"""Reads of the audit trail for the organisation's privacy officer (the org admin)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from vangnet.audit.models import AuditEvent

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation


def audit_events_for_organisation(
    *,
    organisation: Organisation,
    action: str = "",
    username: str = "",
    object_type: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.filter(organisation=organisation)
    if action:
        events = events.filter(action=action)
    if username:
        events = events.filter(actor_username__iexact=username)
    if object_type:
        events = events.filter(object_type=object_type)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events
