"""A person's data-subject rights from Mijn Vangnet: asking for erasure (and withdrawing the
request), and the worker declining it with a reason. Erasure itself stays the existing
`privacy.services.person_erase` / `privacy.client_rights.client_erase`, done by the worker
who may exercise the person's rights (`rights_selectors.erasure_requests_for`).
Each function runs in a transaction and is audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.myspace.rights_models import ErasureRequest

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.myspace.models import ParticipantAccount
    from vangnet.organisations.models import User

NOTE_MAX_LENGTH = 300
SELF = "door deelnemer zelf"


def _open(account: ParticipantAccount) -> ErasureRequest | None:
    return (
        ErasureRequest.objects.select_for_update()
        .filter(
            participant=account.participant,
            client=account.client,
            withdrawn_at__isnull=True,
            declined_at__isnull=True,
        )
        .first()
    )


@transaction.atomic
def erasure_request_create(
    *, account: ParticipantAccount, note: str = "", request: HttpRequest | None = None
) -> ErasureRequest:
    """The person asks for erasure of their data (one open request at a time)."""
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": [_("Schrijf het korter (hoogstens %(n)s tekens).") % {"n": NOTE_MAX_LENGTH}]}
        )
    if _open(account) is not None:
        raise ValidationError(_("Je hebt dit al gevraagd. Je begeleider kijkt ernaar."))
    try:
        with transaction.atomic():
            erasure_request = ErasureRequest.objects.create(
                organisation=account.organisation,
                participant=account.participant,
                client=account.client,
                note=note,
            )
    except IntegrityError as exc:  # a second request at the same moment
        raise ValidationError(_("Je hebt dit al gevraagd. Je begeleider kijkt ernaar.")) from exc
    audit_record(
        actor=None,
        action="create",
        obj=erasure_request,
        detail=f"verzoek om verwijdering {SELF} (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )
    return erasure_request


@transaction.atomic
def erasure_request_withdraw(
    *, account: ParticipantAccount, request: HttpRequest | None = None
) -> ErasureRequest:
    """The person takes their open request back."""
    erasure_request = _open(account)
    if erasure_request is None:
        raise ValidationError(_("Er is geen vraag om te verwijderen."))
    erasure_request.withdrawn_at = timezone.now()
    erasure_request.save(update_fields=["withdrawn_at"])
    audit_record(
        actor=None,
        action="update",
        obj=erasure_request,
        detail=f"verzoek om verwijdering ingetrokken {SELF} (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )
    return erasure_request


@transaction.atomic
def erasure_request_decline(
    *,
    erasure_request: ErasureRequest,
    reason: str,
    actor: User,
    request: HttpRequest | None = None,
) -> ErasureRequest:
    """The worker does not erase (for instance: data that must be kept by law), and says
    why; the person reads the reason in Mijn Vangnet."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": [_("Schrijf op waarom, de persoon leest dit.")]})
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"reason": [_("Houd de reden kort (hoogstens %(n)s tekens).") % {"n": NOTE_MAX_LENGTH}]}
        )
    locked = ErasureRequest.objects.select_for_update().get(pk=erasure_request.pk)
    if not locked.is_open:
        raise ValidationError(_("Dit verzoek is al afgehandeld of ingetrokken."))
    locked.declined_at = timezone.now()
    locked.declined_by = actor
    locked.decline_reason = reason
    locked.save(update_fields=["declined_at", "declined_by", "decline_reason"])
    audit_record(
        actor=actor,
        action="update",
        obj=locked,
        detail="verzoek om verwijdering afgewezen",
        request=request,
    )
    return locked
