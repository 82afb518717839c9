from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "vangnet.jobs"
    verbose_name = _("Achtergrondtaken")

    def ready(self) -> None:
        if apps.is_installed("vangnet.operations"):
            from vangnet.jobs.operations import register

            register()
