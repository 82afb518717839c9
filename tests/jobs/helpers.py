"""Run the queued tasks in the test's own process and connection (the worker's loop in
batch mode: claim, run, record), for tests that do not need a real worker process."""

from unittest import mock

from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker


def run_ready_tasks() -> None:
    # The worker closes "old" connections between tasks, as a long-running process
    # should. Inside a test the connection holds the test's transaction: on
    # PostgreSQL closing it ends the test's transaction and every later query fails
    # with "the connection is closed". The real worker process (tests/jobs/
    # test_worker_process.py) keeps the closing; here it is left out.
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()
