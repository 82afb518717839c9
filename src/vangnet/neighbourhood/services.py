"""Writes: what a session for the neighbourhood produced (one output per session).

`output_record` replaces the session's output with what the worker filled in, or removes it
when everything is empty. It validates everything first (clear Dutch errors per field, never
half-saved) and writes one audit record. The session screen calls it in the same
transaction as the attendance save, online and for a save that waited offline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.text import UNSAFE_MESSAGE, has_unsafe_characters
from vangnet.neighbourhood.models import (
    NeighbourhoodOutput,
    OutputItem,
    OutputKind,
    OutputPartner,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Session

# Sensible maxima for one session of one group: more is a typing error.
MAX_GUESTS = 500
MAX_NUMBER = 5000
MAX_ITEMS = 6
MAX_PARTNERS = 10
DESCRIPTION_MAX_LENGTH = 120
PARTNER_NAME_MAX_LENGTH = 200


@dataclass(frozen=True)
class Item:
    kind: str
    number: int
    description: str = ""


@dataclass
class OutputData:
    """What the worker filled in (or what is stored): guests, results, partners."""

    guests: int = 0
    items: list[Item] = field(default_factory=list)
    partner_ids: list[int] = field(default_factory=list)  # the organisation's partners
    other_partners: list[str] = field(default_factory=list)  # names not in that list

    @property
    def is_empty(self) -> bool:
        return not (self.guests or self.items or self.partner_ids or self.other_partners)


def _validate(data: OutputData, organisation_id: int) -> dict[int, str]:
    """Raise a ValidationError per field; return the partners chosen (id -> name)."""
    from vangnet.participants.models import ReferralPartner

    errors: dict[str, list[str]] = {}
    if not 0 <= data.guests <= MAX_GUESTS:
        errors.setdefault("guests", []).append(
            _("Vul bij gasten een aantal van 0 tot en met %(max)d in.") % {"max": MAX_GUESTS}
        )
    if len(data.items) > MAX_ITEMS:
        errors.setdefault("items", []).append(
            _("Vul hoogstens %(max)d resultaten in.") % {"max": MAX_ITEMS}
        )
    for item in data.items:
        if item.kind not in OutputKind.values:
            errors.setdefault("items", []).append(_("Kies wat er gemaakt of uitgedeeld is."))
        if not 1 <= item.number <= MAX_NUMBER:
            errors.setdefault("items", []).append(
                _("Vul bij een resultaat een aantal van 1 tot en met %(max)d in.")
                % {"max": MAX_NUMBER}
            )
        if len(item.description) > DESCRIPTION_MAX_LENGTH:
            errors.setdefault("items", []).append(
                _("Beschrijf een resultaat in hoogstens %(max)d tekens.")
                % {"max": DESCRIPTION_MAX_LENGTH}
            )
    names = [name for name in data.other_partners if name]
    if len(set(data.partner_ids)) + len(names) > MAX_PARTNERS:
        errors.setdefault("partners", []).append(
            _("Vul hoogstens %(max)d partners in.") % {"max": MAX_PARTNERS}
        )
    if any(len(name) > PARTNER_NAME_MAX_LENGTH for name in names):
        errors.setdefault("partners", []).append(
            _("De naam van een partner is hoogstens %(max)d tekens.")
            % {"max": PARTNER_NAME_MAX_LENGTH}
        )
    texts = [item.description for item in data.items] + names
    if any(has_unsafe_characters(text) for text in texts):
        errors.setdefault("items", []).append(str(UNSAFE_MESSAGE))
    found = dict(
        ReferralPartner.objects.filter(
            organisation_id=organisation_id, pk__in=set(data.partner_ids)
        ).values_list("pk", "name")
    )
    if set(data.partner_ids) - set(found):
        errors.setdefault("partners", []).append(
            _("Een gekozen partner bestaat niet (meer). Laad de bijeenkomst opnieuw.")
        )
    if errors:
        raise ValidationError(errors)
    return found


@transaction.atomic
def output_record(
    *,
    session: Session,
    data: OutputData,
    actor: Any,
    request: HttpRequest | None = None,
) -> NeighbourhoodOutput | None:
    """Store what the session produced for the neighbourhood (see module)."""
    found = _validate(data, session.network.organisation_id)
    existing = NeighbourhoodOutput.objects.select_for_update().filter(session=session).first()
    if data.is_empty:
        if existing is not None:
            audit_record(actor=actor, action="delete", obj=existing, request=request)
            existing.delete()
        return None
    if existing is None:
        output = NeighbourhoodOutput.objects.create(
            session=session, guests=data.guests, updated_by=actor
        )
        action = "create"
    else:
        output = existing
        output.guests, output.updated_by = data.guests, actor
        output.save(update_fields=["guests", "updated_by", "updated_at"])
        output.items.all().delete()
        output.partners.all().delete()
        action = "update"
    OutputItem.objects.bulk_create(
        OutputItem(
            output=output,
            kind=item.kind,
            number=item.number,
            description=" ".join(item.description.split()),
        )
        for item in data.items
    )
    partners = [
        OutputPartner(output=output, partner_id=pk, name=name) for pk, name in found.items()
    ]
    known = {name.casefold() for name in found.values()}
    for name in dict.fromkeys(" ".join(n.split()) for n in data.other_partners if n.strip()):
        if name.casefold() not in known:
            known.add(name.casefold())
            partners.append(OutputPartner(output=output, name=name))
    OutputPartner.objects.bulk_create(partners)
    audit_record(actor=actor, action=action, obj=output, request=request)
    return output
