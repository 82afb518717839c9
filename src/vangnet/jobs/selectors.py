"""Reads for operators: queue depth, recent failures, the newest worker heartbeat.

Plain functions, so a readiness check or a metrics registry can call them."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from vangnet.jobs.models import WorkerHeartbeat


def queue_depth() -> int:
    """Tasks waiting to run now (ready, not deferred to later)."""
    return DBTaskResult.objects.ready().count()


def failed_since(since: dt.datetime) -> int:
    return DBTaskResult.objects.failed().filter(finished_at__gte=since).count()


def newest_heartbeat_age(*, now: dt.datetime | None = None) -> float | None:
    """Seconds since the most recent heartbeat of any worker; None when none ever beat."""
    now = now or timezone.now()
    newest = WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True)
    seen = newest.first()
    return None if seen is None else max(0.0, (now - seen).total_seconds())
