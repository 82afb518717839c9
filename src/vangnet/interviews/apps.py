from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "vangnet.interviews"
    verbose_name = _("Evaluatiegesprekken")

    def ready(self) -> None:
        from vangnet.interviews import signals  # noqa: F401
