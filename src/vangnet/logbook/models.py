"""The worker's logbook: dated entries tagged with building blocks, and weekly reflection
on the four balances of organised chaos."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.networks.models import Phase


class BuildingBlock(models.TextChoices):
    BRINGING_TOGETHER = "bringing_together", _("Positief bij elkaar brengen")
    ORGANISED_CHAOS = "organised_chaos", _("Georganiseerde chaos")
    SOCIAL_INTERPRETING = "social_interpreting", _("Sociaal tolken")


class LogEntry(models.Model):
    """A dated note by the worker about the network (not about one participant), tagged with
    the building blocks it is about and the network's phase. Free text: it may mention people,
    so reading the logbook is audited (docs/logbook.md)."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="log_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    date = models.DateField(_("datum"))
    text = models.TextField(_("tekst"))
    building_blocks = models.JSONField(_("bouwstenen"), default=list, blank=True)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("logboekregel")
        verbose_name_plural = _("logboek")
        indexes = [models.Index(fields=["network", "-date"], name="logentry_network_date")]

    def __str__(self) -> str:
        return f"{self.network} {self.date}"

    def building_block_labels(self) -> list[str]:
        labels = dict(BuildingBlock.choices)
        return [str(labels[block]) for block in self.building_blocks if block in labels]


BALANCE_VALIDATORS = [MinValueValidator(-2), MaxValueValidator(2)]

# The four balances of organised chaos: (field, pole at -2, pole at +2).
BALANCES = [
    ("stability_spontaneity", _("Stabiliteit"), _("Spontaniteit")),
    ("safety_challenge", _("Veiligheid"), _("Uitdaging")),
    ("initiative_steering", _("Eigen initiatief"), _("Sturing")),
    ("letting_be_intervening", _("Laten gebeuren"), _("Ingrijpen")),
]


class BalanceReflection(models.Model):
    """Weekly reflection: where did the worker stand on each of the four balances?
    -2 is fully the first pole (e.g. stability), +2 fully the second (spontaneity).
    One per network per ISO week (`week_start` is that week's Monday)."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="balance_reflections"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    week_start = models.DateField(_("week (maandag)"))
    stability_spontaneity = models.SmallIntegerField(
        _("stabiliteit – spontaniteit"), default=0, validators=BALANCE_VALIDATORS
    )
    safety_challenge = models.SmallIntegerField(
        _("veiligheid – uitdaging"), default=0, validators=BALANCE_VALIDATORS
    )
    initiative_steering = models.SmallIntegerField(
        _("eigen initiatief – sturing"), default=0, validators=BALANCE_VALIDATORS
    )
    letting_be_intervening = models.SmallIntegerField(
        _("laten gebeuren – ingrijpen"), default=0, validators=BALANCE_VALIDATORS
    )
    note = models.TextField(_("toelichting"), blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True, null=True)

    class Meta:
        ordering = ["-week_start"]
        verbose_name = _("balansreflectie")
        verbose_name_plural = _("balansreflecties")
        constraints = [
            models.UniqueConstraint(fields=["network", "week_start"], name="balance_one_per_week"),
            *(
                models.CheckConstraint(
                    condition=models.Q(**{f"{field}__gte": -2, f"{field}__lte": 2}),
                    name=f"balance_{field}_range",
                )
                for field, _left, _right in BALANCES
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.week_start}"
