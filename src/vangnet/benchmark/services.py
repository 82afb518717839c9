"""Writes of the benchmark: taking part and withdrawing (the organisation's administrator,
audited) and refreshing a participating organisation's snapshots (the background job)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.benchmark.exchange import hub_configured
from vangnet.benchmark.models import Participation, PendingWithdrawal, Snapshot
from vangnet.benchmark.rows import organisation_rows
from vangnet.reports.suppression import small_cell_k

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.organisations.models import Organisation


def _after_change(refresh: int | None) -> None:
    """Once the change is committed, in the worker: refresh the organisation `refresh` (its
    id; None after withdrawing) and tell the hub, when one is configured."""
    from vangnet.benchmark.tasks import benchmark_changed_task

    transaction.on_commit(lambda: benchmark_changed_task.enqueue(refresh))


def participation_save(*, user: Member, named: bool) -> Participation:
    """Take part (or change whether the organisation is named); audited."""
    with transaction.atomic():
        participation, created = Participation.objects.select_for_update().get_or_create(
            organisation_id=user.organisation_id, defaults={"named": named, "joined_by": user}
        )
        if not created and participation.named != named:
            participation.named = named
            participation.save(update_fields=["named"])
        audit_record(
            actor=user,
            action="create" if created else "update",
            obj=participation,
            detail=f"benchmark: {'joined' if created else 'updated'}, named={named}",
            organisation=user.organisation,
        )
        _after_change(participation.organisation_id)
    return participation


def participation_withdraw(*, user: Member) -> None:
    """Stop taking part: the participation and every snapshot go; the hub is told (the next
    exchange no longer holds the organisation). Audited."""
    with transaction.atomic():
        participation = (
            Participation.objects.select_for_update()
            .filter(organisation_id=user.organisation_id)
            .first()
        )
        if participation is None:
            raise ValidationError(_("Je organisatie doet niet mee aan de benchmark."))
        audit_record(
            actor=user,
            action="delete",
            obj=participation,
            detail="benchmark: withdrawn",
            organisation=user.organisation,
        )
        Snapshot.objects.filter(organisation_id=user.organisation_id).delete()
        if hub_configured():  # sent with every exchange until the hub confirmed it
            PendingWithdrawal.objects.get_or_create(reference=participation.reference)
        participation.delete()
        _after_change(None)


def snapshot_refresh(*, organisation: Organisation, today: dt.date) -> int:
    """Store the organisation's rows of the running quarter and the three before it (only
    while it takes part); the number of quarters stored."""
    if not Participation.objects.filter(organisation=organisation).exists():
        return 0
    rows = organisation_rows(organisation=organisation, today=today)
    now = timezone.now()
    with transaction.atomic():
        if not Participation.objects.select_for_update().filter(organisation=organisation):
            return 0  # withdrawn meanwhile
        for (year, quarter), found in rows.items():
            Snapshot.objects.update_or_create(
                organisation=organisation,
                year=year,
                quarter=quarter,
                defaults={"rows": found, "k": small_cell_k(), "computed_at": now},
            )
    return len(rows)


def snapshots_refresh_all(*, today: dt.date) -> int:
    """Every participating organisation's snapshots (the periodic job)."""
    done = 0
    for participation in Participation.objects.select_related("organisation").order_by("pk"):
        done += snapshot_refresh(organisation=participation.organisation, today=today)
    return done
