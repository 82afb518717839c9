from django.apps import AppConfig
from django.core import signals
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "vangnet.core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from vangnet.core import after_response, session_touch

        signals.request_started.connect(after_response.request_started)
        signals.request_finished.connect(after_response.request_finished)
        user_logged_in.connect(session_touch.stamp_on_login, dispatch_uid="vangnet_touch")
