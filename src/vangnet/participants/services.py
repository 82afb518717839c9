"""Writes of participant data. Every write is audited; every failed write changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.participants.models import (
    CameInVia,
    DropoutReason,
    Participant,
    ReferralPartner,
    RouteEvent,
    RouteStage,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation, User

MAX_TAGS = 30
MAX_TAG_LENGTH = 60


class ParticipantInvalid(ValidationError, ValueError):
    """Invalid participant data. Also a ValueError, which participant_create raised first."""


def parse_tags(text: str | list[str] | None) -> list[str]:
    """Wishes or talents from comma-separated text (or a list): trimmed, without empty
    entries and without repeats (case-insensitive), in the order given."""
    if text is None:
        return []
    parts = text if isinstance(text, list) else str(text).replace(";", ",").split(",")
    tags: list[str] = []
    seen: set[str] = set()
    for part in parts:
        tag = " ".join(str(part).split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            tags.append(tag)
    return tags


def _validate_tags(tags: list[str], field: str) -> dict[str, str]:
    if len(tags) > MAX_TAGS:
        return {field: _("Vul hoogstens %(n)s woorden in.") % {"n": MAX_TAGS}}
    if any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        return {
            field: _("Houd elk woord korter dan %(n)s tekens. Zet een komma tussen woorden.")
            % {"n": MAX_TAG_LENGTH}
        }
    return {}


def _clean_profile(
    *, network: Network, data: dict[str, Any], participant: Participant | None
) -> dict[str, Any]:
    """Validate and normalise the profile fields. Raises ParticipantInvalid per field."""
    errors: dict[str, str] = {}
    clean = dict(data)
    if "display_name" in clean:
        clean["display_name"] = (clean["display_name"] or "").strip()
        if not clean["display_name"]:
            errors["display_name"] = _("Vul een naam in.")
    for field in ("wishes", "talents"):
        if field in clean:
            clean[field] = parse_tags(clean[field])
            errors.update(_validate_tags(clean[field], field))
    for field in ("phone", "email", "address", "notes"):
        if field in clean:
            clean[field] = (clean[field] or "").strip()
    came_in_via = clean.get("came_in_via", participant.came_in_via if participant else "")
    came_in_via = came_in_via or ""
    if came_in_via and came_in_via not in CameInVia.values:
        errors["came_in_via"] = _("Kies hoe iemand binnenkwam.")
    partner = clean.get("referral_partner", participant.referral_partner if participant else None)
    invited_by = clean.get("invited_by", participant.invited_by if participant else None)
    if came_in_via == CameInVia.REFERRAL:
        if partner is None:
            errors["referral_partner"] = _("Kies de partner die heeft doorverwezen.")
        elif partner.organisation_id != network.organisation_id:
            errors["referral_partner"] = _("Kies een partner van je eigen organisatie.")
    else:
        partner = None
    if came_in_via == CameInVia.INVITED_BY_PARTICIPANT:
        if invited_by is None:
            errors["invited_by"] = _("Kies de deelnemer die heeft uitgenodigd.")
        elif invited_by.network_id != network.pk:
            errors["invited_by"] = _("Kies een deelnemer van hetzelfde vangnetwerk.")
        elif participant is not None and invited_by.pk == participant.pk:
            errors["invited_by"] = _("Iemand kan zichzelf niet uitnodigen.")
    else:
        invited_by = None
    invited_on = clean.get("invited_on")
    if invited_on is not None and invited_on > timezone.localdate():
        errors["invited_on"] = _("Deze datum ligt in de toekomst.")
    if errors:
        raise ParticipantInvalid(errors)
    if participant is None or {"came_in_via", "referral_partner", "invited_by"} & set(clean):
        clean["came_in_via"] = came_in_via
        clean["referral_partner"] = partner
        clean["invited_by"] = invited_by
    return clean


@transaction.atomic
def participant_create(
    *,
    network: Network,
    display_name: str,
    actor: User | None,
    came_in_via: str = "",
    referral_partner: Any = None,
    invited_by: Participant | None = None,
    invited_on: dt.date | None = None,
    wishes: list[str] | None = None,
    talents: list[str] | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    notes: str = "",
    request: HttpRequest | None = None,
) -> Participant:
    """Add a person to a network. Only the display name is required.

    Raises ParticipantInvalid (a ValidationError and a ValueError) with Dutch messages."""
    clean = _clean_profile(
        network=network,
        participant=None,
        data={
            "display_name": display_name,
            "came_in_via": came_in_via,
            "referral_partner": referral_partner,
            "invited_by": invited_by,
            "invited_on": invited_on,
            "wishes": wishes or [],
            "talents": talents or [],
            "phone": phone,
            "email": email,
            "address": address,
            "notes": notes,
        },
    )
    participant = Participant.objects.create(
        organisation_id=network.organisation_id, network=network, **clean
    )
    audit_record(actor=actor, action="create", obj=participant, request=request)
    return participant


PROFILE_FIELDS = (
    "display_name",
    "phone",
    "email",
    "address",
    "wishes",
    "talents",
    "came_in_via",
    "referral_partner",
    "invited_by",
    "invited_on",
    "notes",
)


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    actor: User | None,
    version: int,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
    by_participant: bool = False,
) -> Participant:
    """Change a participant's profile. `version` is the version the editor started from:
    if someone saved in between, the edit is refused (nothing is changed) with a Dutch
    message, so nobody overwrites another's work unseen."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Unknown participant fields: {sorted(unknown)}")
    current = Participant.objects.select_for_update().get(pk=participant.pk)
    if current.version != version:
        raise ValidationError(
            _(
                "Iemand anders heeft deze deelnemer net gewijzigd. Je ziet nu de nieuwe "
                "gegevens; voer je wijziging opnieuw in."
            ),
            code="stale",
        )
    clean = _clean_profile(network=current.network, data=changes, participant=current)
    changed = [field for field, value in clean.items() if getattr(current, field) != value]
    for field, value in clean.items():
        setattr(current, field, value)
    if {"wishes", "talents"} & set(changed):
        # Who wrote them last: the participant in Mijn Vangnet, or a worker.
        current.wishes_by_participant_at = timezone.now() if by_participant else None
        changed.append("wishes_by_participant_at")
    if changed:
        current.version += 1
        current.save(update_fields=[*changed, "version", "updated_at"])
        audit_record(
            actor=actor,
            action="update",
            obj=current,
            detail=("wensen en talenten door deelnemer zelf" if by_participant else ""),
            request=request,
            # No staff actor (the participant in Mijn Vangnet): the organisation from the row.
            organisation=current.network.organisation if actor is None else None,
        )
    return current


ROUTE_KINDS = ("correction", "dropout", "referral")
CORRECTABLE_STAGES = (
    RouteStage.INVITED,
    RouteStage.ACQUAINTED,
    RouteStage.SETTLING,
    RouteStage.STEADY,
    RouteStage.RETURNED,
)


@transaction.atomic
def route_event_record(
    *,
    participant: Participant,
    actor: User,
    kind: str,
    date: dt.date,
    stage: str = "",
    reason: str = "",
    dropout_reason: str = "",
    referred_to: str = "",
    request: HttpRequest | None = None,
) -> RouteEvent:
    """Record a worker's judgement on the route.

    kind "correction": confirm or correct the stage (`stage` and `reason` required);
    kind "dropout": the person stopped (`dropout_reason` required, `reason` optional);
    kind "referral": referred on to another provision (`referred_to` required).
    """
    reason = (reason or "").strip()
    referred_to = (referred_to or "").strip()
    errors: dict[str, str] = {}
    if kind not in ROUTE_KINDS:
        raise ValidationError({"kind": _("Kies wat je wilt vastleggen.")})
    if date is None:
        errors["date"] = _("Vul een datum in.")
    elif date > timezone.localdate():
        errors["date"] = _("Deze datum ligt in de toekomst.")
    if len(reason) > 500:
        errors["reason"] = _("Houd de toelichting korter dan 500 tekens.")
    if kind == "correction":
        if stage not in CORRECTABLE_STAGES:
            errors["stage"] = _("Kies de fase die klopt.")
        if not reason:
            errors["reason"] = _("Schrijf kort op waarom deze fase klopt.")
        dropout_reason = referred_to = ""
    elif kind == "dropout":
        stage = RouteStage.DROPPED_OUT
        if dropout_reason not in DropoutReason.values:
            errors["dropout_reason"] = _("Kies een reden van afhaken.")
        referred_to = ""
    else:
        stage = RouteStage.REFERRED_ON
        if not referred_to:
            errors["referred_to"] = _("Vul in waar iemand naartoe is doorverwezen.")
        elif len(referred_to) > 200:
            errors["referred_to"] = _("Houd dit korter dan 200 tekens.")
        dropout_reason = ""
    if errors:
        raise ValidationError(errors)
    event = RouteEvent.objects.create(
        participant=participant,
        stage=stage,
        date=date,
        reason=reason,
        dropout_reason=dropout_reason,
        referred_to=referred_to,
        recorded_by=signed_in(actor),
    )
    audit_record(
        actor=actor,
        action="create",
        obj=event,
        detail=f"participant {participant.pk}",
        request=request,
    )
    return event


@transaction.atomic
def partner_save(
    *,
    organisation: Organisation,
    name: str,
    kind: str = "",
    actor: User,
    partner: ReferralPartner | None = None,
    request: HttpRequest | None = None,
) -> ReferralPartner:
    """Create (partner=None) or change a referral partner of the organisation."""
    name = (name or "").strip()
    kind = (kind or "").strip()
    if not name:
        raise ValidationError({"name": _("Vul een naam in.")})
    clash = ReferralPartner.objects.filter(organisation=organisation, name__iexact=name)
    if partner is not None:
        if partner.organisation_id != organisation.pk:
            raise ValueError("partner of another organisation")
        clash = clash.exclude(pk=partner.pk)
    if clash.exists():
        raise ValidationError({"name": _("Er is al een partner met deze naam.")})
    if partner is None:
        partner = ReferralPartner.objects.create(organisation=organisation, name=name, kind=kind)
        action = "create"
    else:
        partner.name, partner.kind = name, kind
        partner.save(update_fields=["name", "kind"])
        action = "update"
    audit_record(actor=actor, action=action, obj=partner, request=request)
    return partner
