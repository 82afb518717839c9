"""Announced absences (afmeldingen): someone lets the group know they will not come.

Recorded ahead of the session (the phone call on Friday, what a participant passes on) with
`absence_announce`/`absence_withdraw`, or on the session screen itself (the save in
`services.session_record_attendance` merges them like the other marks, with
`merge_absences`). An announced absence is not a presence and not a missed session for the
follow-up rule (participants.followup_rule). docs/session-screen.md describes it.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.text import validate_safe_text
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session

REASON_MAX_LENGTH = 60


def clean_absence_reason(reason) -> str:
    """One line of plain text, at most REASON_MAX_LENGTH characters; unsafe characters
    (core.text: control characters, NUL, direction overrides) are refused with a message."""
    text = str(reason or "")
    validate_safe_text(text)  # control characters, NUL, reading-direction overrides
    text = " ".join(text.split())
    if len(text) > REASON_MAX_LENGTH:
        raise ValidationError(
            _("Een reden mag hoogstens %(max)d tekens hebben.") % {"max": REASON_MAX_LENGTH},
            code="reason_too_long",
        )
    return text


def absence_reasons(organisation) -> list[str]:
    """The organisation's short list of reasons, cleaned, once each."""
    reasons: list[str] = []
    for reason in organisation.absence_reasons or []:
        text = " ".join(str(reason).split())[:REASON_MAX_LENGTH]
        if text and text.casefold() not in {r.casefold() for r in reasons}:
            reasons.append(text)
    return reasons


def absences_check_reasons(
    *, organisation, submitted: dict[int, str], known: dict[int, str]
) -> None:
    """Refuse a reason that is neither on the organisation's list nor the reason already
    stored (or read) for that person (a reason since taken off the list stays allowed).
    An empty reason is always allowed."""
    allowed = {reason.casefold() for reason in absence_reasons(organisation)}
    unknown = sorted(
        {
            reason
            for pid, reason in submitted.items()
            if reason and reason.casefold() not in allowed and known.get(pid) != reason
        }
    )
    if unknown:
        raise ValidationError(
            {
                "absent": _(
                    "Onbekende reden voor een afmelding: %(reasons)s. Kies een reden uit de "
                    "lijst van je organisatie (%(list)s) of laat de reden leeg."
                )
                % {
                    "reasons": ", ".join(f'"{reason}"' for reason in unknown),
                    "list": ", ".join(absence_reasons(organisation)) or _("geen redenen"),
                }
            },
            code="unknown_reason",
        )


def merge_absences(
    *, current: dict[int, str], submitted: dict[int, str], base: dict[int, str]
) -> tuple[dict[int, str], set[int]]:
    """Apply a worker's changes (submitted against base) to the stored absences.

    Returns the new absences and the people this worker newly announced absent (their
    presence is taken away). Absences another worker recorded in between are kept."""
    merged = dict(current)
    for pid in base.keys() - submitted.keys():
        merged.pop(pid, None)
    announced_now = set()
    for pid, reason in submitted.items():
        if base.get(pid) != reason:
            merged[pid] = reason
            if pid not in base:
                announced_now.add(pid)
    return merged, announced_now


@transaction.atomic
def absence_announce(
    *, session: Session, participant, reason: str, actor, request=None, by_participant=False
) -> AnnouncedAbsence:
    """Record (or change the reason of) an announced absence ahead of or after the session.
    Refused for someone marked present at that session or of another network.
    `by_participant`: the participant did it in Mijn Vangnet (actor None)."""
    reason = clean_absence_reason(reason)
    if participant.network_id != session.network_id:
        raise ValidationError(
            {"participant": _("Deze persoon hoort niet bij dit vangnetwerk.")}, code="foreign"
        )
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if Attendance.objects.filter(session=locked, participant=participant).exists():
        raise ValidationError(
            {
                "participant": _("%(name)s staat bij deze bijeenkomst al als aanwezig.")
                % {"name": participant.display_name}
            },
            code="present",
        )
    absence, created = AnnouncedAbsence.objects.update_or_create(
        session=locked,
        participant=participant,
        defaults={"reason": reason, "recorded_by": actor, "by_participant": by_participant},
    )
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=absence,
        detail=f"afgemeld {locked.date.isoformat()}"
        + (" door deelnemer zelf" if by_participant else ""),
        request=request,
        organisation=participant.organisation if actor is None else None,
    )
    return absence


@transaction.atomic
def absence_withdraw(
    *, absence: AnnouncedAbsence, actor, request=None, by_participant=False
) -> None:
    """Remove an announced absence (entered by mistake, or they come after all)."""
    audit_record(
        actor=actor,
        action="delete",
        obj=absence,
        detail="door deelnemer zelf" if by_participant else "",
        request=request,
        organisation=absence.participant.organisation if actor is None else None,
    )
    absence.delete()
