"""Reads for data-subject rights and retention."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.http import Http404
from django.utils import timezone

from vangnet.core.permissions import Cap, has_cap, participant_for
from vangnet.participants.models import Participant, RouteStage

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.organisations.models import Organisation
    from vangnet.privacy.models import ConsentRecord


def data_subject_for(user: Member, participant_id: int | str) -> Participant:
    """The participant whose data-subject rights this user may exercise (export, erasure).

    Capability exercise_data_rights: the organisation admin (privacy officer) for every
    participant of the organisation; a social worker for the participants of the networks
    they lead. Others: 404 outside their sight, 403 inside it.
    """
    try:
        pk = int(participant_id)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if has_cap(user, Cap.EXERCISE_DATA_RIGHTS) and user.sees_whole_organisation:
        participant = (
            Participant.objects.filter(organisation_id=user.organisation_id, pk=pk)
            .select_related("network", "organisation")
            .first()
        )
        if participant is None:
            raise Http404
        return participant
    participant = participant_for(user, pk, Cap.EXERCISE_DATA_RIGHTS)
    if participant.network.lead_worker_id != user.pk:
        raise PermissionDenied
    return participant


def consent_rows(consents: Iterable[ConsentRecord]) -> list[dict[str, str]]:
    """A person's consent records as plain data (their data-subject export)."""
    return [
        {
            "kind": str(consent.get_kind_display()),
            "scope": consent.scope,
            "given_on": _iso(consent.given_on),
            "withdrawn_on": _iso(consent.withdrawn_on),
        }
        for consent in consents
    ]


def person_export_data(*, participant: Participant) -> dict[str, Any]:
    """Everything stored about one person, as plain data (for HTML and JSON)."""
    from vangnet.interviews.selectors import participant_interviews
    from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution
    from vangnet.privacy.map_export import network_map_waves
    from vangnet.privacy.models import ConsentRecord, ErasureRecord
    from vangnet.questionnaires.selectors import participant_responses
    from vangnet.support.models import NetworkMap

    p = (
        Participant.objects.select_related("network", "referral_partner", "invited_by")
        .prefetch_related("route_events", "followup_tasks")
        .get(pk=participant.pk)
    )
    attendance = list(
        Attendance.objects.filter(participant=p)
        .order_by("session__date")
        .values_list("session__date", flat=True)
    )
    contributions = list(
        Contribution.objects.filter(participant=p)
        .order_by("session__date", "task")
        .values_list("session__date", "task")
    )
    absences = list(
        AnnouncedAbsence.objects.filter(participant=p)
        .order_by("session__date", "id")
        .values_list("session__date", "reason")
    )
    consents = ConsentRecord.objects.filter(participant=p).order_by("given_on", "id")
    erasure = ErasureRecord.objects.filter(participant=p).first()
    return {
        "support": _support_ties(p),
        "profile": {
            "id": p.pk,
            "display_name": p.display_name,
            "network": p.network.name,
            "phone": p.phone,
            "email": p.email,
            "address": p.address,
            "wishes": list(p.wishes),
            "talents": list(p.talents),
            "came_in_via": p.get_came_in_via_display() if p.came_in_via else "",
            "referral_partner": p.referral_partner.name if p.referral_partner else "",
            "invited_by": p.invited_by.display_name if p.invited_by else "",
            "invited_on": _iso(p.invited_on),
            "notes": p.notes,
            "created_at": p.created_at.isoformat(timespec="seconds"),
            "updated_at": p.updated_at.isoformat(timespec="seconds"),
        },
        "route_events": [
            {
                "date": _iso(event.date),
                "stage": event.get_stage_display(),
                "dropout_reason": event.get_dropout_reason_display()
                if event.dropout_reason
                else "",
                "referred_to": event.referred_to,
                "reason": event.reason,
            }
            for event in p.route_events.all()
        ],
        "attendance_dates": [_iso(day) for day in attendance],
        "contributions": [{"date": _iso(day), "task": task} for day, task in contributions],
        "announced_absences": [{"date": _iso(day), "reason": why} for day, why in absences],
        "followup_tasks": [
            {
                "created_on": _iso(task.created_on),
                "missed_sessions": task.missed_sessions,
                "last_seen_on": _iso(task.last_seen_on),
                "status": task.get_status_display(),
                "outcome": task.outcome,
                "closed_on": _iso(task.closed_on),
            }
            for task in p.followup_tasks.all()
        ],
        "consents": consent_rows(consents),
        "questionnaires": participant_responses(participant=p),
        "interviews": participant_interviews(participant=p),
        "network_maps": network_map_waves(NetworkMap.objects.filter(participant=p)),
        "erased": erasure is not None,
    }


def support_tie_model() -> Any:
    """The support app's SupportTie model, or None while that app has no such model."""
    try:
        return apps.get_model("support", "SupportTie")
    except LookupError:
        return None


def _support_ties(participant: Participant) -> list[dict[str, Any]]:
    """Support given and received. The other person is not named: that is their data."""
    model = support_tie_model()
    if model is None:
        return []
    ties = model.objects.filter(Q(giver=participant) | Q(receiver=participant)).order_by(
        "date", "id"
    )
    return [
        {
            "date": _iso(tie.date),
            "direction": "given" if tie.giver_id == participant.pk else "received",
            "support_type": tie.get_support_type_display(),
            "outside_hours": tie.outside_hours,
            "note": tie.note,
        }
        for tie in ties
    ]


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class RetentionCandidate:
    participant: Participant
    last_activity: dt.date
    route_ended: bool


def months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    for dd in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, dd)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def retention_candidates(
    *, today: dt.date, months: int = 24, organisation: Organisation | None = None
) -> list[RetentionCandidate]:
    """Participants not yet anonymised whose last activity (last attendance or route event,
    whichever is later; the registration only when there is neither) lies more than `months`
    months before `today` (so their route ended or they stopped coming)."""
    cutoff = months_before(today, months)
    rows = Participant.objects.filter(erasure__isnull=True).annotate(
        last_attended=Max("attendances__session__date"),
        last_event=Max("route_events__date"),
        ended=Max(
            "route_events__date",
            filter=Q(route_events__stage__in=[RouteStage.DROPPED_OUT, RouteStage.REFERRED_ON]),
        ),
    )
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    found = []
    for participant in rows.order_by("organisation_id", "id"):
        # Their last activity, not when the record was made: people imported from an old
        # list get a new record today, yet left long ago. Only without any activity does
        # the registration count (a newcomer who has not come yet).
        activity = [d for d in (participant.last_attended, participant.last_event) if d]
        last = max(activity) if activity else timezone.localdate(participant.created_at)
        if last < cutoff:
            found.append(
                RetentionCandidate(
                    participant=participant,
                    last_activity=last,
                    route_ended=participant.ended is not None and participant.ended >= last,
                )
            )
    return found


# Purposes whose use stops once the person withdrew their consent (docs/privacy.md,
# "Consent per purpose"): without any record they are used as before; with records and
# none still valid, the data is not used for that purpose.
def consent_withdrawn_ids(*, kind: str, participant_ids: list[int] | None = None) -> set[int]:
    """The participants (of `participant_ids`, or all) who withdrew their consent for this
    purpose: they have a record of that kind and none of them still holds. One query."""
    from vangnet.privacy.models import ConsentRecord

    records = ConsentRecord.objects.filter(kind=kind, participant__isnull=False)
    if participant_ids is not None:
        records = records.filter(participant_id__in=participant_ids)
    holding: dict[int, bool] = {}
    for participant_id, withdrawn_on in records.values_list("participant_id", "withdrawn_on"):
        holding[participant_id] = holding.get(participant_id, False) or withdrawn_on is None
    return {pk for pk, holds in holding.items() if not holds}


def consent_withdrawn(
    *, kind: str, participant_id: int | None = None, client_id: int | None = None
) -> bool:
    """The participant (or the network-support client) withdrew their consent for this
    purpose: they have a record of that kind and none of them still holds."""
    from vangnet.privacy.models import ConsentRecord

    if participant_id is not None:
        return participant_id in consent_withdrawn_ids(kind=kind, participant_ids=[participant_id])
    if client_id is None:
        return False
    ends = list(
        ConsentRecord.objects.filter(kind=kind, client_id=client_id).values_list(
            "withdrawn_on", flat=True
        )
    )
    return bool(ends) and all(end is not None for end in ends)
