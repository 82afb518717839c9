from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "vangnet.volunteers"
    verbose_name = _("Mensen rond het vangnetwerk")

    def ready(self) -> None:
        from vangnet.volunteers import signals  # noqa: F401  (accounts follow attachments)
