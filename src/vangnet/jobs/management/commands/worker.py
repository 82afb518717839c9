"""`vangnet worker`: run background jobs (exports, PDFs, mail, periodic work).

Run one or more per machine (docs/deploy.md); each needs its own --worker-id or gets a
random one. Stops after the current task on SIGINT/SIGTERM.
"""

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from vangnet.jobs.worker import run_worker


class Command(BaseCommand):
    help = "Run background jobs until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--queue-name", default="*", help="Queues, comma-separated; * = all")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls")
        parser.add_argument("--batch", action="store_true", help="Run what is ready, then stop")
        parser.add_argument("--max-tasks", type=int, default=None)
        parser.add_argument("--worker-id", default="", help="Unique per process (max 64)")
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Do not start periodic work (when a systemd timer runs `vangnet run-periodic`)",
        )

    def handle(self, *args, queue_name, interval, batch, max_tasks, worker_id, **options):
        worker_id = (worker_id or get_random_string(32))[:64]
        self.stdout.write(f"Vangnet worker {worker_id} started.")
        self.stdout.flush()
        run_worker(
            worker_id=worker_id,
            queue_names=queue_name.split(","),
            interval=max(0.1, interval),
            batch=batch,
            max_tasks=max_tasks,
            scheduler=not options["no_scheduler"],
        )
