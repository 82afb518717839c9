from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LogbookConfig(AppConfig):
    name = "vangnet.logbook"
    verbose_name = _("Logboek")
