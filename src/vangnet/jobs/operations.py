"""The jobs app's readiness check and metrics, registered with `vangnet.operations`."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from vangnet.jobs import selectors


def worker_heartbeat_check() -> str | None:
    """Ready when some worker beat within VANGNET_WORKER_STALE_SECONDS. Outside production
    (VANGNET_READY_REQUIRES_WORKER off) a missing worker is reported, not failed."""
    from vangnet.operations.registry import NotReady

    age = selectors.newest_heartbeat_age()
    stale = int(settings.VANGNET_WORKER_STALE_SECONDS)
    if age is not None and age <= stale:
        return None
    problem = "no worker ever seen" if age is None else f"no worker heartbeat for {age:.0f} s"
    if settings.VANGNET_READY_REQUIRES_WORKER:
        raise NotReady(problem)
    return f"{problem} (not required)"


def failed_last_day() -> int:
    return selectors.failed_since(timezone.now() - dt.timedelta(days=1))


def heartbeat_age() -> float:
    age = selectors.newest_heartbeat_age()
    return -1.0 if age is None else age


def register() -> None:
    from vangnet.operations.registry import register_metric, register_readiness_check

    register_readiness_check("worker", worker_heartbeat_check)
    register_metric(
        "vangnet_jobs_queued", "Background tasks waiting for a worker.", selectors.queue_depth
    )
    register_metric(
        "vangnet_jobs_failed_last_day", "Background tasks failed in the last 24 h.", failed_last_day
    )
    register_metric(
        "vangnet_worker_heartbeat_age_seconds",
        "Seconds since the newest worker heartbeat (-1: no worker ever seen).",
        heartbeat_age,
    )
