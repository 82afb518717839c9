"""Writes of the notifications app: the password-reset request and e-mail preferences."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.notifications.kinds import kinds_for
from vangnet.notifications.models import MailPreferences
from vangnet.notifications.tasks import password_reset_mail_task
from vangnet.organisations.models import User


def password_reset_request(*, email: str, base_url: str = "") -> None:
    """Queue a reset mail for every active account with this address. Says nothing about
    whether one exists: the caller shows the same answer either way (and rate-limits)."""
    email = email.strip()
    with transaction.atomic():
        for user in User.objects.filter(email__iexact=email, is_active=True):
            if not user.has_usable_password():
                continue
            password_reset_mail_task.enqueue(user.pk, base_url)
            audit_record(
                actor=None,
                action="update",
                obj=user,
                detail="password reset requested",
                organisation=user.organisation,
            )


def preferences_save(
    *, user: Any, off_kinds: list[str], weekly_digest: bool, language: str
) -> MailPreferences:
    allowed = set(kinds_for(user.role))
    unknown = set(off_kinds) - allowed
    if unknown:
        raise ValidationError({"off_kinds": _("Kies alleen herinneringen die bij je rol horen.")})
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Kies een taal.")})
    with transaction.atomic():
        prefs, _created = MailPreferences.objects.update_or_create(
            user=user,
            defaults={
                "off_kinds": sorted(off_kinds),
                "weekly_digest": weekly_digest,
                "language": language,
            },
        )
    return prefs
