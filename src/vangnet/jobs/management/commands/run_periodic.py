"""`vangnet run-periodic [NAME ...]`: run the periodic work now (all, or the named ones).

For a systemd timer or cron when the workers run with --no-scheduler. Idempotent: a second
run right after the first changes nothing."""

from django.core.management.base import BaseCommand, CommandError

from vangnet.jobs.periodic import PERIODIC
from vangnet.jobs.services import periodic_run


class Command(BaseCommand):
    help = "Run periodic work now: " + ", ".join(PERIODIC)

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="Only these (default: all)")

    def handle(self, *args, names, **options):
        unknown = sorted(set(names) - set(PERIODIC))
        if unknown:
            raise CommandError(f"Unknown: {', '.join(unknown)}. Known: {', '.join(PERIODIC)}")
        for name in names or list(PERIODIC):
            self.stdout.write(f"{name}: {periodic_run(name=name)}")
