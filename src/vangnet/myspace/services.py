"""Writes of Mijn Vangnet: switching the space on, activation codes, activation and sign-in.

Every function runs in a transaction and writes its audit record. Actions of the person
themselves are audited without a staff actor and with ``door deelnemer zelf`` in the detail.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.myspace import codes
from vangnet.myspace.models import ActivationCode, ParticipantAccount, SpaceSwitch
from vangnet.myspace.selectors import space_enabled

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation, User
    from vangnet.participants.models import Participant
    from vangnet.support.models import Client

SELF = "door deelnemer zelf"


def _secret_key() -> str:
    return str(settings.SECRET_KEY)


@transaction.atomic
def space_switch_set(
    *,
    organisation: Organisation,
    network: Network | None,
    on: bool,
    actor: User,
    request: HttpRequest | None = None,
) -> bool:
    """Switch the space on or off for a network's participants (or, with no network, for
    the organisation's network-support clients). Returns whether anything changed."""
    if network is not None and network.organisation_id != organisation.pk:
        raise ValidationError(_("Dit netwerk hoort niet bij je organisatie."))
    rows = SpaceSwitch.objects.filter(organisation=organisation, network=network)
    if on and not rows.exists():
        SpaceSwitch.objects.create(organisation=organisation, network=network, switched_on_by=actor)
    elif not on and rows.exists():
        rows.delete()
    else:
        return False
    audit_record(
        actor=actor,
        action="update",
        object_type="myspace.switch",
        object_id=network.pk if network else "clients",
        detail=f"mijn vangnet {'aan' if on else 'uit'}",
        request=request,
        organisation=organisation,
    )
    return True


def _account_for(
    *, organisation: Organisation, participant: Participant | None, client: Client | None
) -> ParticipantAccount:
    existing = ParticipantAccount.objects.filter(participant=participant, client=client).first()
    if existing is not None:
        return existing
    for _attempt in range(20):
        number = codes.number_new()
        if ParticipantAccount.objects.filter(number=number).exists():
            continue
        try:
            with transaction.atomic():
                return ParticipantAccount.objects.create(
                    organisation=organisation, participant=participant, client=client, number=number
                )
        except IntegrityError:
            continue
    raise ValidationError(_("Er kon geen nummer worden gemaakt. Probeer het nog eens."))


@dataclass(frozen=True)
class NewCode:
    account: ParticipantAccount
    code: str  # the plain code: shown once, on the card
    record: ActivationCode


@transaction.atomic
def code_create(
    *,
    actor: User,
    participant: Participant | None = None,
    client: Client | None = None,
    request: HttpRequest | None = None,
    now: dt.datetime | None = None,
) -> NewCode:
    """A new activation code for the person (their account is made on the first code).
    Earlier codes that were not used are revoked: a lost card simply gets a new code."""
    if (participant is None) == (client is None):
        raise ValueError("one of participant or client")
    person = participant if participant is not None else client
    assert person is not None
    organisation = person.organisation
    if not space_enabled(organisation=organisation, participant=participant, client=client):
        raise ValidationError(_("Mijn Vangnet staat niet aan voor deze persoon."))
    if participant is not None and hasattr(participant, "erasure"):
        raise ValidationError(_("De gegevens van deze deelnemer zijn verwijderd."))
    now = now or timezone.now()
    account = _account_for(organisation=organisation, participant=participant, client=client)
    ActivationCode.objects.filter(account=account, used_at=None, revoked_at=None).update(
        revoked_at=now, revoked_by=actor
    )
    for _attempt in range(20):
        plain = codes.code_new()
        digest = codes.code_hash(plain, key=_secret_key())
        if not ActivationCode.objects.filter(code_hash=digest).exists():
            break
    else:  # pragma: no cover - 20 collisions in 31^8 codes
        raise ValidationError(_("Er kon geen code worden gemaakt. Probeer het nog eens."))
    record = ActivationCode.objects.create(
        account=account,
        code_hash=digest,
        created_by=actor,
        expires_at=now + dt.timedelta(days=codes.CODE_VALID_DAYS),
    )
    audit_record(
        actor=actor,
        action="create",
        obj=record,
        detail=f"activatiecode voor account {account.pk}",
        request=request,
        organisation=organisation,
    )
    return NewCode(account=account, code=plain, record=record)


@transaction.atomic
def code_revoke(*, code: ActivationCode, actor: User, request: HttpRequest | None = None) -> bool:
    updated = ActivationCode.objects.filter(pk=code.pk, used_at=None, revoked_at=None).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    if updated:
        audit_record(
            actor=actor,
            action="update",
            obj=code,
            detail="activatiecode ingetrokken",
            request=request,
            organisation=code.account.organisation,
        )
    return bool(updated)


@transaction.atomic
def account_close(
    *, account: ParticipantAccount, actor: User, request: HttpRequest | None = None
) -> None:
    """Stop the person's access: their PIN no longer works and open codes are revoked.
    A new code opens the account again."""
    now = timezone.now()
    ParticipantAccount.objects.filter(pk=account.pk).update(
        secret_hash="", secret_kind="", failed_attempts=0, locked_until=None
    )
    ActivationCode.objects.filter(account=account, used_at=None, revoked_at=None).update(
        revoked_at=now, revoked_by=actor
    )
    audit_record(
        actor=actor,
        action="update",
        obj=account,
        detail="toegang Mijn Vangnet gestopt",
        request=request,
        organisation=account.organisation,
    )
    account.refresh_from_db()


def _still_usable(code: ActivationCode, *, now: dt.datetime) -> bool:
    if code.used_at or code.revoked_at or code.expires_at <= now:
        return False
    account = code.account
    if account.participant is not None and hasattr(account.participant, "erasure"):
        return False
    return space_enabled(
        organisation=account.organisation, participant=account.participant, client=account.client
    )


def code_usable(code_text: str, *, now: dt.datetime | None = None) -> ActivationCode | None:
    """The activation code behind what was typed, when it can still be used."""
    if not codes.code_well_formed(code_text):
        return None
    code = (
        ActivationCode.objects.select_related(
            "account__organisation", "account__participant__erasure", "account__client"
        )
        .filter(code_hash=codes.code_hash(code_text, key=_secret_key()))
        .first()
    )
    if code is None or not _still_usable(code, now=now or timezone.now()):
        return None
    return code


def secret_errors(secret: str, repeat: str) -> list[str]:
    problem = codes.secret_problem(secret)
    messages = {
        "empty": _("Kies een pincode of wachtwoord."),
        "spaces": _("Begin of eindig niet met een spatie."),
        "pin_length": _("Een pincode heeft 5 tot 12 cijfers."),
        "pin_easy": _("Deze pincode is te makkelijk te raden. Kies andere cijfers."),
        "password_length": _("Een wachtwoord heeft minstens 8 tekens."),
    }
    errors = [messages[problem]] if problem else []
    if not errors and secret != repeat:
        errors.append(_("De twee keer zijn niet hetzelfde. Probeer het opnieuw."))
    return errors


@transaction.atomic
def account_activate(
    *, code_id: int, secret: str, repeat: str, request: HttpRequest | None = None
) -> ParticipantAccount:
    """Use the code once (its id, after `code_usable` accepted what was typed): the
    person's own PIN or password is set (a new one when the account was active before),
    the code is spent and every other open code revoked."""
    errors = secret_errors(secret, repeat)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    code = (
        ActivationCode.objects.select_for_update(of=("self",))
        .select_related("account__organisation", "account__participant__erasure", "account__client")
        .filter(pk=code_id)
        .first()
    )
    if code is None or not _still_usable(code, now=now):
        raise ValidationError(_("Deze code werkt niet meer. Vraag je begeleider om een nieuwe."))
    account = code.account
    ActivationCode.objects.filter(pk=code.pk).update(used_at=now)
    ActivationCode.objects.filter(account=account, used_at=None, revoked_at=None).update(
        revoked_at=now
    )
    account.secret_hash = make_password(secret)
    account.secret_kind = codes.secret_kind(secret)
    account.activated_at = now
    account.last_sign_in_at = now
    account.failed_attempts = 0
    account.locked_until = None
    account.save(
        update_fields=[
            "secret_hash",
            "secret_kind",
            "activated_at",
            "last_sign_in_at",
            "failed_attempts",
            "locked_until",
        ]
    )
    audit_record(
        actor=None,
        action="login",
        obj=account,
        detail=f"activatie met code {code.pk} {SELF}",
        request=request,
        organisation=account.organisation,
    )
    return account


@dataclass(frozen=True)
class SignIn:
    account: ParticipantAccount | None
    locked_until: dt.datetime | None = None


_DUMMY_HASH: list[str] = []


def _dummy_check(secret: str) -> None:
    """Check against a throw-away hash, so an unknown number takes as long as a known one."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(make_password("not-a-real-secret"))
    check_password(secret, _DUMMY_HASH[0])


def account_sign_in(
    *, number: str, secret: str, request: HttpRequest | None = None, now: dt.datetime | None = None
) -> SignIn:
    """Number and PIN. After 5 wrong tries the account is locked for 15 minutes (like
    staff sign-in); each failure and each success is audited."""
    now = now or timezone.now()
    with transaction.atomic():
        account = (
            ParticipantAccount.objects.select_for_update()
            .filter(number=codes.number_normalise(number))
            .exclude(secret_hash="")
            .first()
        )
        if account is None:
            _dummy_check(secret)
            audit_record(
                actor=None, action="login_failed", detail=f"mijn vangnet {SELF}", request=request
            )
            return SignIn(account=None)
        if account.locked_until and account.locked_until > now:
            return SignIn(account=None, locked_until=account.locked_until)
        if not check_password(secret, account.secret_hash):
            account.failed_attempts += 1
            if account.failed_attempts >= codes.FAILURE_LIMIT:
                account.locked_until = now + dt.timedelta(minutes=codes.LOCKOUT_MINUTES)
                account.failed_attempts = 0
            account.save(update_fields=["failed_attempts", "locked_until"])
            audit_record(
                actor=None,
                action="login_failed",
                obj=account,
                detail=f"mijn vangnet {SELF}",
                request=request,
                organisation=account.organisation,
            )
            return SignIn(account=None, locked_until=account.locked_until)
        if not space_enabled(
            organisation=account.organisation,
            participant=account.participant,
            client=account.client,
        ):
            return SignIn(account=None)
        account.failed_attempts = 0
        account.locked_until = None
        account.last_sign_in_at = now
        account.save(update_fields=["failed_attempts", "locked_until", "last_sign_in_at"])
        audit_record(
            actor=None,
            action="login",
            obj=account,
            detail=f"mijn vangnet {SELF}",
            request=request,
            organisation=account.organisation,
        )
        return SignIn(account=account)


def accounts_erase(*, participant: Participant | None = None, client: Client | None = None) -> int:
    """Delete the person's account with its codes (erasure of their data), and their own
    requests for erasure from Mijn Vangnet (the audit trail keeps that they asked)."""
    from vangnet.myspace.rights_models import ErasureRequest

    rows = ParticipantAccount.objects.filter(participant=participant, client=client)
    if participant is None and client is None:
        return 0
    ErasureRequest.objects.filter(participant=participant, client=client).delete()
    deleted, _detail = rows.delete()
    return deleted
