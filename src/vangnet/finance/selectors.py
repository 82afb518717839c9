"""Money reads: a network's balance per year, the overview of the networks a user may see,
the entries of a year, what was spent in a plan's period, the table for the finance export.

The balance: the money available in a year is the activity budget plus the income (the
group's own contribution, grants, gifts, sales); the share used is the expenses divided by
that. The pages warn from the organisation's share on (default 80%) and say so plainly when
more was spent than was available."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from vangnet.core.permissions import Cap, has_cap, pk_or_404, visible_networks
from vangnet.exports.writers import Table
from vangnet.finance.models import (
    DEFAULT_WARNING_PERCENT,
    Category,
    FinanceSettings,
    Kind,
    MoneyEntry,
    NetworkBudget,
)

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def _money(value: Decimal | None) -> Decimal:
    """A database sum as euro and cents (SQLite sums decimals as floats)."""
    return (value or ZERO).quantize(CENT)


def finance_settings(organisation: Organisation) -> FinanceSettings:
    """The organisation's settings; an unsaved default row when none exist yet."""
    row = FinanceSettings.objects.filter(organisation=organisation).first()
    return row or FinanceSettings(organisation=organisation)


@dataclass(frozen=True)
class Balance:
    """One network's money in one calendar year."""

    year: int
    budget: Decimal | None  # None: no budget set for the year
    income: Decimal
    expenses: Decimal
    warning_percent: int
    network: Any = None
    by_category: list[tuple[str, str, Decimal]] = field(default_factory=list)
    own_contribution: Decimal = ZERO  # the group's eigen bijdrage: part of `income`

    @property
    def available(self) -> Decimal:
        return (self.budget or ZERO) + self.income

    @property
    def remaining(self) -> Decimal:
        return self.available - self.expenses

    @property
    def used_percent(self) -> int | None:
        """The expenses as a whole percentage of the money available; None without any."""
        if self.available <= 0:
            return None
        return int((self.expenses * 100 / self.available).to_integral_value(rounding="ROUND_FLOOR"))

    @property
    def over(self) -> bool:
        return self.expenses > self.available

    @property
    def warning(self) -> bool:
        """Close to the limit: at or above the organisation's share, not yet over."""
        percent = self.used_percent
        return not self.over and percent is not None and percent >= self.warning_percent

    @property
    def bar_percent(self) -> int:
        """The used share for a bar: 0-100."""
        if self.over:
            return 100
        return min(100, self.used_percent or 0)


def _sums(networks: list[int], year: int) -> dict[tuple[int, str], Decimal]:
    """Per network: the year's income and expenses, and the own contribution (under the
    key `Category.OWN_CONTRIBUTION`); one query."""
    rows = (
        MoneyEntry.objects.filter(network_id__in=networks, date__year=year)
        .values_list("network_id", "kind", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    sums: dict[tuple[int, str], Decimal] = {}
    for network_id, kind, category, total in rows:
        sums[(network_id, kind)] = sums.get((network_id, kind), ZERO) + _money(total)
        if category == Category.OWN_CONTRIBUTION:
            sums[(network_id, category)] = _money(total)
    return sums


def network_balance(*, network: Network, year: int, with_categories: bool = False) -> Balance:
    """The network's balance for `year`: one query (two with the categories)."""
    from vangnet.networks.models import Network as NetworkModel

    in_year = Q(money_entries__date__year=year)
    row = (
        NetworkModel.objects.filter(pk=network.pk)
        .annotate(
            income=Sum(
                "money_entries__amount", filter=in_year & Q(money_entries__kind=Kind.INCOME)
            ),
            expenses=Sum(
                "money_entries__amount", filter=in_year & Q(money_entries__kind=Kind.EXPENSE)
            ),
            own=Sum(
                "money_entries__amount",
                filter=in_year & Q(money_entries__category=Category.OWN_CONTRIBUTION),
            ),
            budget=Subquery(
                NetworkBudget.objects.filter(network=OuterRef("pk"), year=year).values("amount")[:1]
            ),
            warning=Subquery(
                FinanceSettings.objects.filter(organisation=OuterRef("organisation")).values(
                    "warning_percent"
                )[:1]
            ),
        )
        .values("income", "expenses", "own", "budget", "warning")
        .get()
    )
    categories: list[tuple[str, str, Decimal]] = []
    if with_categories:
        labels = dict(Category.choices)
        rows = (
            MoneyEntry.objects.filter(network=network, date__year=year)
            .values_list("kind", "category")
            .annotate(total=Sum("amount"))
            .order_by("kind", "category")
        )
        categories = [(kind, str(labels.get(cat, cat)), _money(total)) for kind, cat, total in rows]
    return Balance(
        year=year,
        budget=None if row["budget"] is None else _money(row["budget"]),
        income=_money(row["income"]),
        expenses=_money(row["expenses"]),
        warning_percent=row["warning"] or DEFAULT_WARNING_PERCENT,
        network=network,
        by_category=categories,
        own_contribution=_money(row["own"]),
    )


def balances_overview(*, user: Member, year: int) -> list[Balance]:
    """The balance of every network the user keeps the accounts of, by name (four queries)."""
    if not has_cap(user, Cap.KEEP_ACCOUNTS):
        return []
    networks = list(visible_networks(user).order_by("name", "pk"))
    ids = [network.pk for network in networks]
    budgets = {
        network_id: _money(amount)
        for network_id, amount in NetworkBudget.objects.filter(
            network_id__in=ids, year=year
        ).values_list("network_id", "amount")
    }
    sums = _sums(ids, year)
    percent = finance_settings(user.organisation).warning_percent
    return [
        Balance(
            year=year,
            budget=budgets.get(network.pk),
            income=sums.get((network.pk, Kind.INCOME), ZERO),
            expenses=sums.get((network.pk, Kind.EXPENSE), ZERO),
            warning_percent=percent,
            network=network,
            own_contribution=sums.get((network.pk, Category.OWN_CONTRIBUTION), ZERO),
        )
        for network in networks
    ]


def network_entries(*, network: Network, year: int) -> list[MoneyEntry]:
    """The year's entries, newest first, with their activity (one query)."""
    return list(
        MoneyEntry.objects.filter(network=network, date__year=year).select_related("activity")
    )


def entry_years(*, network: Network, today: dt.date) -> list[int]:
    """The years to choose from: every year with entries or a budget, and this year."""
    years = {today.year}
    years.update(d.year for d in MoneyEntry.objects.filter(network=network).dates("date", "year"))
    years.update(NetworkBudget.objects.filter(network=network).values_list("year", flat=True))
    return sorted(years, reverse=True)


def entry_for(user: Member, network: Network, entry_id: object) -> MoneyEntry:
    """An entry of this network (already checked through core.permissions); 404 otherwise."""
    try:
        return MoneyEntry.objects.select_related("network__organisation", "activity").get(
            pk=pk_or_404(entry_id), network=network
        )
    except MoneyEntry.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class Spent:
    """Money in a period, beside a plan's budget."""

    start: dt.date
    end: dt.date
    expenses: Decimal
    income: Decimal
    rent: Decimal
    budgets: Decimal  # the yearly budgets set for the years the period touches

    @property
    def activity_expenses(self) -> Decimal:
        """Expenses without rent (the plan counts rent apart)."""
        return self.expenses - self.rent


def spent_in_period(*, network: Network, start: dt.date, end: dt.date) -> Spent:
    """Expenses (rent apart) and income from `start` to `end` inclusive (two queries)."""
    rows = (
        MoneyEntry.objects.filter(network=network, date__gte=start, date__lte=end)
        .values_list("kind", "category")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    expenses = income = rent = ZERO
    for kind, category, raw in rows:
        total = _money(raw)
        if kind == Kind.INCOME:
            income += total
        else:
            expenses += total
            if category == Category.RENT:
                rent += total
    budgets = NetworkBudget.objects.filter(
        network=network, year__gte=start.year, year__lte=end.year
    ).aggregate(total=Sum("amount"))["total"]
    return Spent(
        start=start, end=end, expenses=expenses, income=income, rent=rent, budgets=_money(budgets)
    )


def accounts_table(*, user: Member, year: int) -> Table:
    """Every entry of the year of the networks the user keeps the accounts of, for the
    finance department: one row per entry, amounts signed (expenses negative)."""
    kinds = dict(Kind.choices)
    categories = dict(Category.choices)
    table = Table(
        key=f"geld-{year}",
        title=_("Uitgaven en inkomsten %(year)s") % {"year": year},
        headers=[
            _("Vangnetwerk"),
            _("Datum"),
            _("Soort"),
            _("Categorie"),
            _("Activiteit"),
            _("Omschrijving"),
            _("Bedrag (euro)"),
            _("Bon"),
            _("Nummer"),
        ],
    )
    if not has_cap(user, Cap.KEEP_ACCOUNTS):
        return table
    entries = (
        MoneyEntry.objects.filter(network__in=visible_networks(user), date__year=year)
        .select_related("network", "activity")
        .order_by("network__name", "date", "pk")
    )
    for entry in entries:
        table.rows.append(
            [
                entry.network.name,
                entry.date,
                str(kinds.get(entry.kind, entry.kind)),
                str(categories.get(entry.category, entry.category)),
                entry.activity.name if entry.activity else "",
                entry.description,
                entry.signed_amount,
                _("ja") if entry.receipt else _("nee"),
                entry.pk,
            ]
        )
    return table
