"""Planning data: the organisation's planning settings and the workers' registered hours."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.planning.staffing import DEFAULT_SECOND_WORKER_ABOVE


class PlanningSettings(models.Model):
    """Per organisation, created on demand (planning.selectors.planning_settings)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="planning_settings"
    )
    second_worker_above = models.PositiveIntegerField(
        _("tweede sociaal werker boven"),
        default=DEFAULT_SECOND_WORKER_ABOVE,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
        help_text=_(
            "Boven dit aantal deelnemers is een tweede sociaal werker nodig. Het handboek "
            "noemt 30 bij de randvoorwaarden en 20 bij de kosten."
        ),
    )

    class Meta:
        verbose_name = _("planningsinstelling")
        verbose_name_plural = _("planningsinstellingen")

    def __str__(self) -> str:
        return str(self.organisation)


class WorkerHours(models.Model):
    """Hours a worker spent on a network in one ISO week (week_start is that Monday)."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="worker_hours"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worker_hours"
    )
    week_start = models.DateField(_("week (maandag)"))
    hours = models.DecimalField(
        _("uren"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(80))],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gewerkte uren")
        verbose_name_plural = _("gewerkte uren")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "worker", "week_start"], name="planning_hours_one_per_week"
            )
        ]
        indexes = [models.Index(fields=["network", "week_start"])]

    def __str__(self) -> str:
        return f"{self.network_id} {self.week_start} {self.hours}"


class OrganisationRates(models.Model):
    """The recruitment forecast's fitted rates of an organisation for one day
    (planning.rates_store): fitted by the background worker's periodic work, read by the
    network page. Valid only for its day, forecast version and the route rules it was
    fitted under; no personal data (figures of the whole organisation)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    version = models.PositiveSmallIntegerField()
    rules = models.CharField(max_length=64)  # digest of the route rules fitted under
    rates = models.JSONField()
    fitted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "day"], name="planning_rates_day")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.day}"


class SimulatedForecast(models.Model):
    """The recruitment forecast's simulated figures for one set of inputs
    (planning.forecast_selectors `_simulated`): kept so that a network whose inputs did not
    change does not simulate again when the cache is emptied (issue 21, goal 4). `key` is
    the digest of every input (forecast version, rates, the network's start in counts,
    planned invitations, target, month, seed); the seed holds the day, so a row serves its
    own day only, and the worker's daily work removes the rows of earlier days. A forecast of
    counts of a whole network: no personal data, nothing to erase or export per person."""

    key = models.CharField(max_length=64, unique=True)
    day = models.DateField(db_index=True)
    quantiles = models.JSONField()
    probability = models.FloatField()
    needed = models.FloatField(null=True)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.day} {self.key[:12]}"
