"""Demo data of the money: yearly activity budgets, monthly shopping and materials, the
group's own contribution, a small fund for the neighbourhood activity.

Derived from the demo's own history, so the figures tell the same story as the rest:
- the budget is 700 euro a calendar year (the handbook's about 1,000 euro for the first year
  and a half), from the network's start;
- each month with sessions has the shopping of its food activity (soup, lunch: about 1.60
  euro a plate, from the visits recorded) or the materials of its craft activity (about
  60 cents a visit);
- the own contribution (*eigen bijdrage*) was agreed in the build-up phase: from the fourth
  month on, 50 cents for every visit recorded in the month, collected as one amount;
- the Speelgoedpunt had a small neighbourhood fund this year, spent on wrapping paper and
  small presents for the parcels.
So the lunch group, whose shopping costs more than the group contributes, comes close to
its limit late in the year and the early warning shows.

Deterministic for a seed and a day. Writes directly (no audit records: demo data is not a
user's action); no receipts (no files in the demo).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.db.models import Count

from vangnet.finance.models import Category, Kind, MoneyEntry, NetworkBudget
from vangnet.networks.models import Activity, Session

YEARLY_BUDGET = Decimal(700)
FOOD_PER_VISIT = Decimal("1.60")  # shopping for a soup or lunch, per plate
MATERIAL_PER_VISIT = Decimal("0.60")
CONTRIBUTION_PER_VISIT = Decimal("0.50")
FOOD_WORDS = ("soep", "lunch", "kook", "maaltijd")


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _network_entries(network: Any, rng: random.Random, today: dt.date) -> list[MoneyEntry]:
    activities = list(Activity.objects.filter(network=network).order_by("active_from", "pk"))
    sessions = (
        Session.objects.filter(network=network, date__lt=today)
        .annotate(visits=Count("attendances"))
        .values_list("date", "visits")
    )
    months: dict[dt.date, list[int]] = {}
    for day, visits in sessions:
        months.setdefault(day.replace(day=1), []).append(visits)
    build_up = network.start_date + dt.timedelta(days=91)
    entries: list[MoneyEntry] = []
    for month, visits in sorted(months.items()):
        day = min(_month_end(month), today - dt.timedelta(days=1))
        for activity in activities:
            until = activity.active_until or today
            if not (activity.active_from <= day and until >= month):
                continue
            if activity.audience == "neighbourhood":
                continue  # paid from its own fund
            food = any(word in activity.name.lower() for word in FOOD_WORDS)
            rate = FOOD_PER_VISIT if food else MATERIAL_PER_VISIT
            spread = Decimal(str(round(rng.uniform(0.9, 1.15), 3)))
            amount = (rate * sum(visits) * spread).quantize(Decimal("0.01"))
            if amount <= 0:
                continue
            entries.append(
                MoneyEntry(
                    network=network,
                    activity=activity,
                    kind=Kind.EXPENSE,
                    category=Category.GROCERIES if food else Category.MATERIALS,
                    date=day,
                    amount=amount,
                    description=(
                        f"Boodschappen {activity.name.lower()} {month:%m-%Y}"
                        if food
                        else f"Materiaal {activity.name.lower()} {month:%m-%Y}"
                    ),
                )
            )
        if month >= build_up.replace(day=1):
            total = CONTRIBUTION_PER_VISIT * sum(visits)
            if total > 0:
                entries.append(
                    MoneyEntry(
                        network=network,
                        kind=Kind.INCOME,
                        category=Category.OWN_CONTRIBUTION,
                        date=day,
                        amount=total.quantize(Decimal("0.01")),
                        description=f"Eigen bijdrage {month:%m-%Y} (50 cent per keer)",
                    )
                )
    return entries


def _neighbourhood_entries(network: Any, today: dt.date) -> list[MoneyEntry]:
    """The Speelgoedpunt: a fund once, wrapping paper and small presents for the parcels."""
    point = (
        Activity.objects.filter(network=network, audience="neighbourhood")
        .order_by("active_from")
        .first()
    )
    if point is None:
        return []
    start = max(point.active_from, today.replace(month=1, day=1))
    if start >= today:
        return []
    return [
        MoneyEntry(
            network=network,
            activity=point,
            kind=Kind.INCOME,
            category=Category.GRANT,
            date=start,
            amount=Decimal("150.00"),
            description="Wijkfonds: bijdrage voor het Speelgoedpunt",
        ),
        MoneyEntry(
            network=network,
            activity=point,
            kind=Kind.EXPENSE,
            category=Category.MATERIALS,
            date=start + (today - start) / 2,
            amount=Decimal("95.00"),
            description="Inpakpapier, plakband en kleine cadeautjes voor de pakketten",
        ),
    ]


def finance_demo(
    *,
    organisation: Any,
    networks: list[Any],
    users: dict[str, Any],
    today: dt.date,
    seed: str,
) -> dict[str, int]:
    entries: list[MoneyEntry] = []
    budgets: list[NetworkBudget] = []
    for index, network in enumerate(networks):
        rng = random.Random(f"{seed}:money:{index}")
        budgets += [
            NetworkBudget(network=network, year=year, amount=YEARLY_BUDGET)
            for year in range(network.start_date.year, today.year + 1)
        ]
        entries += _network_entries(network, rng, today)
        entries += _neighbourhood_entries(network, today)
    for entry in entries:
        entry.created_by_id = entry.network.lead_worker_id
    NetworkBudget.objects.bulk_create(budgets)
    MoneyEntry.objects.bulk_create(entries)
    return {"money_entries": len(entries), "budgets": len(budgets)}
