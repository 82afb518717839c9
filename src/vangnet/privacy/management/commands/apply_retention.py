"""`vangnet apply-retention [--dry-run] [--months 24] [--audit-months N]`: anonymise
participants who left (no attendance and no route event) more than N months ago. Run with
--dry-run first: it reports what would change and changes nothing.

`--receipt-months N` (default 84, the seven years of the fiscal retention period) removes
the receipt files (finance) of entries dated more than N months ago; the entries stay for
the accounts. A network's receipts also go when the network itself is deleted.

`--audit-months N` also deletes audit rows older than N months: the one documented way past
the audit table's append-only trigger (audit.append_only). Without it no audit row is
deleted."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vangnet.audit.models import AuditEvent
from vangnet.audit.services import audit_events_purge
from vangnet.privacy.models import ErasureReason
from vangnet.privacy.selectors import months_before, retention_candidates
from vangnet.privacy.services import person_erase


class Command(BaseCommand):
    help = "Anonymise participants who left more than --months months ago (default 24)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")
        parser.add_argument("--months", type=int, default=24, help="Retention period in months.")
        parser.add_argument(
            "--receipt-months",
            type=int,
            default=None,
            help="Remove receipt files of entries older than this many months (default 84).",
        )
        parser.add_argument(
            "--audit-months",
            type=int,
            default=None,
            help="Also delete audit rows older than this many months (default: keep all).",
        )

    def handle(self, *args, dry_run, months, audit_months=None, receipt_months=None, **options):
        if months < 1 or months > 1200:
            raise CommandError("--months must be between 1 and 1200.")
        if audit_months is not None and not 1 <= audit_months <= 1200:
            raise CommandError("--audit-months must be between 1 and 1200.")
        if receipt_months is not None and not 1 <= receipt_months <= 1200:
            raise CommandError("--receipt-months must be between 1 and 1200.")
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
        self._receipt_retention(today=today, months=receipt_months, dry_run=dry_run)
        if audit_months is not None:
            self._audit_retention(today=today, months=audit_months, dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Anonymised {len(candidates)} participant(s)."))

    def _receipt_retention(self, *, today, months: int | None, dry_run: bool) -> None:
        from vangnet.finance.models import MoneyEntry
        from vangnet.finance.services import RECEIPT_RETENTION_MONTHS, receipts_expire

        months = months or RECEIPT_RETENTION_MONTHS
        before = months_before(today, months)
        if dry_run:
            old = MoneyEntry.objects.filter(date__lt=before).exclude(receipt="").count()
            self.stdout.write(f"Would remove {old} receipt(s) older than {months} months.")
            return
        removed = receipts_expire(before=before)
        self.stdout.write(f"Removed {removed} receipt(s) older than {months} months.")

    def _audit_retention(self, *, today, months: int, dry_run: bool) -> None:
        cutoff = timezone.make_aware(dt.datetime.combine(months_before(today, months), dt.time.min))
        old = AuditEvent.objects.filter(at__lt=cutoff).count()
        if dry_run:
            self.stdout.write(f"Would delete {old} audit row(s) older than {months} months.")
            return
        deleted = audit_events_purge(before=cutoff)
        self.stdout.write(f"Deleted {deleted} audit row(s) older than {months} months.")
