"""The `vangnet worker` process: django-tasks-db's worker loop plus a housekeeping thread.

The housekeeping thread, every VANGNET_WORKER_HEARTBEAT_SECONDS:
- touches this worker's heartbeat row;
- recovers tasks abandoned by workers that died (`services.abandoned_recover`);
- enqueues periodic work whose interval has passed (unless started with --no-scheduler).
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from vangnet.jobs import services

logger = logging.getLogger(__name__)


class Housekeeping(threading.Thread):
    def __init__(self, *, worker_id: str, scheduler: bool):
        super().__init__(name="vangnet-worker-housekeeping", daemon=True)
        self.worker_id = worker_id
        self.scheduler = scheduler
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def tick(self) -> None:
        services.heartbeat(worker_id=self.worker_id, started_at=self.started_at)
        services.abandoned_recover()
        if self.scheduler:
            services.periodic_enqueue_due()

    def run(self) -> None:
        seconds = max(1, int(settings.VANGNET_WORKER_HEARTBEAT_SECONDS))
        while not self.stopping.wait(seconds):
            try:
                self.tick()
            except Exception:
                logger.exception("Worker housekeeping failed; trying again")
            finally:
                connection.close()

    def stop(self) -> None:
        self.stopping.set()


def run_worker(
    *,
    worker_id: str,
    queue_names: list[str],
    interval: float,
    batch: bool,
    max_tasks: int | None,
    scheduler: bool,
) -> None:
    """Run the worker until it is stopped (SIGINT/SIGTERM: after the current task)."""
    housekeeping = Housekeeping(worker_id=worker_id, scheduler=scheduler)
    # The first beat before any task is claimed, so no task of a live worker looks lost.
    housekeeping.tick()
    housekeeping.start()
    worker = Worker(
        queue_names=queue_names,
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        housekeeping.stop()
        services.heartbeat_remove(worker_id=worker_id)
