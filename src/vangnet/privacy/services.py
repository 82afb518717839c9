"""Writes for privacy: erasure (irreversible anonymisation), consents, security settings and
resetting a user's two-factor authentication. Every write is audited.

`person_erase` updates participant rows (participants app) on purpose: it is the one named
place where personal data is removed for the right to erasure and for retention.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.myspace.services import accounts_erase
from vangnet.networks.models import AnnouncedAbsence
from vangnet.participants.models import FollowUpTask, Participant, RouteEvent
from vangnet.privacy.models import (
    ConsentKind,
    ConsentRecord,
    ErasureReason,
    ErasureRecord,
    OrganisationSecuritySettings,
)
from vangnet.privacy.scrub import scrub_name_mentions
from vangnet.privacy.selectors import support_tie_model
from vangnet.questionnaires.services import participant_responses_anonymise
from vangnet.support.models import Client, NetworkMap

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User


def erased_name(participant_id: int) -> str:
    return _("Verwijderde deelnemer #%(number)s") % {"number": participant_id}


@transaction.atomic
def person_erase(
    *,
    participant: Participant,
    actor: User | None,
    reason: str = ErasureReason.REQUEST,
    request: HttpRequest | None = None,
) -> ErasureRecord:
    """Irreversibly anonymise a participant.

    Removed: name (becomes "Verwijderde deelnemer #<n>"), phone, e-mail, address, wishes,
    talents, notes, who invited them, the free-text explanations on route events and
    follow-up tasks and support ties, and the agreements in consent records. The name is
    also replaced by "[verwijderd]" wherever it appears as a whole word in other free text
    of the person's network or organisation (`vangnet.privacy.scrub`: logbook, session
    notes, support-tie notes, other participants' notes and follow-up outcomes, network
    maps, evaluation texts, the community of practice); one extra audit record counts the
    changed texts per kind, without any text.
    Their own network maps are deleted with everyone on them, and their questionnaire
    responses are unlinked with the open answers emptied (scores stay).
    Kept (anonymous): the network, attendance dates, contributions, support ties (type and
    date), route stages and dates, how they came in and the referral partner, so every
    count and chart stays correct.
    """
    if reason not in ErasureReason.values:
        raise ValidationError(_("Onbekende reden."))
    locked = Participant.objects.select_for_update().get(pk=participant.pk)
    if ErasureRecord.objects.filter(participant=locked).exists():
        raise ValidationError(_("Deze deelnemer is al verwijderd."))
    # Before the name itself is overwritten: other people's texts that mention it.
    mentions = scrub_name_mentions(participant=locked, display_name=locked.display_name)
    Participant.objects.filter(pk=locked.pk).update(
        display_name=erased_name(locked.pk)[:80],
        phone="",
        email="",
        address="",
        wishes=[],
        talents=[],
        wishes_by_participant_at=None,
        notes="",
        invited_by=None,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    RouteEvent.objects.filter(participant=locked).update(reason="")
    AnnouncedAbsence.objects.filter(participant=locked).update(reason="")
    FollowUpTask.objects.filter(participant=locked).update(outcome="")
    ConsentRecord.objects.filter(participant=locked).update(scope="")
    tie_model = support_tie_model()
    if tie_model is not None:
        tie_model.objects.filter(Q(giver=locked) | Q(receiver=locked)).update(note="")
    # Their own network maps name relatives and neighbours with contact details: removed
    # with everything on them (people, consents, contacts, conversations).
    NetworkMap.objects.filter(participant=locked).delete()
    # Their own account of Mijn Vangnet, with its codes.
    accounts_erase(participant=locked)
    # Their questionnaires: unlinked, open answers emptied; scores stay for the figures.
    participant_responses_anonymise(participant=locked, by=actor, request=request)
    record = ErasureRecord.objects.create(
        organisation_id=locked.organisation_id,
        participant=locked,
        reason=reason,
        erased_by=signed_in(actor),
    )
    audit_record(
        actor=actor,
        action="delete",
        obj=locked,
        detail=f"erasure:{reason}",
        request=request,
        organisation=locked.organisation,
    )
    if mentions:
        summary = ",".join(f"{kind}={count}" for kind, count in sorted(mentions.items()))
        audit_record(
            actor=actor,
            action="update",
            obj=locked,
            detail=f"erasure:name-in-texts:{summary}",
            request=request,
            organisation=locked.organisation,
        )
    participant.refresh_from_db()
    return record


@transaction.atomic
def consent_record(
    *,
    participant: Participant,
    kind: str,
    scope: str,
    given_on: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> ConsentRecord:
    if kind not in ConsentKind.values:
        raise ValidationError({"kind": _("Kies waarvoor de toestemming is.")})
    scope = scope.strip()
    max_length = ConsentRecord._meta.get_field("scope").max_length or 0
    if len(scope) > max_length or "\x00" in scope:
        raise ValidationError({"scope": _("Schrijf de afspraak in maximaal 300 tekens.")})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Deze datum ligt in de toekomst.")})
    if ErasureRecord.objects.filter(participant=participant).exists():
        raise ValidationError(_("Deze deelnemer is verwijderd."))
    consent = ConsentRecord.objects.create(
        organisation_id=participant.organisation_id,
        participant=participant,
        kind=kind,
        scope=scope,
        given_on=given_on,
        recorded_by=actor,
    )
    audit_record(actor=actor, action="create", obj=consent, request=request)
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    consent: ConsentRecord,
    actor: User,
    on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> ConsentRecord:
    locked = ConsentRecord.objects.select_for_update().get(pk=consent.pk)
    if locked.withdrawn_on is not None:
        raise ValidationError(_("Deze toestemming is al ingetrokken."))
    locked.withdrawn_on = on or timezone.localdate()
    if locked.withdrawn_on < locked.given_on:
        locked.withdrawn_on = locked.given_on
    locked.save(update_fields=["withdrawn_on"])
    audit_record(actor=actor, action="update", obj=locked, detail="withdrawn", request=request)
    return locked


@transaction.atomic
def consent_set_by_participant(
    *,
    participant: Participant | None = None,
    client: Client | None = None,
    kind: str,
    given: bool,
    request: HttpRequest | None = None,
) -> bool:
    """The participant (or the network-support client) gives (`given`) or withdraws their
    consent for one purpose in Mijn Vangnet. Giving adds a record when none holds;
    withdrawing ends every record that holds, or, when there is none, stores the objection
    as a record given and withdrawn today (so the purpose stops being used). Both are
    marked as by the person themselves and audited. Returns False when nothing changed (a
    second tap)."""
    if kind not in ConsentKind.values:
        raise ValidationError(_("Kies waarvoor de toestemming is."))
    if (participant is None) == (client is None):
        raise ValueError("one of participant or client")
    locked: Participant | Client
    if participant is not None:
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if ErasureRecord.objects.filter(participant=locked).exists():
            raise ValidationError(_("Deze deelnemer is verwijderd."))
        owner: dict[str, Participant | Client] = {"participant": locked}
        by = "door deelnemer zelf"
    else:
        assert client is not None
        locked = Client.objects.select_for_update().get(pk=client.pk)
        owner = {"client": locked}
        by = "door cliënt zelf"
    today = timezone.localdate()
    records = ConsentRecord.objects.filter(**owner, kind=kind)
    holding = list(records.filter(withdrawn_on__isnull=True))
    if given:
        if holding:
            return False
        consent = ConsentRecord.objects.create(
            organisation_id=locked.organisation_id,
            **owner,
            kind=kind,
            given_on=today,
            given_by_participant=True,
        )
        action, detail = "create", f"consent {kind} gegeven {by}"
    else:
        if holding:
            records.filter(pk__in=[record.pk for record in holding]).update(
                withdrawn_on=today, withdrawn_by_participant=True
            )
            consent = holding[0]
        elif records.exists():
            return False  # already withdrawn
        else:
            consent = ConsentRecord.objects.create(
                organisation_id=locked.organisation_id,
                **owner,
                kind=kind,
                given_on=today,
                withdrawn_on=today,
                withdrawn_by_participant=True,
            )
        action, detail = "update", f"consent {kind} ingetrokken {by}"
    audit_record(
        actor=None,
        action=action,
        obj=consent,
        detail=detail,
        request=request,
        organisation=locked.organisation,
    )
    return True


def security_settings_for(*, organisation: Organisation) -> OrganisationSecuritySettings:
    settings_row, _created = OrganisationSecuritySettings.objects.get_or_create(
        organisation=organisation
    )
    return settings_row


@transaction.atomic
def security_settings_update(
    *,
    organisation: Organisation,
    require_two_factor_for_all: bool,
    actor: User,
    request: HttpRequest | None = None,
    uses_photos: bool | None = None,
) -> OrganisationSecuritySettings:
    row = security_settings_for(organisation=organisation)
    row.require_two_factor_for_all = bool(require_two_factor_for_all)
    if uses_photos is not None:
        row.uses_photos = bool(uses_photos)
    row.save(update_fields=["require_two_factor_for_all", "uses_photos"])
    audit_record(actor=actor, action="update", obj=row, detail="security_settings", request=request)
    return row


@transaction.atomic
def twofactor_reset(*, user: User, actor: User, request: HttpRequest | None = None) -> int:
    """Remove a user's authenticator devices (lost phone); they set it up again at their
    next sign-in. Returns how many devices were removed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed: int
    removed, _details = TOTPDevice.objects.filter(user=user).delete()
    audit_record(actor=actor, action="update", obj=user, detail="2fa_reset", request=request)
    return removed
