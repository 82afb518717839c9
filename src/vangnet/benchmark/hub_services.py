"""The benchmark hub's writes and reads (docs/benchmark.md, "The hub"): registering and
revoking the installations that send (only a hash of each token is stored), storing what
they send (each send replaces the sender's figures of the quarters in it; a withdrawal
removes an organisation's figures of every quarter) and the received contributions for the
hub's page. Every change is audited."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.benchmark import metrics as m
from vangnet.benchmark.disclosure import Contribution
from vangnet.benchmark.models import HubSender, ReceivedFigures

KEY_PREFIX = "vbh_"


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def sender_for_key(key: str) -> HubSender | None:
    if not key.startswith(KEY_PREFIX):
        return None
    return HubSender.objects.filter(key_hash=key_hash(key), revoked_at__isnull=True).first()


def sender_register(*, name: str) -> tuple[HubSender, str]:
    """A new sending installation and its token (returned once; only its hash is kept)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError(_("Geef de afzender een naam van 1 tot 100 tekens."))
    if HubSender.objects.filter(name=name).exists():
        raise ValidationError(_("Er is al een afzender met deze naam."))
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        sender = HubSender.objects.create(name=name, prefix=key[:12], key_hash=key_hash(key))
        audit_record(actor=None, action="create", obj=sender, detail="benchmark hub: sender")
    return sender, key


def sender_revoke(*, name: str) -> HubSender:
    """The sender's token stops working and its figures leave the hub's page."""
    with transaction.atomic():
        sender = HubSender.objects.select_for_update().filter(name=name).first()
        if sender is None:
            raise ValidationError(_("Er is geen afzender met deze naam."))
        sender.revoked_at = sender.revoked_at or timezone.now()
        sender.save(update_fields=["revoked_at"])
        removed, _detail = ReceivedFigures.objects.filter(sender=sender).delete()
        audit_record(
            actor=None,
            action="delete",
            obj=sender,
            detail=f"benchmark hub: sender revoked, {removed} quarter(s) removed",
        )
    return sender


def figures_receive(*, sender: HubSender, payload: Mapping[str, Any]) -> dict[str, int]:
    """Store a validated payload (`ExchangePayloadSerializer`); all of it or nothing."""
    now = timezone.now()
    withdrawn = {str(reference) for reference in payload.get("withdrawn", [])}
    organisations: set[str] = set()
    with transaction.atomic():
        HubSender.objects.select_for_update().filter(pk=sender.pk).update(last_received_at=now)
        for period in payload["periods"]:
            stored: list[dict[str, Any]] = [
                {
                    "reference": str(item["reference"]),
                    "cells": [
                        {"phase": c["phase"], "metric": c["metric"], "bins": list(c["bins"])}
                        for c in item["cells"]
                    ],
                }
                for item in period["organisations"]
                if str(item["reference"]) not in withdrawn
            ]
            organisations |= {str(item["reference"]) for item in stored}
            ReceivedFigures.objects.update_or_create(
                sender=sender,
                year=period["year"],
                quarter=period["quarter"],
                defaults={
                    "schema_version": payload["schema_version"],
                    "k": payload["k"],
                    "organisations": stored,
                    "received_at": now,
                },
            )
        removed = 0
        if withdrawn:
            for figures in ReceivedFigures.objects.select_for_update().filter(sender=sender):
                kept = [o for o in figures.organisations if o.get("reference") not in withdrawn]
                if len(kept) != len(figures.organisations):
                    removed += 1
                    figures.organisations = kept
                    figures.save(update_fields=["organisations"])
        audit_record(
            actor=None,
            action="import",
            obj=sender,
            detail=(
                f"benchmark hub: {len(payload['periods'])} quarter(s), "
                f"{len(organisations)} organisation(s), {len(withdrawn)} withdrawn"
            ),
        )
    return {
        "periods": len(payload["periods"]),
        "organisations": len(organisations),
        "withdrawn": len(withdrawn),
    }


def received_contributions(year: int, quarter: int) -> tuple[list[Contribution], int]:
    """What active senders sent for one quarter, as contributions (one query), and the
    number of organisations in it. At the hub an organisation is a participating
    organisation of a sending installation: "<sender id>/<reference>", so two installations
    never add up as one and a sender cannot pose as a local organisation."""
    contributions: list[Contribution] = []
    organisations = 0
    received = ReceivedFigures.objects.filter(
        year=year, quarter=quarter, sender__revoked_at__isnull=True
    ).order_by("sender_id")
    for figures in received:
        for item in _organisations(figures.organisations):
            organisations += 1
            name = f"{figures.sender_id}/{item['reference']}"
            for cell in item["cells"]:
                contributions.append(
                    Contribution(name, cell["phase"], cell["metric"], tuple(cell["bins"]))
                )
    return contributions, organisations


def _organisations(stored: Any) -> Sequence[dict[str, Any]]:
    """Stored rows that still fit this version's bins (a row of another version is left out
    rather than mis-added)."""
    found = []
    for item in stored if isinstance(stored, list) else []:
        cells = [
            c
            for c in item.get("cells", [])
            if c.get("metric") in m.METRICS
            and len(c.get("bins", [])) == m.METRICS[c["metric"]].bins
        ]
        if cells:
            found.append({"reference": item.get("reference", ""), "cells": cells})
    return found
