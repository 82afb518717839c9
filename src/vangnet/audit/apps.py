from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vangnet.audit"
    verbose_name = _("Audit")

    def ready(self):
        from vangnet.audit import signals  # noqa: F401
