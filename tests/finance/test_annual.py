"""Money in the annual report: the year's budget, what was spent, the group's own
contribution and the other income; sums only (no descriptions)."""

import datetime as dt

from django.urls import reverse

from vangnet.finance.services import budget_set, entry_create

DAY = dt.date(2025, 5, 6)


def _book(network):
    actor = network.lead_worker
    budget_set(network=network, year=2025, amount="700", actor=actor, today=DAY)
    common = {"network": network, "actor": actor, "date": DAY, "today": DAY}
    entry_create(
        **common,
        kind="expense",
        category="groceries",
        amount="612,40",
        description="Boodschappen lunch mei",
    )
    entry_create(
        **common,
        kind="expense",
        category="outing",
        amount="40",
        description="Uitje naar de kinderboerderij",
    )
    entry_create(
        **common,
        kind="income",
        category="own_contribution",
        amount="35,50",
        description="Eigen bijdrage mei",
    )
    entry_create(**common, kind="income", category="grant", amount="100", description="Wijkfonds")


def test_annual_report_shows_the_years_money(client, money_network):
    _book(money_network)
    client.force_login(money_network.lead_worker)
    url = reverse("reports:annual", args=[money_network.pk])
    html = client.get(url, {"jaar": "2025"}).content.decode()
    assert "Ons geld in 2025" in html
    assert "Ons activiteitenbudget was € 700,00." in html
    assert "Samen legden we € 35,50 in als eigen bijdrage." in html
    assert "Andere inkomsten (subsidie, giften, verkoop): € 100,00." in html
    assert "We gaven € 652,40 uit." in html
    assert "Dat is 78 procent" in html  # 652.40 / (700 + 135.50)
    assert "Er bleef € 183,10 over." in html
    assert "boodschappen en eten: € 612,40" in html
    assert "Boodschappen lunch mei" not in html  # sums only
    other_year = client.get(url, {"jaar": "2024"}).content.decode()
    assert "Dit jaar is er geen geld vastgelegd." in other_year


def test_annual_report_says_when_more_was_spent(client, money_network):
    actor = money_network.lead_worker
    budget_set(network=money_network, year=2025, amount="50", actor=actor, today=DAY)
    entry_create(
        network=money_network,
        actor=actor,
        date=DAY,
        today=DAY,
        kind="expense",
        category="materials",
        amount="80",
        description="Verf",
    )
    client.force_login(actor)
    html = client.get(reverse("reports:annual", args=[money_network.pk]), {"jaar": "2025"})
    assert "We gaven € 30,00 meer uit dan er was." in html.content.decode()
