"""Writes of the jobs app: worker heartbeats, recovery of abandoned tasks, the periodic
schedule. The task queue itself is django-tasks-db's (`DBTaskResult`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from vangnet.jobs.models import PeriodicRun, WorkerHeartbeat
from vangnet.jobs.periodic import PERIODIC
from vangnet.jobs.signals import job_abandoned

logger = logging.getLogger(__name__)

# Stored as the failed task's exception; shown (translated) wherever a job's failure is.
WORKER_LOST = "vangnet.jobs.WorkerLost"
WORKER_LOST_MESSAGE = "De verwerker stopte onverwacht tijdens deze taak; de taak is afgebroken."


def stale_after() -> dt.timedelta:
    return dt.timedelta(seconds=int(settings.VANGNET_WORKER_STALE_SECONDS))


def heartbeat(*, worker_id: str, started_at: dt.datetime, now: dt.datetime | None = None) -> None:
    """Record that this worker process is alive."""
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)
    if not updated:
        try:
            with transaction.atomic():
                WorkerHeartbeat.objects.create(
                    worker_id=worker_id,
                    hostname=socket.gethostname()[:255],
                    pid=os.getpid(),
                    started_at=started_at,
                    seen_at=now,
                )
        except IntegrityError:
            WorkerHeartbeat.objects.filter(worker_id=worker_id).update(seen_at=now)


def heartbeat_remove(*, worker_id: str) -> None:
    """A worker that stops cleanly says goodbye."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def abandoned_recover(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Tasks marked running by a worker whose heartbeat is stale (or gone) were abandoned:
    retry them (back to ready) while they have attempts left, else mark them failed with
    a message. Returns (retried, failed). Safe to run from several workers at once."""
    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - stale_after()).values_list(
            "worker_id", flat=True
        )
    )
    max_attempts = max(1, int(settings.VANGNET_JOB_MAX_ATTEMPTS))
    retried = failed = 0
    candidates = DBTaskResult.objects.running().filter(started_at__lt=now - stale_after())
    for pk, worker_ids in candidates.values_list("pk", "worker_ids"):
        if worker_ids and worker_ids[-1] in alive:
            continue
        with transaction.atomic():
            task = DBTaskResult.objects.select_for_update().filter(pk=pk).first()
            if task is None or task.status != TaskResultStatus.RUNNING:
                continue  # another worker recovered it meanwhile
            if len(task.worker_ids) < max_attempts:
                task.status = TaskResultStatus.READY
                task.started_at = None
                task.save(update_fields=["status", "started_at"])
                retried += 1
                logger.warning("Task %s (%s) abandoned by its worker: retried", pk, task.task_path)
                continue
            task.status = TaskResultStatus.FAILED
            task.finished_at = now
            task.exception_class_path = WORKER_LOST
            task.traceback = WORKER_LOST_MESSAGE
            task.save(update_fields=["status", "finished_at", "exception_class_path", "traceback"])
            failed += 1
            logger.error("Task %s (%s) abandoned by its worker: failed", pk, task.task_path)
            args_kwargs = task.args_kwargs or {}
            job_abandoned.send(
                sender=DBTaskResult,
                task_path=task.task_path,
                args=args_kwargs.get("args", []),
                kwargs=args_kwargs.get("kwargs", {}),
            )
    WorkerHeartbeat.objects.filter(seen_at__lt=now - 10 * stale_after()).delete()
    return retried, failed


def periodic_claim(*, name: str, now: dt.datetime) -> bool:
    """Claim the periodic work `name` if its interval has passed. Exactly one of several
    workers asking at once gets True (a conditional UPDATE, or the unique name)."""
    every = PERIODIC[name].every
    if PeriodicRun.objects.filter(name=name, started_at__lte=now - every).update(started_at=now):
        return True
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(name=name, started_at=now)
    except IntegrityError:
        return False
    return True


def periodic_enqueue_due(*, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every piece of periodic work whose interval has passed; returns the names."""
    from vangnet.jobs.tasks import run_periodic_task

    now = now or timezone.now()
    started = []
    for name in PERIODIC:
        if periodic_claim(name=name, now=now):
            run_periodic_task.enqueue(name)
            started.append(name)
    return started


def periodic_run(*, name: str) -> str:
    """Run one piece of periodic work now and record when it ran and what it did."""
    item = PERIODIC[name]
    now = timezone.now()
    PeriodicRun.objects.update_or_create(name=name, defaults={"started_at": now})
    result = item.run()
    PeriodicRun.objects.filter(name=name).update(finished_at=timezone.now(), result=result[:200])
    return result


def task_results_prune(*, now: dt.datetime | None = None, days: int = 7) -> int:
    """Remove finished task rows older than `days` (their outcome lives in the owning app)."""
    now = now or timezone.now()
    deleted, _ = (
        DBTaskResult.objects.finished().filter(finished_at__lt=now - dt.timedelta(days=days))
    ).delete()
    return deleted
