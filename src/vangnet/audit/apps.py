from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vangnet.audit"
    verbose_name = _("Audit")

    def ready(self):
        from django.db.backends.signals import connection_created

        from vangnet.audit import signals  # noqa: F401
        from vangnet.audit.append_only import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="vangnet_audit_purge")
