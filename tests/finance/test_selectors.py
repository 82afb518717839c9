import datetime as dt
from decimal import Decimal

from tests.factories import NetworkFactory, UserFactory
from vangnet.finance import selectors
from vangnet.finance.models import FinanceSettings, MoneyEntry, NetworkBudget


def _entry(network, amount, *, kind="expense", category="groceries", day=dt.date(2025, 3, 1)):
    return MoneyEntry.objects.create(
        network=network,
        kind=kind,
        category=category,
        date=day,
        amount=Decimal(amount),
        description="x",
    )


def test_balance_budget_plus_income_against_expenses(money_network):
    NetworkBudget.objects.create(network=money_network, year=2025, amount=Decimal(1000))
    _entry(money_network, "150", kind="income", category="own_contribution")
    _entry(money_network, "900")
    _entry(money_network, "50", day=dt.date(2024, 12, 31))  # another year
    balance = selectors.network_balance(network=money_network, year=2025, with_categories=True)
    assert balance.available == Decimal("1150.00")
    assert balance.remaining == Decimal("250.00")
    assert balance.used_percent == 78
    assert not balance.warning and not balance.over
    _entry(money_network, "20")
    balance = selectors.network_balance(network=money_network, year=2025)
    assert balance.used_percent == 80 and balance.warning
    assert {
        label
        for _kind, label, _total in selectors.network_balance(
            network=money_network, year=2025, with_categories=True
        ).by_category
    } == {"boodschappen en eten", "eigen bijdrage van de groep"}


def test_warning_share_is_the_organisations_and_over_is_plain(money_network):
    FinanceSettings.objects.create(organisation=money_network.organisation, warning_percent=50)
    NetworkBudget.objects.create(network=money_network, year=2025, amount=Decimal(100))
    _entry(money_network, "60")
    assert selectors.network_balance(network=money_network, year=2025).warning
    _entry(money_network, "60")
    balance = selectors.network_balance(network=money_network, year=2025)
    assert balance.over and not balance.warning and balance.bar_percent == 100


def test_no_budget_no_income_has_no_share(money_network):
    _entry(money_network, "10")
    balance = selectors.network_balance(network=money_network, year=2025)
    assert balance.budget is None and balance.used_percent is None and balance.over


def test_overview_shows_only_visible_networks_in_a_fixed_number_of_queries(
    money_network, coordinator, django_assert_num_queries
):
    other = NetworkFactory(organisation=money_network.organisation)
    foreign = NetworkFactory()
    for network in (money_network, other, foreign):
        _entry(network, "5")
    worker = money_network.lead_worker
    assert [b.network for b in selectors.balances_overview(user=worker, year=2025)] == [
        money_network
    ]
    with django_assert_num_queries(4):
        balances = selectors.balances_overview(user=coordinator, year=2025)
    assert {b.network for b in balances} == {money_network, other}
    evaluator = UserFactory(organisation=money_network.organisation, evaluator=True)
    assert selectors.balances_overview(user=evaluator, year=2025) == []


def test_spent_in_period_keeps_rent_apart(money_network):
    NetworkBudget.objects.create(network=money_network, year=2025, amount=Decimal(500))
    _entry(money_network, "40")
    _entry(money_network, "300", category="rent")
    _entry(money_network, "25", kind="income", category="donation")
    _entry(money_network, "99", day=dt.date(2027, 1, 1))  # after the period
    spent = selectors.spent_in_period(
        network=money_network, start=dt.date(2025, 1, 1), end=dt.date(2026, 6, 30)
    )
    assert spent.expenses == Decimal("340.00")
    assert spent.rent == Decimal("300.00")
    assert spent.activity_expenses == Decimal("40.00")
    assert spent.income == Decimal("25.00")
    assert spent.budgets == Decimal("500.00")


def test_accounts_table_is_scoped_and_signed(money_network, coordinator):
    _entry(money_network, "12.5")
    _entry(money_network, "3", kind="income", category="own_contribution")
    _entry(NetworkFactory(), "7")  # another organisation
    table = selectors.accounts_table(user=coordinator, year=2025)
    assert sorted(row[6] for row in table.rows) == [Decimal("-12.50"), Decimal("3.00")]
    evaluator = UserFactory(organisation=money_network.organisation, evaluator=True)
    assert selectors.accounts_table(user=evaluator, year=2025).rows == []
