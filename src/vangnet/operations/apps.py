from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "vangnet.operations"
    verbose_name = _("Beheer en bewaking")

    def ready(self) -> None:
        from vangnet.operations import checks, registry

        checks.register_builtin_checks()
        registry.install_collector()
