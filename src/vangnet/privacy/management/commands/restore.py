"""`vangnet restore FILE`: replace the database's content by a backup made with
`vangnet backup FILE`. Everything currently in the database is removed first, in one
transaction: if loading fails, nothing changes. The receipts archive beside it
(`FILE.receipts.tar`) is checked first and replaces the receipts folder once the database
is restored (vangnet.finance.backup)."""

from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, transaction

BROKEN = (
    "Cannot restore from {file}: the file is not a complete Vangnet backup ({reason}). "
    "Nothing was changed. Use a file made by `vangnet backup`."
)


class Command(BaseCommand):
    help = "Replace the database content by a backup file (made by `vangnet backup`)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the JSON backup file.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Do not ask for confirmation (the current content is replaced).",
        )

    def handle(self, *args, file, yes, **options):
        if not yes and options.get("interactive", True):
            answer = input("All current data will be replaced. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            with open(file, "rb"):
                pass
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        from vangnet.finance.backup import (
            ReceiptArchiveError,
            receipts_archive_check,
            receipts_missing,
            receipts_restore,
        )

        try:
            receipts = receipts_archive_check(file)
        except ReceiptArchiveError as exc:
            raise CommandError(BROKEN.format(file=file, reason=f"receipts: {exc}")) from exc
        try:
            with transaction.atomic(using=DEFAULT_DB_ALIAS):
                call_command("flush", interactive=False, verbosity=0)
                call_command("loaddata", file, verbosity=0)
        except (serializers.base.DeserializationError, DatabaseError, ValueError) as exc:
            # A broken, truncated or foreign file: one clear line, no traceback.
            reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc)
            raise CommandError(BROKEN.format(file=file, reason=reason)) from exc
        self.stdout.write(self.style.SUCCESS(f"Database restored from {file}."))
        if receipts is not None:
            self.stdout.write(f"{receipts_restore(file)} receipt(s) restored.")
        missing = receipts_missing()
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"{missing} entr(y/ies) refer to a receipt that is not in "
                    f"VANGNET_RECEIPTS_DIR (no {file}.receipts.tar beside the backup?)."
                )
            )
