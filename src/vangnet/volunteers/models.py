"""The people around a network who are not participants and not its social workers: an
expert by experience (*ervaringsdeskundige*, e.g. on an internship), interns and volunteers.
Their hours are their own: they never count towards the worker's norm (planning)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class HelperKind(models.TextChoices):
    EXPERT = "expert", _("ervaringsdeskundige")
    INTERN = "intern", _("stagiair")
    VOLUNTEER = "volunteer", _("vrijwilliger")


class NetworkHelper(models.Model):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="helpers"
    )
    kind = models.CharField(_("rol"), max_length=12, choices=HelperKind.choices)
    name = models.CharField(_("naam"), max_length=120)
    start_date = models.DateField(_("vanaf"))
    end_date = models.DateField(_("tot en met"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(40))],
    )
    # Optional: their own sign-in with the limited role network_helper. One account may be
    # attached to several networks; access follows the attachment's period.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="helper_attachments",
        verbose_name=_("account"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("betrokkene")
        verbose_name_plural = _("betrokkenen")
        ordering = ["network", "start_date", "pk"]

    def __str__(self) -> str:
        return f"{self.network_id} {self.kind} {self.pk}"
