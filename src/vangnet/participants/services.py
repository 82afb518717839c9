"""Writes of participant data. Every write is audited; every failed write changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.participants.followup_rule import candidate_threshold, followup_due
from vangnet.participants.followup_selectors import (
    absences_since_last_visit,
    followup_candidates,
)
from vangnet.participants.models import (
    CameInVia,
    DropoutReason,
    FollowUpStatus,
    FollowUpTask,
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
    actor: User,
    version: int,
    changes: dict[str, Any],
    request: HttpRequest | None = None,
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
    if changed:
        current.version += 1
        current.save(update_fields=[*changed, "version", "updated_at"])
        audit_record(actor=actor, action="update", obj=current, request=request)
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
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
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
def followups_refresh(*, network: Network, today: dt.date) -> int:
    """Create a follow-up task for every steady participant who missed the last N recorded
    sessions in a row without announcing it (N = organisation.followup_after_missed_sessions),
    or announced their absence M times in a row (M = followup_after_announced_absences).

    Idempotent: no task is made when one is open for the participant, or when a task was
    already made (and perhaps closed) for the same absence, i.e. with the same last visit.
    Returns the number of tasks created."""
    organisation = network.organisation
    missed_needed = max(1, int(organisation.followup_after_missed_sessions))
    announced_needed = max(0, int(organisation.followup_after_announced_absences))
    # The tasks of the network's people: an open one, or one made for the same absence (the
    # same last visit), means nothing new is due for that person.
    tasks: dict[int, list[tuple[str, dt.date | None]]] = {}
    for participant_id, status, last_seen_on in FollowUpTask.objects.filter(
        participant__network=network
    ).values_list("participant_id", "status", "last_seen_on"):
        tasks.setdefault(participant_id, []).append((status, last_seen_on))

    def settled(participant_id: int, last_visit: dt.date | None) -> bool:
        return any(
            status == FollowUpStatus.OPEN or (last_visit is not None and seen == last_visit)
            for status, seen in tasks.get(participant_id, ())
        )

    people = followup_candidates(
        network=network,
        today=today,
        missed_needed=candidate_threshold(
            missed_needed=missed_needed, announced_needed=announced_needed
        ),
        settled=settled,
    )
    steady = [
        p
        for p in people
        if p.route.current == RouteStage.STEADY and not settled(p.pk, p.route.last_visit)
    ]
    # Announced absences (afgemeld) are not missed sessions: participants.followup_rule.
    absences = absences_since_last_visit(network=network, people=steady, today=today)
    due = {
        p.pk: p
        for p in steady
        if followup_due(
            absences=absences[p.pk],
            missed_needed=missed_needed,
            announced_needed=announced_needed,
        )
    }
    if not due:
        return 0
    FollowUpTask.objects.bulk_create(
        [
            FollowUpTask(
                participant=person,
                network=network,
                assigned_to_id=network.lead_worker_id,
                created_on=today,
                missed_sessions=person.route.missed_in_a_row,
                last_seen_on=person.route.last_visit,
            )
            for person in due.values()
        ],
        ignore_conflicts=True,  # one made at the same moment by another request stays
    )
    created = list(
        FollowUpTask.objects.filter(
            participant_id__in=list(due), status=FollowUpStatus.OPEN, created_on=today
        )
    )
    for task in created:
        audit_record(actor=None, action="create", obj=task, organisation=network.organisation)
    return len(created)


@transaction.atomic
def followup_close(
    *, task: FollowUpTask, outcome: str, actor: User, request: HttpRequest | None = None
) -> FollowUpTask:
    """Close a follow-up task, recording what was done (required)."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Schrijf op wat je hebt gedaan.")})
    if len(outcome) > 2000:
        raise ValidationError({"outcome": _("Houd dit korter dan 2000 tekens.")})
    current = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    if current.status != FollowUpStatus.OPEN:
        raise ValidationError(_("Deze taak is al afgerond."), code="closed")
    current.status = FollowUpStatus.DONE
    current.outcome = outcome
    current.closed_on = timezone.localdate()
    current.closed_by = actor if getattr(actor, "is_authenticated", False) else None
    current.save(update_fields=["status", "outcome", "closed_on", "closed_by"])
    audit_record(actor=actor, action="update", obj=current, request=request)
    return current


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
