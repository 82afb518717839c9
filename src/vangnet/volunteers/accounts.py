"""Writes for a network helper's own sign-in: the coordinator gives a volunteer, intern or
expert by experience an account with the limited role network_helper, links an account
they already have (someone attached to two networks), or revokes it.

What the account may do follows the attachment: `core.permissions.visible_networks` shows
a network helper only the networks they are attached to today, so access ends on its own
when the period ends. The account itself lives only as long as a *live* attachment (one
whose period has not ended) uses it: revoking, deleting the attachment (also with its
network) and the end of the last period switch it off (`helper_accounts_switch_off`,
audited; Django then ends its open sessions and API tokens stop working). A staff account
of another role linked by hand is never switched off here."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.organisations.models import Role, User
from vangnet.organisations.services import user_create
from vangnet.volunteers.models import NetworkHelper

if TYPE_CHECKING:
    from django.http import HttpRequest

USERNAME = re.compile(r"^[\w.@+-]{3,150}$")


def _check_open(helper: NetworkHelper, today: dt.date) -> None:
    if helper.user_id is not None:
        raise ValidationError(_("Deze persoon heeft al een account."))
    if helper.end_date is not None and helper.end_date < today:
        raise ValidationError(
            _("De periode van deze persoon is voorbij. Verleng eerst de periode.")
        )


def _audit(*, actor: User, helper: NetworkHelper, detail: str, request: HttpRequest | None):
    audit_record(
        actor=actor,
        action="update",
        obj=helper,
        detail=detail,
        organisation=helper.network.organisation,
        request=request,
    )


@transaction.atomic
def helper_account_create(
    *,
    helper: NetworkHelper,
    actor: User,
    username: str,
    today: dt.date,
    request: HttpRequest | None = None,
) -> tuple[User, str]:
    """A new account with the role network_helper for this attachment. Returns the account
    and its one-time password (changed at the first sign-in, as for every new account)."""
    _check_open(helper, today)
    name = (username or "").strip()
    if not USERNAME.match(name):
        raise ValidationError(
            {"username": _("Gebruik 3 tot 150 tekens: letters, cijfers en . @ + - _")}
        )
    if User.objects.filter(username__iexact=name).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam bestaat al. Kies een andere.")})
    account, password = user_create(
        organisation=helper.network.organisation,
        username=name,
        role=Role.NETWORK_HELPER,
        first_name=helper.name[:150],
        actor=actor,
    )
    helper.user = account
    helper.save(update_fields=["user", "updated_at"])
    _audit(actor=actor, helper=helper, detail="account created", request=request)
    return account, password


def linkable_accounts(*, helper: NetworkHelper) -> list[User]:
    """The organisation's active network-helper accounts this attachment may use."""
    return list(
        User.objects.filter(
            organisation_id=helper.network.organisation_id,
            role=Role.NETWORK_HELPER,
            is_active=True,
        ).order_by("first_name", "username")
    )


@transaction.atomic
def helper_account_link(
    *,
    helper: NetworkHelper,
    actor: User,
    account_id: object,
    today: dt.date,
    request: HttpRequest | None = None,
) -> User:
    """Link an existing network-helper account of the organisation to this attachment."""
    _check_open(helper, today)
    account = next(
        (a for a in linkable_accounts(helper=helper) if str(a.pk) == str(account_id)), None
    )
    if account is None:
        raise ValidationError({"account": _("Kies een account uit de lijst.")})
    helper.user = account
    helper.save(update_fields=["user", "updated_at"])
    _audit(actor=actor, helper=helper, detail="account linked", request=request)
    return account


@transaction.atomic
def helper_account_revoke(
    *,
    helper: NetworkHelper,
    actor: User,
    today: dt.date | None = None,
    request: HttpRequest | None = None,
) -> None:
    """End this attachment's sign-in now: unlink the account and switch it off when no
    other live attachment uses it."""
    today = today or timezone.localdate()
    account = helper.user
    if account is None:
        raise ValidationError(_("Deze persoon heeft geen account."))
    helper.user = None
    helper.save(update_fields=["user", "updated_at"])
    _audit(actor=actor, helper=helper, detail="account revoked", request=request)
    helper_accounts_switch_off(
        account_ids=[account.pk], today=today, detail="deactivated", actor=actor
    )


def _live(today: dt.date) -> Q:
    """Attachments whose period has not ended (started or still to come)."""
    return Q(end_date__isnull=True) | Q(end_date__gte=today)


@transaction.atomic
def helper_accounts_switch_off(
    *, account_ids: Iterable[int], today: dt.date, detail: str, actor: User | None = None
) -> int:
    """Switch off the active network-helper accounts among `account_ids` that no live
    attachment uses any more (each audited with `detail`, in the account's organisation).
    An account still attached to a live period of any network stays on. Returns how many
    were switched off."""
    ids = set(account_ids)
    live = NetworkHelper.objects.filter(_live(today), user_id__in=ids).values("user_id")
    accounts = (
        User.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk__in=ids, role=Role.NETWORK_HELPER, is_active=True)
        .exclude(pk__in=live)
        .order_by("pk")
    )
    count = 0
    for account in accounts:
        account.is_active = False
        account.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="update",
            obj=account,
            detail=detail,
            organisation=account.organisation,
        )
        count += 1
    return count


def helper_accounts_expire(*, today: dt.date) -> int:
    """The periodic part: switch off the network-helper accounts whose every attachment
    has ended (the end date counts: *tot en met*)."""
    ended = (
        User.objects.filter(role=Role.NETWORK_HELPER, is_active=True)
        .filter(helper_attachments__isnull=False)
        .values_list("pk", flat=True)
        .distinct()
    )
    return helper_accounts_switch_off(
        account_ids=list(ended), today=today, detail="deactivated: period ended"
    )
