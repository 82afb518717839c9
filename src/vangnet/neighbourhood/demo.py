"""Demo outputs for the neighbourhood, after the story in the method (seeds 001 and 002):
the Creaclub's Speelgoedpunt packs second-hand toys into parcels that families who miss
toys come to collect (a Syrian family one day, who then help pack for an hour); the
playground (speeltuin) hands parcels out too; the men's wooden cars took a year before the
first ones went into parcels. The lunch group's one-off neighbourhood lunches count guests
and meals. Deterministic; writes directly (no audit records: demo data is not a user's
action)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from vangnet.neighbourhood.models import (
    NeighbourhoodOutput,
    OutputItem,
    OutputKind,
    OutputPartner,
)
from vangnet.networks.models import Audience, Session

PLAYGROUND = "Speeltuin De Bolderik"


def _add(output, items, partners, rows_items, rows_partners) -> None:
    rows_items += [OutputItem(output=output, kind=k, number=n, description=d) for k, n, d in items]
    rows_partners += [OutputPartner(output=output, partner=p, name=name) for p, name in partners]


def neighbourhood_demo(
    *, organisation: Any, networks: list[Any], users: dict[str, Any], today: dt.date, seed: str
) -> dict[str, int]:
    from vangnet.participants.models import ReferralPartner

    rng = random.Random(f"{seed}:buurt")
    wijkteam = ReferralPartner.objects.filter(
        organisation=organisation, name__icontains="Noord"
    ).first()
    sessions = list(
        Session.objects.filter(network__in=networks, recorded=True, date__lte=today)
        .prefetch_related("activities")
        .order_by("date", "pk")
    )
    outputs: list[NeighbourhoodOutput] = []
    planned: list[tuple[NeighbourhoodOutput, list, list]] = []
    for session in sessions:
        toys = any(a.audience == Audience.NEIGHBOURHOOD for a in session.activities.all())
        title = session.title.lower()
        one_off = session.is_one_off and ("buurt" in title or "speeltuin" in title)
        if not (toys or one_off):
            continue
        output = NeighbourhoodOutput(
            session=session, guests=0, updated_by_id=session.network.lead_worker_id
        )
        found: list[tuple[str, int, str]] = []
        helped: list[tuple[Any, str]] = []
        if "speeltuin" in title or "sinterklaas" in title:
            output.guests = rng.randint(16, 24)
            found = [
                (OutputKind.PARCELS, rng.randint(34, 46), "sinterklaaspakketten"),
                (OutputKind.CHILDREN, rng.randint(28, 40), "kinderen met een pakket"),
            ]
            helped = [(None, PLAYGROUND)] + ([(wijkteam, wijkteam.name)] if wijkteam else [])
        elif session.is_one_off:  # the lunch group's lunches for the street
            output.guests = rng.randint(9, 22)
            found = [(OutputKind.MEALS, output.guests + rng.randint(8, 14), "lunches")]
            helped = [(None, "Buurtvereniging De Kruidenwijk")]
        else:  # a week at the Speelgoedpunt
            output.guests = rng.choice([0, 2, 3, 3, 4, 5, 6])
            families = max(0, output.guests - rng.randint(0, 2))
            found = [(OutputKind.PARCELS, rng.randint(4, 12), "speelgoedpakketten")]
            if families:
                found.append((OutputKind.FAMILIES, families, "gezinnen die speelgoed ophaalden"))
            if session.date >= today - dt.timedelta(weeks=10) and rng.random() < 0.5:
                found.append((OutputKind.MADE, rng.randint(1, 3), "houten autootjes"))
            if wijkteam and rng.random() < 0.25:
                helped.append((wijkteam, wijkteam.name))
            if rng.random() < 0.2:
                helped.append((None, PLAYGROUND))
        outputs.append(output)
        planned.append((output, found, helped))
    NeighbourhoodOutput.objects.bulk_create(outputs)
    item_rows: list[OutputItem] = []
    partner_rows: list[OutputPartner] = []
    for output, found, helped in planned:
        _add(output, found, helped, item_rows, partner_rows)
    OutputItem.objects.bulk_create(item_rows)
    OutputPartner.objects.bulk_create(partner_rows)
    return {"neighbourhood_outputs": len(outputs), "neighbourhood_results": len(item_rows)}
