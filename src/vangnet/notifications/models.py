"""E-mail preferences, the reminder log and the mail log.

No mail body is stored: a mail is rendered when it is sent (in the worker), so a reset
link or a reminder's wording never sits in the database."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.notifications.kinds import ReminderKind


class MailPreferences(models.Model):
    """A user's choices; no row means: every reminder of the role, one mail each, Dutch."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preferences"
    )
    off_kinds = models.JSONField(_("uitgezette herinneringen"), default=list, blank=True)
    weekly_digest = models.BooleanField(_("één overzicht per week"), default=False)
    language = models.CharField(
        _("taal van de e-mails"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )

    class Meta:
        verbose_name = _("e-mailvoorkeuren")
        verbose_name_plural = _("e-mailvoorkeuren")

    def __str__(self) -> str:
        return str(self.user_id)


class ReminderSettings(models.Model):
    """An organisation's reminder rules; no row means the defaults below."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    session_weekday = models.PositiveSmallIntegerField(
        _("herinnering bijeenkomst op dag"),
        default=4,
        help_text=_("0 = maandag ... 6 = zondag"),
    )
    followup_days = models.PositiveIntegerField(_("nabeltaak open langer dan (dagen)"), default=14)
    moment_notice_days = models.PositiveIntegerField(
        _("evaluatiemoment aankondigen (dagen vooraf)"), default=14
    )
    checklist_days = models.PositiveIntegerField(_("checklist invullen na (dagen)"), default=91)

    class Meta:
        verbose_name = _("herinneringsregels")
        verbose_name_plural = _("herinneringsregels")

    def __str__(self) -> str:
        return str(self.organisation_id)


class SentReminder(models.Model):
    """One due item per user: its row makes a second run send nothing new."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    key = models.CharField(max_length=100)
    path = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    in_digest = models.BooleanField(default=False)
    mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"


class MailStatus(models.TextChoices):
    SENT = "sent", _("Verstuurd")
    FAILED = "failed", _("Mislukt")


class MailLog(models.Model):
    """That a mail of a kind was sent or failed (for operators; no address, no content)."""

    kind = models.CharField(max_length=30)
    status = models.CharField(max_length=10, choices=MailStatus.choices)
    error = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.status}"
