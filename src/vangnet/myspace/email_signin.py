"""E-mail sign-in for Mijn Vangnet: only for a person who chose it in their own space.

1. In their space (`/mijn/email/`) the person chooses the address (for a participant the one
   their worker recorded is filled in). It is stored only then (`SignInEmail`) and a
   confirmation link is mailed to it; the address works for sign-in once that link is used.
2. On the sign-in page they ask *Stuur mij een inloglink*. The answer is the same whether
   or not the address is known; a link is queued only for a confirmed address of an
   active account whose space is on.
3. A link works once, for LINK_MINUTES; only an HMAC-SHA256 of its token (site secret key)
   is stored. The token is made by the background job that sends the mail
   (`space_link_mail_task`, like the password reset's), so it is never stored in the queue.

Using a sign-in link signs in exactly as the PIN does (`access.space_sign_in`). Every step
is audited without the address: choosing, removing, asking, sending, using and refusing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from vangnet.audit.services import audit_record
from vangnet.myspace.email_models import EmailLink, LinkPurpose, SignInEmail
from vangnet.myspace.models import ParticipantAccount
from vangnet.myspace.selectors import space_enabled
from vangnet.notifications.mail import absolute_url, mail_send_to

if TYPE_CHECKING:
    from django.http import HttpRequest

LINK_MINUTES = 30
SELF = "door deelnemer zelf"


class LinkRefused(Exception):
    """The link cannot be used: `reason` is unknown, used, expired or closed."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def token_hash(token: str) -> str:
    key = str(settings.SECRET_KEY).encode()
    return hmac.new(key, token.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def own_email(*, account: ParticipantAccount) -> SignInEmail | None:
    return SignInEmail.objects.filter(account=account).first()


def _usable_account(account: ParticipantAccount) -> bool:
    """Active (a PIN chosen), the person not erased, the space on."""
    if not account.secret_hash:
        return False
    if account.participant is not None and hasattr(account.participant, "erasure"):
        return False
    return space_enabled(
        organisation=account.organisation, participant=account.participant, client=account.client
    )


def _audit(account: ParticipantAccount, action: str, detail: str, request=None) -> None:
    audit_record(
        actor=None,
        action=action,
        obj=account,
        detail=f"{detail} {SELF}",
        request=request,
        organisation=account.organisation,
    )


@transaction.atomic
def signin_email_choose(
    *,
    account: ParticipantAccount,
    email: str,
    request: HttpRequest | None = None,
    base_url: str = "",
) -> SignInEmail:
    """The person wants to sign in with a link: store their address and mail a link to
    confirm it. Choosing another address forgets the old one and every open link."""
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Dit is geen e-mailadres. Kijk of je het goed hebt getypt.")
        ) from None
    if len(email) > 254:
        raise ValidationError(_("Dit e-mailadres is te lang."))
    row = SignInEmail.objects.select_for_update().filter(account=account).first()
    if row is not None and row.email.lower() == email.lower() and row.confirmed_at:
        return row  # nothing changes
    EmailLink.objects.filter(account=account, used_at=None).delete()
    if row is None:
        row = SignInEmail.objects.create(account=account, email=email)
    else:
        row.email, row.confirmed_at = email, None
        row.save(update_fields=["email", "confirmed_at"])
    language = translation.get_language() or settings.LANGUAGE_CODE
    # The job is stored in the same transaction (the database queue): all or nothing.
    space_link_mail_task.enqueue(account.pk, LinkPurpose.CONFIRM.value, base_url, language)
    _audit(account, "update", "inloggen met e-mail gekozen", request)
    return row


@transaction.atomic
def signin_email_remove(*, account: ParticipantAccount, request: HttpRequest | None = None) -> bool:
    """The person no longer wants e-mail sign-in: the address and open links are deleted."""
    deleted, _rows = SignInEmail.objects.filter(account=account).delete()
    EmailLink.objects.filter(account=account).delete()
    if deleted:
        _audit(account, "delete", "inloggen met e-mail uitgezet", request)
    return bool(deleted)


def signin_link_request(
    *, email: str, request: HttpRequest | None = None, base_url: str = ""
) -> int:
    """Queue a sign-in link for every usable account with this confirmed address. The
    caller answers the same either way (and rate-limits). Returns how many were queued."""
    email = (email or "").strip()
    if not email:
        return 0
    rows = SignInEmail.objects.filter(
        email__iexact=email, confirmed_at__isnull=False
    ).select_related("account__organisation", "account__participant__erasure", "account__client")
    language = translation.get_language() or settings.LANGUAGE_CODE
    queued = 0
    for row in rows:
        account = row.account
        if not _usable_account(account):
            continue
        space_link_mail_task.enqueue(account.pk, LinkPurpose.SIGN_IN.value, base_url, language)
        _audit(account, "create", "inloglink gevraagd", request)
        queued += 1
    return queued


@task()
def space_link_mail_task(
    account_id: int, purpose: str, base_url: str = "", language: str = ""
) -> bool:
    """Make a link and mail it. The token exists only in this job and in the mail."""
    row = (
        SignInEmail.objects.select_related("account__organisation")
        .filter(account_id=account_id)
        .first()
    )
    if row is None or purpose not in LinkPurpose.values:
        return False
    if purpose == LinkPurpose.SIGN_IN and row.confirmed_at is None:
        return False
    token = secrets.token_urlsafe(32)
    EmailLink.objects.create(
        account_id=account_id,
        purpose=purpose,
        token_hash=token_hash(token),
        expires_at=timezone.now() + dt.timedelta(minutes=LINK_MINUTES),
    )
    url = absolute_url(reverse("myspace:email_link", args=[token]), base_url)
    mail_send_to(
        address=row.email,
        language=language or settings.LANGUAGE_CODE,
        kind=f"myspace_{purpose}",
        template=f"myspace_{purpose}",
        context={"url": url, "minutes": LINK_MINUTES},
    )
    _audit(row.account, "create", f"e-maillink ({purpose}) verstuurd", None)
    return True


def link_find(token: str) -> EmailLink | None:
    """The link behind a token, without using it."""
    if not token or len(token) > 100:
        return None
    return (
        EmailLink.objects.select_related(
            "account__organisation", "account__participant__erasure", "account__client"
        )
        .filter(token_hash=token_hash(token))
        .first()
    )


def link_problem(link: EmailLink | None, *, now: dt.datetime | None = None) -> str:
    """Why this link cannot be used ("" when it can)."""
    if link is None:
        return "unknown"
    if link.used_at is not None:
        return "used"
    if link.expires_at <= (now or timezone.now()):
        return "expired"
    if not _usable_account(link.account):
        return "closed"
    return ""


def link_use(
    *, token: str, request: HttpRequest | None = None, now: dt.datetime | None = None
) -> EmailLink:
    """Use the link once: a confirmation link confirms the address, a sign-in link lets the
    caller sign the person in. Raises LinkRefused (audited) otherwise."""
    now = now or timezone.now()
    with transaction.atomic():
        found = link_find(token)
        link = (
            EmailLink.objects.select_for_update(of=("self",))
            .select_related(
                "account__organisation", "account__participant__erasure", "account__client"
            )
            .filter(pk=found.pk)
            .first()
            if found is not None
            else None
        )
        problem = link_problem(link, now=now)
        if link is not None and not problem:
            EmailLink.objects.filter(pk=link.pk).update(used_at=now)
            account = link.account
            if link.purpose == LinkPurpose.CONFIRM:
                SignInEmail.objects.filter(account=account).update(confirmed_at=now)
                _audit(account, "update", "e-mailadres bevestigd", request)
            else:
                account.last_sign_in_at = now
                account.save(update_fields=["last_sign_in_at"])
                _audit(account, "login", "mijn vangnet met e-maillink", request)
            return link
    if link is not None:
        _audit(link.account, "login_failed", f"e-maillink {problem}", request)
    else:
        audit_record(
            actor=None,
            action="login_failed",
            detail=f"e-maillink {problem} {SELF}",
            request=request,
        )
    raise LinkRefused(problem)
