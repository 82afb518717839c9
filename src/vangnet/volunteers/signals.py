"""An attachment that goes (on its own, or with its network or organisation) takes its
account's purpose with it: once the deletion is committed, the account is switched off when
no live attachment uses it any more (`accounts.helper_accounts_switch_off`, audited).

After the commit, so that a rolled-back deletion changes nothing and an account deleted in
the same go (its organisation removed) is simply not found."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from vangnet.volunteers.models import NetworkHelper

DETAIL = "deactivated: attachment removed"


def _switch_off(account_id: int) -> None:
    from vangnet.volunteers.accounts import helper_accounts_switch_off

    helper_accounts_switch_off(account_ids=[account_id], today=timezone.localdate(), detail=DETAIL)


@receiver(post_delete, sender=NetworkHelper)
def _attachment_deleted(sender: Any, instance: NetworkHelper, **kwargs: Any) -> None:
    account_id = instance.user_id
    if account_id is not None:
        transaction.on_commit(lambda: _switch_off(account_id))
