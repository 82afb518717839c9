"""Money on other apps' pages: this year's balance on the network page, and what was spent
beside the planning page's budget. Three to four queries each; nothing for a role without
the capability."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap
from vangnet.finance import selectors

register = template.Library()


@register.inclusion_tag("finance/includes/network_section.html", takes_context=True)
def finance_network_section(context: Any, network: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not has_cap(user, Cap.KEEP_ACCOUNTS):
        return {"visible": False}
    year = timezone.localdate().year
    return {
        "visible": True,
        "network": network,
        "balance": selectors.network_balance(network=network, year=year),
    }


@register.inclusion_tag("finance/includes/plan_comparison.html", takes_context=True)
def finance_plan_comparison(context: Any, network: Any, budget: Any) -> dict[str, Any]:
    """The plan's activity budget and rent for its weeks from the network's start, beside
    the money recorded in that period so far."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if budget is None or not has_cap(user, Cap.KEEP_ACCOUNTS):
        return {"visible": False}
    today = timezone.localdate()
    start = network.start_date
    end = start + dt.timedelta(weeks=budget.weeks) - dt.timedelta(days=1)
    spent = selectors.spent_in_period(network=network, start=start, end=min(end, today))
    return {
        "visible": True,
        "network": network,
        "budget": budget,
        "spent": spent,
        "period_end": end,
        "running": today < end,
        "activity_left": budget.activity_budget + spent.income - spent.activity_expenses,
    }


@register.inclusion_tag("finance/includes/annual.html")
def finance_annual(network: Any, year: int) -> dict[str, Any]:
    """The year's money in the annual report: budget, what was spent, the group's own
    contribution and other income, what was left; expenses per category (two queries).
    Sums only: no receipts, no descriptions."""
    balance = selectors.network_balance(network=network, year=int(year), with_categories=True)
    return {
        "balance": balance,
        "other_income": balance.income - balance.own_contribution,
        "overspent": balance.expenses - balance.available,
        "expense_categories": [
            (label, total) for kind, label, total in balance.by_category if kind == "expense"
        ],
        "any": balance.budget is not None or balance.income or balance.expenses,
    }
