"""Writing support ties. Every write is audited (ties are personal data)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.participants.models import Participant
from vangnet.support.models import SupportTie, SupportType

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.organisations.models import User


@transaction.atomic
def support_tie_create(
    *,
    network: Network,
    giver: Participant,
    receiver: Participant,
    support_type: str,
    date: dt.date,
    outside_hours: bool = False,
    note: str = "",
    actor: User,
    request: HttpRequest | None = None,
) -> SupportTie:
    """Record that `giver` supported `receiver`. Both must belong to `network`, be two
    different people, and the date lies between the network's start and today."""
    errors: dict[str, list[str]] = {}
    if giver.network_id != network.pk:
        errors.setdefault("giver", []).append(_("Deze deelnemer hoort niet bij dit vangnetwerk."))
    if receiver.network_id != network.pk:
        errors.setdefault("receiver", []).append(
            _("Deze deelnemer hoort niet bij dit vangnetwerk.")
        )
    if giver.pk == receiver.pk:
        errors.setdefault("receiver", []).append(
            _("Kies twee verschillende mensen: iemand steunt een ander.")
        )
    if support_type not in SupportType.values:
        errors.setdefault("support_type", []).append(_("Kies een soort steun."))
    if date > timezone.localdate():
        errors.setdefault("date", []).append(_("De datum mag niet in de toekomst liggen."))
    elif date < network.start_date:
        errors.setdefault("date", []).append(_("De datum ligt voor de start van het vangnetwerk."))
    note = (note or "").strip()
    if len(note) > 200:
        errors.setdefault("note", []).append(_("Houd de notitie kort: hoogstens 200 tekens."))
    if errors:
        raise ValidationError(errors)
    tie = SupportTie.objects.create(
        network=network,
        giver=giver,
        receiver=receiver,
        support_type=support_type,
        date=date,
        outside_hours=outside_hours,
        note=note,
        recorded_by=signed_in(actor),
    )
    audit_record(actor=actor, action="create", obj=tie, request=request)
    return tie


@transaction.atomic
def support_tie_delete(*, tie: SupportTie, actor: User, request: HttpRequest | None = None) -> None:
    audit_record(actor=actor, action="delete", obj=tie, request=request)
    tie.delete()
