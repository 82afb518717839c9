"""Meetings and work visits of the community of practice across organisations.

The host's coordinator (Cap.SHARE_LIBRARY) records one and invites other organisations;
an invited organisation's coordinator answers for it; colleagues (Cap.COMMUNITY_OF_PRACTICE)
of the host and of the organisations that take part sign up or sign off; after the date the
host records who came. Only staff take part: nothing here names a participant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, has_cap, require_cap
from vangnet.library.models import (
    Invitation,
    InvitationStatus,
    MeetingKind,
    Registration,
    SharedMeeting,
)
from vangnet.organisations.models import Organisation

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.core.typing import Member

EARLIEST = dt.date(2000, 1, 1)


def _invite(meeting: SharedMeeting, organisations: Iterable[Organisation]) -> int:
    existing = set(meeting.invitations.values_list("organisation_id", flat=True))
    fresh = [
        Invitation(meeting=meeting, organisation=organisation)
        for organisation in organisations
        if organisation.pk != meeting.organisation_id and organisation.pk not in existing
    ]
    Invitation.objects.bulk_create(fresh)
    return len(fresh)


@transaction.atomic
def shared_meeting_create(
    *,
    user: Member,
    kind: str,
    date: dt.date,
    title: str,
    place: str,
    description: str = "",
    invite: Iterable[Organisation] = (),
    request: HttpRequest | None = None,
) -> SharedMeeting:
    require_cap(user, Cap.SHARE_LIBRARY)
    title, place = (title or "").strip(), (place or "").strip()
    description = (description or "").replace("\r\n", "\n").strip()
    errors: dict[str, list[str]] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = [_("Kies een bijeenkomst of een werkbezoek.")]
    if date is None or date < EARLIEST:
        errors["date"] = [_("Vul een geldige datum in.")]
    elif date > timezone.localdate() + dt.timedelta(days=366):
        errors["date"] = [_("Deze datum ligt te ver vooruit.")]
    if not title:
        errors["title"] = [_("Geef een titel.")]
    if not place:
        errors["place"] = [_("Waar is het? Vul een plaats in.")]
    if len(description) > 5000:
        errors["description"] = [_("Houd de beschrijving korter dan 5000 tekens.")]
    guests = list(invite)
    if not guests:
        errors["invite"] = [_("Nodig minstens één andere organisatie uit.")]
    if errors:
        raise ValidationError(errors)
    meeting = SharedMeeting.objects.create(
        organisation=user.organisation,
        kind=kind,
        date=date,
        title=title,
        place=place,
        description=description,
        created_by=user,
    )
    _invite(meeting, guests)
    Registration.objects.create(meeting=meeting, user=user)
    audit_record(actor=user, action="create", obj=meeting, request=request)
    return meeting


@transaction.atomic
def invitation_answer(
    *, user: Member, meeting: SharedMeeting, accept: bool, request: HttpRequest | None = None
) -> Invitation:
    """The invited organisation's coordinator says whether it takes part."""
    require_cap(user, Cap.SHARE_LIBRARY)
    invitation = (
        Invitation.objects.select_for_update()
        .filter(meeting=meeting, organisation_id=user.organisation_id)
        .first()
    )
    if invitation is None:
        raise ValidationError(
            _("Je organisatie organiseert dit zelf: er is niets te beantwoorden.")
        )
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_by = user
    invitation.save(update_fields=["status", "answered_by"])
    if not accept:  # nobody of a declining organisation stays signed up
        Registration.objects.filter(
            meeting=meeting, user__organisation_id=user.organisation_id
        ).delete()
    audit_record(
        actor=user,
        action="update",
        obj=meeting,
        detail=f"invitation {invitation.status}",
        request=request,
    )
    return invitation


def _may_join(user: Member, meeting: SharedMeeting) -> bool:
    if meeting.organisation_id == user.organisation_id:
        return True
    return Invitation.objects.filter(
        meeting=meeting, organisation_id=user.organisation_id, status=InvitationStatus.ACCEPTED
    ).exists()


@transaction.atomic
def registration_set(
    *, user: Member, meeting: SharedMeeting, coming: bool, request: HttpRequest | None = None
) -> bool:
    """Sign up (or off) for a meeting that has not passed. Returns whether signed up."""
    require_cap(user, Cap.COMMUNITY_OF_PRACTICE)
    if not _may_join(user, meeting):
        raise ValidationError(
            _("Je organisatie doet nog niet mee. Vraag je coördinator de uitnodiging aan te nemen.")
        )
    if meeting.date < timezone.localdate():
        raise ValidationError(_("Deze bijeenkomst is al geweest."))
    if coming:
        Registration.objects.get_or_create(meeting=meeting, user=user)
    else:
        Registration.objects.filter(meeting=meeting, user=user).delete()
    audit_record(
        actor=user,
        action="update",
        obj=meeting,
        detail="signed up" if coming else "signed off",
        request=request,
    )
    return coming


@transaction.atomic
def attendance_record(
    *,
    user: Member,
    meeting: SharedMeeting,
    present_ids: Iterable[int],
    request: HttpRequest | None = None,
) -> int:
    """The host's coordinator records, on or after the date, who of the signed-up came."""
    if not has_cap(user, Cap.SHARE_LIBRARY) or meeting.organisation_id != user.organisation_id:
        raise PermissionDenied
    if meeting.date > timezone.localdate():
        raise ValidationError(_("Leg de aanwezigheid vast op of na de dag zelf."))
    present = set(present_ids)
    registrations = list(Registration.objects.select_for_update().filter(meeting=meeting))
    unknown = present - {r.pk for r in registrations}
    if unknown:
        raise ValidationError(_("Kies alleen collega's die zich hebben aangemeld."))
    for registration in registrations:
        registration.present = registration.pk in present
    Registration.objects.bulk_update(registrations, ["present"])
    audit_record(
        actor=user,
        action="update",
        obj=meeting,
        detail=f"attendance {len(present)}",
        request=request,
    )
    return len(present)
