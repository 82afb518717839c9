"""`vangnet apply-retention [--dry-run] [--months 24]`: anonymise participants who left
(no attendance and no route event) more than N months ago. Run with --dry-run first: it
reports what would change and changes nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vangnet.privacy.models import ErasureReason
from vangnet.privacy.selectors import retention_candidates
from vangnet.privacy.services import person_erase


class Command(BaseCommand):
    help = "Anonymise participants who left more than --months months ago (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")
        parser.add_argument("--months", type=int, default=24, help="Retention period in months.")

    def handle(self, *args, dry_run, months, **options):
        if months < 1 or months > 1200:
            raise CommandError("--months must be between 1 and 1200.")
        today = timezone.localdate()
        candidates = retention_candidates(today=today, months=months)
        verb = "Would anonymise" if dry_run else "Anonymising"
        self.stdout.write(
            f"{verb} {len(candidates)} participant(s) inactive for more than {months} months "
            f"(today {today.isoformat()})."
        )
        for item in candidates:
            participant = item.participant
            ended = "route ended" if item.route_ended else "stopped coming"
            self.stdout.write(
                f"  #{participant.pk} organisation {participant.organisation_id} "
                f"network {participant.network_id}: last activity "
                f"{item.last_activity.isoformat()} ({ended})"
            )
            if not dry_run:
                person_erase(participant=participant, actor=None, reason=ErasureReason.RETENTION)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Anonymised {len(candidates)} participant(s)."))
