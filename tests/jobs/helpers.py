"""Run the queued tasks in the test's own process and connection (the worker's loop in
batch mode: claim, run, record), for tests that do not need a real worker process."""

from django_tasks_db.management.commands.db_worker import Worker


def run_ready_tasks() -> None:
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
