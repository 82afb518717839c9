"""Money per network: the yearly activity budget, expenses and income, receipts.

No participant's name belongs here: an expense is described by what was bought, and the own
contribution (*eigen bijdrage*) of the group is recorded as one amount, not per person."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.finance.receipts import get_receipt_storage

DEFAULT_WARNING_PERCENT = 80
MAX_AMOUNT = Decimal("100000.00")


class Kind(models.TextChoices):
    EXPENSE = "expense", _("uitgave")
    INCOME = "income", _("inkomsten")


class Category(models.TextChoices):
    GROCERIES = "groceries", _("boodschappen en eten")
    MATERIALS = "materials", _("materiaal")
    RENT = "rent", _("huur")
    OUTING = "outing", _("uitje")
    TRAVEL = "travel", _("vervoer")
    OTHER_EXPENSE = "other_expense", _("overige uitgave")
    OWN_CONTRIBUTION = "own_contribution", _("eigen bijdrage van de groep")
    GRANT = "grant", _("subsidie of fonds")
    DONATION = "donation", _("gift")
    SALES = "sales", _("verkoop")
    OTHER_INCOME = "other_income", _("overige inkomsten")


EXPENSE_CATEGORIES = (
    Category.GROCERIES,
    Category.MATERIALS,
    Category.RENT,
    Category.OUTING,
    Category.TRAVEL,
    Category.OTHER_EXPENSE,
)
INCOME_CATEGORIES = (
    Category.OWN_CONTRIBUTION,
    Category.GRANT,
    Category.DONATION,
    Category.SALES,
    Category.OTHER_INCOME,
)


class FinanceSettings(models.Model):
    """Per organisation, created on demand (finance.selectors.finance_settings)."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="finance_settings"
    )
    warning_percent = models.PositiveSmallIntegerField(
        _("waarschuwen bij (procent)"),
        default=DEFAULT_WARNING_PERCENT,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("geldinstelling")
        verbose_name_plural = _("geldinstellingen")

    def __str__(self) -> str:
        return str(self.organisation)


class NetworkBudget(models.Model):
    """The activity budget a network has for one calendar year."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    amount = models.DecimalField(_("budget (euro)"), max_digits=9, decimal_places=2)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activiteitenbudget")
        verbose_name_plural = _("activiteitenbudgetten")
        constraints = [
            models.UniqueConstraint(fields=["network", "year"], name="finance_budget_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.year} {self.amount}"


class MoneyEntry(models.Model):
    """One expense or income of a network, optionally for one of its activities."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="money_entries"
    )
    activity = models.ForeignKey(
        "networks.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="money_entries",
        verbose_name=_("activiteit"),
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("categorie"), max_length=20, choices=Category.choices)
    date = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag (euro)"), max_digits=9, decimal_places=2)
    description = models.CharField(_("omschrijving"), max_length=200)
    receipt = models.FileField(_("bon"), storage=get_receipt_storage, max_length=200, blank=True)
    receipt_type = models.CharField(max_length=40, blank=True)
    receipt_size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("uitgave of inkomsten")
        verbose_name_plural = _("uitgaven en inkomsten")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["network", "date"])]

    def __str__(self) -> str:
        return f"{self.network_id} {self.date} {self.kind} {self.amount}"

    @property
    def signed_amount(self) -> Decimal:
        return self.amount if self.kind == Kind.INCOME else -self.amount
