"""Consent per contact person on a network map, and contact with them: the person's own
decision (with its history), the contact details shown only with consent, and the log of
contacts the worker had. Every access and write is audited; consent is enforced here, not in
templates (the map itself: `support.map_services`)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.support.map_selectors import contact_withdrawn
from vangnet.support.map_services import check_on_map
from vangnet.support.models import Alter, Consent, ConsentChange, ContactAction, ContactMethod

if TYPE_CHECKING:
    from vangnet.organisations.models import User


@transaction.atomic
def alter_set_consent(
    *,
    alter: Alter,
    consent: str,
    actor: User | None,
    request: HttpRequest | None = None,
    by_person: bool = False,
) -> Alter:
    """The client changes their decision for this contact; the history is kept.
    `by_person`: the client (or participant) did it themselves in Mijn Vangnet (`actor` is
    then the worker whose device it was, or None)."""
    if consent not in Consent.values:
        raise ValidationError({"consent": [_("Kies wat de persoon zelf wil.")]})
    alter = Alter.objects.select_for_update().get(pk=alter.pk)
    check_on_map(alter)
    if alter.consent != consent:
        alter.consent = consent
        alter.save(update_fields=["consent"])
        ConsentChange.objects.create(
            alter=alter, consent=consent, recorded_by=signed_in(actor), by_person=by_person
        )
        network_map = alter.network_map
        owner = network_map.client if network_map.client_id else network_map.participant
        audit_record(
            actor=actor,
            action="update",
            obj=alter,
            detail="consent door deelnemer zelf" if by_person else "consent",
            request=request,
            organisation=owner.organisation if owner is not None else None,
        )
    return alter


def alter_contact_details(
    *, alter: Alter, actor: User, request: HttpRequest | None = None
) -> dict[str, str]:
    """The contact details, only with consent and while the person is on the map;
    otherwise PermissionDenied. Audited."""
    alter = Alter.objects.select_related("network_map").get(pk=alter.pk)  # not a stale copy
    if (
        alter.consent != Consent.YES
        or alter.removed_at is not None
        or contact_withdrawn(alter.network_map)
    ):
        raise PermissionDenied(_("Zonder toestemming zijn de contactgegevens niet te zien."))
    audit_record(actor=actor, action="view", obj=alter, detail="contact", request=request)
    return {"phone": alter.phone, "email": alter.email}


@transaction.atomic
def contact_log_create(
    *,
    alter: Alter,
    date: dt.date,
    method: str,
    note: str = "",
    actor: User,
    request: HttpRequest | None = None,
) -> ContactAction:
    """Log that the worker contacted this person; refused without consent YES and for
    someone removed from the map."""
    alter = Alter.objects.select_for_update().get(pk=alter.pk)
    check_on_map(alter)
    if alter.consent == Consent.VIA_CLIENT:
        raise ValidationError(
            _(
                "Je mag deze persoon niet zelf benaderen: de persoon wil dat contact alleen "
                "via hem of haar zelf loopt. Vraag het de persoon zelf."
            )
        )
    if alter.consent != Consent.YES or contact_withdrawn(alter.network_map):
        raise ValidationError(
            _("Je mag deze persoon niet benaderen: daar is geen toestemming voor.")
        )
    errors: dict[str, list[str]] = {}
    if method not in ContactMethod.values:
        errors["method"] = [_("Kies hoe je contact had.")]
    if date > timezone.localdate():
        errors["date"] = [_("De datum mag niet in de toekomst liggen.")]
    if len(note or "") > 200:
        errors["note"] = [_("Houd de notitie kort (hoogstens 200 tekens).")]
    if errors:
        raise ValidationError(errors)
    action = ContactAction.objects.create(
        alter=alter,
        date=date,
        method=method,
        note=(note or "").strip(),
        recorded_by=signed_in(actor),
    )
    audit_record(actor=actor, action="create", obj=action, request=request)
    return action
