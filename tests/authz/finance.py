"""Authorization routes of the money area (see tests/authz/__init__.py)."""

import datetime as dt
from decimal import Decimal

from tests.authz import Route
from vangnet.core.permissions import Cap

KEEP = Cap.KEEP_ACCOUNTS

ROUTES: dict[str, Route] = {
    "finance:overview": Route(KEEP, "none"),
    "finance:export": Route(KEEP, "none"),
    "finance:settings": Route(Cap.SET_BUDGETS, "none", ("get", "post")),
    "finance:network": Route(KEEP, "network"),
    "finance:entry_create": Route(KEEP, "network", ("get", "post")),
    "finance:entry_edit": Route(KEEP, "network", ("get", "post")),
    "finance:receipt": Route(KEEP, "network"),
    "finance:budget": Route(Cap.SET_BUDGETS, "network", ("get", "post")),
    # Without the confirmation field a POST only goes back to the entry (nothing deleted).
    "finance:entry_delete": Route(KEEP, "network", ("post",)),
}

PNG_BYTES = (  # a 2x2 PNG, as Pillow writes it
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x02\x08\x02\x00"
    b"\x00\x00\xfd\xd4\x9as\x00\x00\x00\x16IDATx\x9cc<\x11\xa0\xc1\xc0\xc0\xc0\xc4\xc0\xc0"
    b"\xc0\xc0\xc0\x00\x00\x0f\xca\x01D\x89I\x8es\x00\x00\x00\x00IEND\xaeB`\x82"
)


def extend_world(world: dict) -> None:
    from django.core.files.base import ContentFile

    from vangnet.finance.models import MoneyEntry
    from vangnet.finance.receipts import receipt_storage

    network = world["network"]
    entry = MoneyEntry(
        network=network,
        kind="expense",
        category="groceries",
        date=dt.date(2025, 2, 5),
        amount=Decimal("12.50"),
        description="Groente voor de soep",
        created_by=network.lead_worker,
        receipt_type="image/png",
        receipt_size=len(PNG_BYTES),
    )
    entry.receipt.name = receipt_storage.save(
        f"{network.organisation_id}/{network.pk}/world.png", ContentFile(PNG_BYTES)
    )
    entry.save()
    world["kwargs"]["money_id"] = entry.pk
