"""Writes of participant data. Every write is audited."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vangnet.audit.services import audit_record
from vangnet.participants.models import Participant


@transaction.atomic
def participant_create(
    *,
    network,
    display_name: str,
    actor,
    came_in_via: str = "",
    referral_partner=None,
    invited_by: Participant | None = None,
    invited_on: dt.date | None = None,
    wishes: list[str] | None = None,
    talents: list[str] | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    notes: str = "",
    request=None,
) -> Participant:
    """Add a person to a network. Only the display name is required."""
    display_name = display_name.strip()
    if not display_name:
        raise ValueError("display_name is required")
    participant = Participant.objects.create(
        organisation_id=network.organisation_id,
        network=network,
        display_name=display_name,
        came_in_via=came_in_via,
        referral_partner=referral_partner,
        invited_by=invited_by,
        invited_on=invited_on,
        wishes=wishes or [],
        talents=talents or [],
        phone=phone,
        email=email,
        address=address,
        notes=notes,
    )
    audit_record(actor=actor, action="create", obj=participant, request=request)
    return participant
