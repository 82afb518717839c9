"""Writes of the worker's logbook: entries and the weekly balance reflection.

Every write is validated here (Dutch messages per field) and audited: the entries are not
participant records, but they are free text that may mention people (docs/logbook.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.logbook.models import BALANCES, BalanceReflection, BuildingBlock, LogEntry
from vangnet.networks.models import Phase
from vangnet.networks.phases import network_phases

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Network
    from vangnet.organisations.models import User

MAX_TEXT = 5000
MAX_NOTE = 2000


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week of `day`."""
    return day - dt.timedelta(days=day.weekday())


def phase_on(*, network: Network, day: dt.date) -> str:
    """The network's phase on `day` (vangnet.networks.phases); "" before the start."""
    return str(network_phases(network=network, on=day).current or "")


def _clean_entry(
    *, network: Network, date: Any, text: Any, building_blocks: Any, phase: Any
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    text = (text or "").replace("\r\n", "\n").strip()
    if date is None:
        errors["date"] = [_("Vul een datum in.")]
    elif date > today:
        errors["date"] = [_("Deze datum ligt in de toekomst.")]
    elif date < network.start_date:
        errors["date"] = [_("Deze datum ligt voor de start van het vangnetwerk.")]
    if not text:
        errors["text"] = [_("Schrijf wat er gebeurde.")]
    elif len(text) > MAX_TEXT:
        errors["text"] = [_("Houd het korter dan %(max)d tekens.") % {"max": MAX_TEXT}]
    blocks = list(dict.fromkeys(building_blocks or []))
    if not blocks:
        errors["building_blocks"] = [_("Kies minstens één bouwsteen.")]
    elif any(block not in BuildingBlock.values for block in blocks):
        errors["building_blocks"] = [_("Kies alleen bouwstenen uit de lijst.")]
    phase = phase or ""
    if phase and phase not in Phase.values:
        errors["phase"] = [_("Kies een fase uit de lijst.")]
    if errors:
        raise ValidationError(errors)
    if not phase:
        phase = phase_on(network=network, day=date)
    order = list(BuildingBlock.values)
    blocks.sort(key=order.index)
    return {"date": date, "text": text, "building_blocks": blocks, "phase": phase}


@transaction.atomic
def log_entry_create(
    *,
    network: Network,
    author: Any,
    date: dt.date,
    text: str,
    building_blocks: Iterable[str],
    phase: str = "",
    request: HttpRequest | None = None,
) -> LogEntry:
    """Write a logbook entry. An empty `phase` becomes the network's phase on `date`."""
    clean = _clean_entry(
        network=network, date=date, text=text, building_blocks=building_blocks, phase=phase
    )
    entry = LogEntry.objects.create(network=network, author=author, **clean)
    audit_record(actor=author, action="create", obj=entry, request=request)
    return entry


@transaction.atomic
def log_entry_update(
    *,
    entry: LogEntry,
    actor: User,
    date: dt.date,
    text: str,
    building_blocks: Iterable[str],
    phase: str = "",
    request: HttpRequest | None = None,
) -> LogEntry:
    """Change an entry. Only its author may (PermissionDenied otherwise)."""
    if entry.author_id is None or entry.author_id != getattr(actor, "pk", None):
        raise PermissionDenied
    clean = _clean_entry(
        network=entry.network, date=date, text=text, building_blocks=building_blocks, phase=phase
    )
    for name, value in clean.items():
        setattr(entry, name, value)
    entry.save(update_fields=list(clean))
    audit_record(actor=actor, action="update", obj=entry, request=request)
    return entry


@transaction.atomic
def balance_reflection_save(
    *,
    network: Network,
    author: Any,
    week: dt.date,
    values: dict[str, int],
    note: str = "",
    request: HttpRequest | None = None,
) -> tuple[BalanceReflection, bool]:
    """Save the reflection for the ISO week containing `week` (one per network per week:
    saving the same week again updates it). `values` maps each balance field to -2..2.
    Returns (reflection, created)."""
    errors: dict[str, list[str]] = {}
    monday = week_start(week)
    if monday > week_start(timezone.localdate()):
        errors["week"] = [_("Deze week is nog niet begonnen.")]
    elif monday < week_start(network.start_date):
        errors["week"] = [_("Deze week ligt voor de start van het vangnetwerk.")]
    clean: dict[str, int] = {}
    for field, _left, _right in BALANCES:
        value = values.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not -2 <= value <= 2:
            errors[field] = [_("Kies een waarde van -2 tot en met 2.")]
        else:
            clean[field] = value
    note = (note or "").replace("\r\n", "\n").strip()
    if len(note) > MAX_NOTE:
        errors["note"] = [_("Houd het korter dan %(max)d tekens.") % {"max": MAX_NOTE}]
    if errors:
        raise ValidationError(errors)
    reflection, created = BalanceReflection.objects.update_or_create(
        network=network, week_start=monday, defaults={**clean, "note": note, "author": author}
    )
    audit_record(
        actor=author, action="create" if created else "update", obj=reflection, request=request
    )
    return reflection, created
