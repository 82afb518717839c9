"""Mail as background tasks (run by `vangnet worker`). The arguments are ids only: the
mail, and for a password reset its link, are made when the task runs."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_tasks import task

from vangnet.notifications.kinds import SENTENCES
from vangnet.notifications.mail import absolute_url, mail_send
from vangnet.notifications.models import SentReminder
from vangnet.organisations.models import User


@task()
def reminder_mail_task(user_id: int, reminder_ids: list[int]) -> int:
    """One mail for one reminder, or the weekly digest of several. Returns items mailed."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    reminders = list(
        SentReminder.objects.filter(pk__in=reminder_ids, user_id=user_id).order_by("pk")
    )
    if user is None or not reminders:
        return 0
    items = [
        {"sentence": SENTENCES[reminder.kind], "url": absolute_url(reminder.path)}  # type: ignore[index]
        for reminder in reminders
    ]
    digest = len(reminder_ids) > 1 or reminders[0].in_digest
    mail_send(
        user=user,
        kind="digest" if digest else reminders[0].kind,
        template="digest" if digest else "reminder",
        context={
            "items": items,
            "item": items[0],
            "preferences_url": absolute_url(reverse("notifications:preferences")),
        },
    )
    SentReminder.objects.filter(pk__in=[r.pk for r in reminders]).update(mailed_at=timezone.now())
    return len(items)


@task()
def password_reset_mail_task(user_id: int, base_url: str = "") -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return mail_send(
        user=user,
        kind="password_reset",
        template="password_reset",
        context={"url": absolute_url(path, base_url)},
    )
