"""Reads of the worker's logbook. Callers pass a network they got from
vangnet.core.permissions.network_for, so every read here is already scoped."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from vangnet.logbook.models import BALANCES, BalanceReflection, BuildingBlock, LogEntry
from vangnet.logbook.services import week_start

if TYPE_CHECKING:
    from vangnet.networks.models import Network


def log_entries(*, network: Network, building_block: str = "") -> QuerySet[LogEntry]:
    """The network's entries, newest first, optionally only those tagged `building_block`.

    The tags are a JSON list; `contains` on JSON is not available on SQLite, so the filter
    matches the quoted value in the stored text, which works on SQLite and PostgreSQL alike
    (no tag value is part of another)."""
    entries = LogEntry.objects.filter(network=network).select_related("author")
    if building_block:
        if building_block not in BuildingBlock.values:
            return entries.none()
        entries = entries.filter(building_blocks__icontains=f'"{building_block}"')
    return entries.order_by("-date", "-id")


def log_entry_get(*, network: Network, entry_id: int | str) -> LogEntry:
    """One entry of this network, or 404."""
    try:
        return LogEntry.objects.select_related("author", "network").get(
            network=network, pk=int(entry_id)
        )
    except (ValueError, TypeError, LogEntry.DoesNotExist) as exc:
        raise Http404 from exc


def reflection_for_week(*, network: Network, day: dt.date) -> BalanceReflection | None:
    return BalanceReflection.objects.filter(network=network, week_start=week_start(day)).first()


@dataclass(frozen=True)
class WeekBalance:
    """One ISO week of the balance history; `reflection` is None when none was written."""

    monday: dt.date
    reflection: BalanceReflection | None

    @property
    def iso(self) -> tuple[int, int]:
        year, week, _ = self.monday.isocalendar()
        return year, week

    @property
    def label(self) -> str:
        return f"{self.iso[1]}"

    @property
    def param(self) -> str:
        year, week = self.iso
        return f"{year}-W{week:02d}"

    def value(self, field: str) -> int | None:
        return None if self.reflection is None else getattr(self.reflection, field)

    @property
    def values(self) -> list[int | None]:
        return [self.value(field) for field, _left, _right in BALANCES]


def balance_history(*, network: Network, today: dt.date, weeks: int = 12) -> list[WeekBalance]:
    """The last `weeks` ISO weeks up to this week (not before the network's start), oldest
    first, each with its reflection if there is one. One query."""
    this_week = week_start(today)
    first = max(this_week - dt.timedelta(weeks=weeks - 1), week_start(network.start_date))
    stored = {
        reflection.week_start: reflection
        for reflection in BalanceReflection.objects.filter(
            network=network, week_start__gte=first, week_start__lte=this_week
        )
    }
    result = []
    monday = first
    while monday <= this_week:
        result.append(WeekBalance(monday, stored.get(monday)))
        monday += dt.timedelta(weeks=1)
    return result


def parse_iso_week(text: str) -> dt.date | None:
    """'2025-W05' -> the Monday of that week; None for anything else."""
    try:
        year, week = text.strip().upper().split("-W")
        return dt.date.fromisocalendar(int(year), int(week), 1)
    except (AttributeError, ValueError):
        return None


@dataclass(frozen=True)
class BlockCount:
    """How often the logbook names one building block in a period, and when last."""

    entries: int = 0
    last_date: dt.date | None = None


def building_block_counts(
    *, network_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, dict[str, BlockCount]]:
    """Per network id and building block, the entries of [start, end] tagged with it and
    the newest date: the evidence of the model of coherence (network_evaluation.coherence).
    One query; only dates and tags are read, never an entry's text, so it needs no audit."""
    result: dict[int, dict[str, BlockCount]] = {
        network_id: {block: BlockCount() for block in BuildingBlock.values}
        for network_id in network_ids
    }
    if not network_ids:
        return result
    rows = LogEntry.objects.filter(
        network_id__in=network_ids, date__gte=start, date__lte=end
    ).values_list("network_id", "date", "building_blocks")
    for network_id, day, blocks in rows:
        counts = result[network_id]
        for block in blocks if isinstance(blocks, list) else ():
            if block not in counts:
                continue
            before = counts[block]
            newest = day if before.last_date is None or day > before.last_date else before.last_date
            counts[block] = BlockCount(before.entries + 1, newest)
    return result
