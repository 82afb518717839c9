"""Sending the due reminders (periodic work `reminders`, hourly).

Each due item is recorded once per user (`SentReminder`, unique on user, kind and key) in
the same transaction as the task that mails it: a second run finds the row and sends
nothing. Users with the weekly digest get their items collected and mailed together on
Monday; a switched-off kind is never recorded or mailed."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone

from vangnet.notifications.due import Due, due_items
from vangnet.notifications.kinds import kinds_for
from vangnet.notifications.models import MailPreferences, SentReminder
from vangnet.notifications.tasks import reminder_mail_task
from vangnet.organisations.models import User

DIGEST_WEEKDAY = 0  # Monday


def reminders_send_due(*, today: dt.date | None = None) -> int:
    """Record and mail what is due. Returns the number of mails queued."""
    today = today or timezone.localdate()
    items = due_items(today=today)
    users = {
        user.pk: user
        for user in User.objects.filter(
            pk__in={item.user_id for item in items}, is_active=True
        ).exclude(email="")
    }
    prefs = {p.user_id: p for p in MailPreferences.objects.filter(user_id__in=users)}
    queued = 0
    for item in dict.fromkeys(items):  # the same item twice in one run counts once
        user = users.get(item.user_id)
        if user is None or item.kind not in kinds_for(user.role):
            continue
        pref = prefs.get(user.pk)
        if pref is not None and item.kind in pref.off_kinds:
            continue
        queued += _record(item, digest=bool(pref and pref.weekly_digest))
    if today.weekday() == DIGEST_WEEKDAY:
        queued += _send_digests()
    return queued


def _record(item: Due, *, digest: bool) -> int:
    try:
        with transaction.atomic():
            reminder = SentReminder.objects.create(
                user_id=item.user_id,
                kind=item.kind,
                key=item.key,
                path=item.path,
                in_digest=digest,
            )
            if not digest:
                reminder_mail_task.enqueue(item.user_id, [reminder.pk])
    except IntegrityError:
        return 0  # reminded of before
    return 0 if digest else 1


def _send_digests() -> int:
    waiting: dict[int, list[int]] = defaultdict(list)
    for pk, user_id in SentReminder.objects.filter(
        in_digest=True, mailed_at__isnull=True
    ).values_list("pk", "user_id"):
        waiting[user_id].append(pk)
    sent = 0
    now = timezone.now()
    for user_id, ids in waiting.items():
        with transaction.atomic():
            # Claim the rows (a parallel run claims none of them) and queue one mail.
            claimed = SentReminder.objects.filter(pk__in=ids, mailed_at__isnull=True).update(
                mailed_at=now
            )
            if claimed == len(ids):
                reminder_mail_task.enqueue(user_id, ids)
                sent += 1
            elif claimed:
                transaction.set_rollback(True)
    return sent
