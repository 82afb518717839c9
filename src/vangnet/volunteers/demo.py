"""Demo people around the networks: as in Tilburg Noord, an expert by experience on an
internship with the lunch group (half a year, now ended), and a volunteer who fetches toys
for the Speelgoedpunt and fills in the Creaclub's sessions with his own sign-in (the demo
login `vrijwilliger`, role network_helper). Deterministic; written directly (demo data, no
audit records)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from vangnet.volunteers.models import HelperKind, NetworkHelper


def volunteers_demo(
    *, organisation: Any, networks: list[Any], users: dict[str, Any], today: dt.date, seed: str
) -> dict[str, int]:
    rows = []
    if networks:
        lunch = networks[0]
        start = lunch.start_date + dt.timedelta(weeks=20)
        rows.append(
            NetworkHelper(
                network=lunch,
                kind=HelperKind.EXPERT,
                name="Mark (stage ervaringsdeskundige)",
                start_date=start,
                end_date=min(start + dt.timedelta(weeks=26), today - dt.timedelta(days=1)),
                hours_per_week=Decimal(8),
                recorded_by_id=lunch.lead_worker_id,
            )
        )
    if len(networks) > 1:
        crea = networks[1]
        rows.append(
            NetworkHelper(
                network=crea,
                kind=HelperKind.VOLUNTEER,
                name="Ton (haalt speelgoed op)",
                start_date=crea.start_date + dt.timedelta(weeks=22),
                hours_per_week=Decimal(3),
                recorded_by_id=crea.lead_worker_id,
                user=users.get("vrijwilliger"),
            )
        )
    rows = [row for row in rows if row.start_date < today]
    NetworkHelper.objects.bulk_create(rows)
    return {"network_helpers": len(rows)}
