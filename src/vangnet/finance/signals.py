"""A receipt file goes when its row goes (also when a network is deleted with its rows),
once the deletion is committed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from vangnet.finance.models import MoneyEntry
from vangnet.finance.receipts import receipt_storage


def receipt_file_delete(name: str) -> None:
    """Remove a stored receipt after the transaction commits (nothing is lost on a
    rollback)."""
    if name:
        transaction.on_commit(lambda: receipt_storage.delete(name))


@receiver(post_delete, sender=MoneyEntry)
def _entry_deleted(sender: Any, instance: MoneyEntry, **kwargs: Any) -> None:
    receipt_file_delete(instance.receipt.name)
