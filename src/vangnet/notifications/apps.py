from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "vangnet.notifications"
    verbose_name = _("E-mail en herinneringen")

    def ready(self) -> None:
        if apps.is_installed("vangnet.operations"):
            from vangnet.notifications.selectors import mail_counts
            from vangnet.operations.registry import register_metric

            register_metric(
                "vangnet_mails",
                "Mails sent and failed since the start (by status).",
                lambda: {status: count for status, count in mail_counts().items()},
                kind="counter",
                labels=("status",),
            )
