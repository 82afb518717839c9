"""Django's `flush`, allowed to empty the append-only audit table (audit.append_only).
Used by the test suite between transactional tests and by `vangnet restore`."""

from django.core.management.commands.flush import Command as FlushCommand

from vangnet.audit.append_only import audit_purge


class Command(FlushCommand):
    def handle(self, **options):
        with audit_purge():
            return super().handle(**options)
