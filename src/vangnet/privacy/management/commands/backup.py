"""`vangnet backup FILE`: write the whole database to one JSON file (Django's dumpdata).

Datetimes keep their microseconds (vangnet.privacy.backup_format). Works the same on SQLite
and PostgreSQL; `vangnet restore FILE` reads it back. The receipts (finance) go beside it,
to `FILE.receipts.tar` (vangnet.finance.backup). Sessions,
content types and permissions are left out: Django recreates the latter two itself. So are
the data versions that the database's triggers keep (participants.fact_triggers and its
siblings): restoring the rows makes the triggers give every network and participant new
tokens, so no cache entry made before the restore is used for the restored data.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

TRIGGER_KEPT = [
    "participants.NetworkFactVersion",
    "participants.ParticipantFactVersion",
    "participants.NetworkDataVersion",
    "participants.NetworkPageVersion",
]
EXCLUDED = ["contenttypes", "auth.permission", "sessions.session", *TRIGGER_KEPT]


class Command(BaseCommand):
    help = "Write the whole database to a JSON file (restore with `vangnet restore FILE`)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the JSON file to write.")

    def handle(self, *args, file, **options):
        call_command(
            "dumpdata",
            natural_foreign=True,
            format="vangnet_json",  # JSON with whole microseconds (privacy.backup_format)
            exclude=EXCLUDED,
            indent=1,
            output=file,
            verbosity=0,
        )
        from vangnet.finance.backup import archive_path, receipts_archive_write

        written, missing = receipts_archive_write(file)
        self.stdout.write(self.style.SUCCESS(f"Backup written to {file}."))
        if written:
            self.stdout.write(f"{written} receipt(s) written to {archive_path(file)}.")
        if missing:
            self.stdout.write(
                self.style.WARNING(f"{missing} receipt file(s) were missing and are not backed up.")
            )
