"""Reads of the notifications app."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count

from vangnet.notifications.due import rules_for
from vangnet.notifications.kinds import kinds_for
from vangnet.notifications.models import MailLog, MailPreferences, ReminderSettings
from vangnet.organisations.models import Organisation


def mail_counts(*, since: dt.datetime | None = None) -> dict[str, int]:
    """Mails sent and failed (since `since`, or ever): {"sent": n, "failed": m}."""
    rows = MailLog.objects.all()
    if since is not None:
        rows = rows.filter(at__gte=since)
    counts = dict(rows.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return {"sent": counts.get("sent", 0), "failed": counts.get("failed", 0)}


def preferences_for(user: Any) -> MailPreferences:
    return MailPreferences.objects.filter(user=user).first() or MailPreferences(user=user)


def reminder_choices(user: Any) -> list[tuple[str, Any]]:
    return [(kind.value, kind.label) for kind in kinds_for(user.role)]


def reminder_settings_for(organisation: Organisation) -> ReminderSettings:
    """The organisation's reminder rules; the defaults when it has not chosen any."""
    return rules_for(organisation)
