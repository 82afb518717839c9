from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FinanceConfig(AppConfig):
    name = "vangnet.finance"
    verbose_name = _("Geld")

    def ready(self) -> None:
        from vangnet.finance import signals  # noqa: F401  (receipt files follow their rows)
