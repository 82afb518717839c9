from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "vangnet.privacy"
    verbose_name = _("Privacy en beveiliging")

    def ready(self):
        from vangnet.privacy import signals  # noqa: F401
