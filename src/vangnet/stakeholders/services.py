"""Writes for the parties around the networks: a party, a meeting with its new agreements,
an agreement's follow-up, and deleting a meeting or an unused party. Every write checks
its input (Dutch messages per field), runs in one transaction and writes one audit
record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.text import validate_safe_text
from vangnet.stakeholders.models import (
    Agreement,
    AgreementStatus,
    MeetingKind,
    Party,
    PartyKind,
    StakeholderMeeting,
)

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation, User

EARLIEST = dt.date(2000, 1, 1)
LATEST = dt.date(2100, 12, 31)
NOTES_MAX = 10_000
INTEREST_MAX = 2_000


def _text(
    errors: dict[str, str], field: str, value: str | None, *, limit: int, required: bool = False
) -> str:
    """The text tidied (outer spaces off); an error per field when it is empty but needed,
    too long or holds an unsafe character."""
    text = (value or "").strip()
    if required and not text:
        errors[field] = _("Vul dit in.")
    elif len(text) > limit:
        errors[field] = _("Gebruik hoogstens %(limit)s tekens.") % {"limit": limit}
    else:
        try:
            validate_safe_text(text)
        except ValidationError as exc:
            errors[field] = exc.messages[0]
    return text


def _own(
    errors: dict[str, str], field: str, rows: Iterable[Any], organisation: Organisation
) -> list[Any]:
    items = list(rows)
    if any(row.organisation_id != organisation.pk for row in items):
        errors[field] = _("Kies alleen uit de lijst.")
    return items


def _date_in_range(errors: dict[str, str], field: str, day: dt.date | None) -> None:
    if day is not None and not EARLIEST <= day <= LATEST:
        errors[field] = _("Kies een datum tussen 2000 en 2100.")


@transaction.atomic
def party_save(
    *,
    organisation: Organisation,
    actor: User,
    name: str,
    kind: str,
    in_project_group: bool = False,
    in_sounding_board: bool = False,
    contact_name: str = "",
    contact_email: str = "",
    interest: str = "",
    networks: Sequence[Network] = (),
    active: bool = True,
    party: Party | None = None,
    request: HttpRequest | None = None,
) -> Party:
    """Add a party (party None) or change it. The contact person is a professional's work
    name and address; leave them empty to remove them."""
    errors: dict[str, str] = {}
    name = " ".join(_text(errors, "name", name, limit=160, required=True).split())
    if kind not in PartyKind.values:
        errors["kind"] = _("Kies een soort uit de lijst.")
    contact_name = " ".join(_text(errors, "contact_name", contact_name, limit=120).split())
    contact_email = _text(errors, "contact_email", contact_email, limit=200)
    if contact_email and "contact_email" not in errors:
        try:
            validate_email(contact_email)
        except ValidationError:
            errors["contact_email"] = _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")
    interest = _text(errors, "interest", interest, limit=INTEREST_MAX)
    networks = _own(errors, "networks", networks, organisation)
    if name and "name" not in errors:
        same = Party.objects.filter(organisation=organisation, name__iexact=name)
        if party is not None:
            same = same.exclude(pk=party.pk)
        if same.exists():
            errors["name"] = _("Er is al een partij met deze naam.")
    if errors:
        raise ValidationError(errors)
    row = party or Party(organisation=organisation)
    created = row.pk is None
    row.name, row.kind, row.interest, row.active = name, kind, interest, bool(active)
    row.in_project_group, row.in_sounding_board = bool(in_project_group), bool(in_sounding_board)
    row.contact_name, row.contact_email = contact_name, contact_email
    row.save()
    row.networks.set(networks)
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=row,
        detail=kind,
        request=request,
        organisation=organisation,
    )
    return row


@dataclass(frozen=True)
class NewAgreement:
    text: str
    owner: Party | None = None
    due_date: dt.date | None = None


def _check_agreement(
    errors: dict[str, str],
    *,
    prefix: str,
    text: str,
    owner: Party | None,
    due_date: dt.date | None,
    meeting_date: dt.date | None,
    organisation: Organisation,
) -> str:
    text = " ".join(_text(errors, f"{prefix}text", text, limit=500, required=True).split())
    if owner is not None and owner.organisation_id != organisation.pk:
        errors[f"{prefix}owner"] = _("Kies alleen uit de lijst.")
    _date_in_range(errors, f"{prefix}due_date", due_date)
    if (
        due_date is not None
        and meeting_date is not None
        and due_date < meeting_date
        and f"{prefix}due_date" not in errors
    ):
        errors[f"{prefix}due_date"] = _("Deze datum ligt voor het overleg.")
    return text


@transaction.atomic
def meeting_save(
    *,
    organisation: Organisation,
    actor: User,
    date: dt.date,
    kind: str,
    subject: str,
    parties: Sequence[Party] = (),
    networks: Sequence[Network] = (),
    notes: str = "",
    agreements: Sequence[NewAgreement] = (),
    meeting: StakeholderMeeting | None = None,
    request: HttpRequest | None = None,
) -> StakeholderMeeting:
    """Record a meeting (meeting None) or change it, with agreements made there (added;
    existing agreements change through `agreement_update`). All or nothing."""
    errors: dict[str, str] = {}
    _date_in_range(errors, "date", date)
    if "date" not in errors and date > timezone.localdate() + dt.timedelta(days=366):
        errors["date"] = _("Kies een datum binnen een jaar vanaf vandaag.")
    if kind not in MeetingKind.values:
        errors["kind"] = _("Kies een soort overleg uit de lijst.")
    subject = " ".join(_text(errors, "subject", subject, limit=200, required=True).split())
    notes = _text(errors, "notes", notes, limit=NOTES_MAX)
    parties = _own(errors, "parties", parties, organisation)
    networks = _own(errors, "networks", networks, organisation)
    texts = [
        _check_agreement(
            errors,
            prefix=f"agreement-{number}-",
            text=item.text,
            owner=item.owner,
            due_date=item.due_date,
            meeting_date=date,
            organisation=organisation,
        )
        for number, item in enumerate(agreements)
    ]
    if errors:
        raise ValidationError(errors)
    row = meeting or StakeholderMeeting(organisation=organisation)
    created = row.pk is None
    row.date, row.kind, row.subject, row.notes = date, kind, subject, notes
    if created:
        row.recorded_by = actor
    row.save()
    row.parties.set(parties)
    row.networks.set(networks)
    Agreement.objects.bulk_create(
        Agreement(meeting=row, text=text, owner=item.owner, due_date=item.due_date)
        for text, item in zip(texts, agreements, strict=True)
    )
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=row,
        detail=f"{kind}: {len(agreements)} nieuwe afspraken",
        request=request,
        organisation=organisation,
    )
    return row


@transaction.atomic
def agreement_update(
    *,
    agreement: Agreement,
    actor: User,
    text: str,
    owner: Party | None,
    due_date: dt.date | None,
    status: str,
    done_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Agreement:
    """Change an agreement or record its follow-up: done or dropped on a day (today when
    left empty); back to open clears that day."""
    meeting = agreement.meeting
    errors: dict[str, str] = {}
    text = _check_agreement(
        errors,
        prefix="",
        text=text,
        owner=owner,
        due_date=due_date,
        meeting_date=meeting.date,
        organisation=meeting.organisation,
    )
    if status not in AgreementStatus.values:
        errors["status"] = _("Kies open, afgerond of vervallen.")
    today = timezone.localdate()
    if status == AgreementStatus.OPEN:
        done_on = None
    else:
        done_on = done_on or today
        if done_on > today:
            errors["done_on"] = _("Deze datum ligt in de toekomst.")
        elif done_on < meeting.date:
            errors["done_on"] = _("Deze datum ligt voor het overleg.")
    if errors:
        raise ValidationError(errors)
    agreement.text, agreement.owner, agreement.due_date = text, owner, due_date
    agreement.status, agreement.done_on = status, done_on
    agreement.save(update_fields=["text", "owner", "due_date", "status", "done_on", "updated_at"])
    audit_record(
        actor=actor,
        action="update",
        obj=agreement,
        detail=status,
        request=request,
        organisation=meeting.organisation,
    )
    return agreement


@transaction.atomic
def meeting_delete(
    *, meeting: StakeholderMeeting, actor: User, request: HttpRequest | None = None
) -> None:
    """Delete a meeting recorded by mistake, with the agreements made there."""
    agreements = meeting.agreements.count()
    audit_record(
        actor=actor,
        action="delete",
        obj=meeting,
        detail=f"met {agreements} afspraken",
        request=request,
    )
    meeting.delete()


@transaction.atomic
def party_delete(*, party: Party, actor: User, request: HttpRequest | None = None) -> None:
    """Delete a party that is in no meeting and follows up no agreement (made by mistake).
    One that is keeps its place in the reports: it is set to "no longer involved" instead."""
    party = Party.objects.select_for_update().get(pk=party.pk)
    if party.meetings.exists() or party.agreements.exists():
        raise ValidationError(
            _(
                "Deze partij staat in een verslag van een overleg of pakt een afspraak op. "
                "Zet bij Wijzigen 'nog betrokken' uit: dan klopt het verslag nog."
            ),
            code="in_use",
        )
    audit_record(actor=actor, action="delete", obj=party, request=request)
    party.delete()
