"""The worker's logbook: dated entries tagged with building blocks, and weekly reflection
on the four balances of organised chaos."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class BuildingBlock(models.TextChoices):
    BRINGING_TOGETHER = "bringing_together", _("Positief bij elkaar brengen")
    ORGANISED_CHAOS = "organised_chaos", _("Georganiseerde chaos")
    SOCIAL_INTERPRETING = "social_interpreting", _("Sociaal tolken")


class LogEntry(models.Model):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="log_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date = models.DateField(_("datum"))
    text = models.TextField(_("tekst"))
    building_blocks = models.JSONField(_("bouwstenen"), default=list, blank=True)
    phase = models.CharField(_("fase"), max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")

    def __str__(self) -> str:
        return f"{self.network} {self.date}"


BALANCE_VALIDATORS = [MinValueValidator(-2), MaxValueValidator(2)]


class BalanceReflection(models.Model):
    """Weekly reflection: where did the worker stand on each of the four balances?
    -2 is fully the first pole (e.g. stability), +2 fully the second (spontaneity)."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="balance_reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    week_start = models.DateField(_("week (maandag)"))
    stability_spontaneity = models.SmallIntegerField(default=0, validators=BALANCE_VALIDATORS)
    safety_challenge = models.SmallIntegerField(default=0, validators=BALANCE_VALIDATORS)
    initiative_steering = models.SmallIntegerField(default=0, validators=BALANCE_VALIDATORS)
    letting_be_intervening = models.SmallIntegerField(default=0, validators=BALANCE_VALIDATORS)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("balansreflectie")
        verbose_name_plural = _("balansreflecties")
        constraints = [
            models.UniqueConstraint(fields=["network", "week_start"], name="balance_one_per_week")
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.week_start}"
