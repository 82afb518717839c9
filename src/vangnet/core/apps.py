from django.apps import AppConfig
from django.core import signals
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vangnet.core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from vangnet.core import after_response

        signals.request_started.connect(after_response.request_started)
        signals.request_finished.connect(after_response.request_finished)
