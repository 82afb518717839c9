"""Writes of the notifications app: the password-reset request, e-mail preferences and
the organisation's reminder rules."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.notifications.kinds import kinds_for
from vangnet.notifications.models import MailPreferences, ReminderSettings
from vangnet.notifications.tasks import password_reset_mail_task
from vangnet.organisations.models import Organisation, User


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


# The organisation's reminder rules: what the page and the service accept.
RULE_LIMITS: dict[str, tuple[int, int]] = {
    "session_weekday": (0, 6),
    "followup_days": (1, 365),
    "moment_notice_days": (1, 90),
    "checklist_days": (7, 730),
}


def reminder_settings_save(
    *,
    organisation: Organisation,
    actor: User,
    session_weekday: int,
    followup_days: int,
    moment_notice_days: int,
    checklist_days: int,
) -> ReminderSettings:
    """Save the organisation's reminder rules (one row per organisation) and audit which
    rules changed. Reminders already sent stay sent: a rule counts from the next run."""
    values = {
        "session_weekday": session_weekday,
        "followup_days": followup_days,
        "moment_notice_days": moment_notice_days,
        "checklist_days": checklist_days,
    }
    errors: dict[str, str] = {}
    for name, value in values.items():
        low, high = RULE_LIMITS[name]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            errors[name] = _("Kies een getal van %(low)s tot en met %(high)s.") % {
                "low": low,
                "high": high,
            }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rules = (
            ReminderSettings.objects.select_for_update().filter(organisation=organisation).first()
        )
        if rules is None:
            rules = ReminderSettings(organisation=organisation)
        changed = [name for name, value in values.items() if getattr(rules, name) != value]
        for name, value in values.items():
            setattr(rules, name, value)
        rules.save()
        audit_record(
            actor=actor,
            action="update",
            obj=rules,
            detail="reminder rules: " + (", ".join(changed) or "unchanged"),
            organisation=organisation,
        )
    return rules
