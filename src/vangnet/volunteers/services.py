"""Writes for the people around a network: add and change (an end date ends it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.text import validate_safe_text
from vangnet.volunteers.models import HelperKind, NetworkHelper

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.organisations.models import User


def _check(
    *, kind: str, name: str, start_date: dt.date, end_date: dt.date | None, hours: Any
) -> tuple[str, Decimal]:
    errors: dict[str, str] = {}
    if kind not in HelperKind.values:
        errors["kind"] = _("Kies ervaringsdeskundige, stagiair of vrijwilliger.")
    text = " ".join((name or "").split())
    if not text:
        errors["name"] = _("Vul een naam in.")
    elif len(text) > 120:
        errors["name"] = _("Gebruik hoogstens 120 tekens.")
    else:
        try:
            validate_safe_text(text)
        except ValidationError as exc:
            errors["name"] = exc.messages[0]
    if start_date.year < 2000:
        errors["start_date"] = _("Kies een datum vanaf 2000.")
    if end_date is not None and end_date < start_date:
        errors["end_date"] = _("De einddatum ligt voor de begindatum.")
    value = Decimal(0)
    try:
        value = Decimal(str(hours).replace(",", "."))
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(40):
            raise InvalidOperation
        if value != value.quantize(Decimal("0.1")):
            errors["hours_per_week"] = _("Gebruik hoogstens één cijfer achter de komma.")
    except (InvalidOperation, ValueError):
        errors["hours_per_week"] = _("Vul tussen 0 en 40 uur per week in.")
    if errors:
        raise ValidationError(errors)
    return text, value


@transaction.atomic
def helper_save(
    *,
    network: Network,
    actor: User,
    kind: str,
    name: str,
    start_date: dt.date,
    end_date: dt.date | None,
    hours_per_week: Any,
    helper: NetworkHelper | None = None,
) -> NetworkHelper:
    """Add someone to the network (helper None) or change them."""
    text, hours = _check(
        kind=kind, name=name, start_date=start_date, end_date=end_date, hours=hours_per_week
    )
    row = helper or NetworkHelper(network=network)
    row.kind, row.name, row.start_date, row.end_date = kind, text, start_date, end_date
    row.hours_per_week, row.recorded_by = hours, actor
    created = row.pk is None
    row.save()
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=row,
        detail=kind,
        organisation=network.organisation,
    )
    return row
