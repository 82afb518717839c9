"""API tokens: one per script or tool a user connects. Only a SHA-256 hash of the key is
stored; the key itself is shown once, when the token is made."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    READ = "read", _("Alleen lezen")
    ATTENDANCE = "attendance", _("Lezen en aanwezigheid vastleggen")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=100)
    prefix = models.CharField(_("begin van de sleutel"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    expires_at = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    scope = models.CharField(
        _("mag"), max_length=20, choices=TokenScope.choices, default=TokenScope.READ
    )
    # The user's role when the token was made: once the role changes the token stops working.
    role = models.CharField(_("rol"), max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def role_changed(self) -> bool:
        """The user no longer has the role the token was made with."""
        return self.role != self.user.role

    def can_write(self) -> bool:
        return self.scope == TokenScope.ATTENDANCE
