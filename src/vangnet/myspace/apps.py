from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MyspaceConfig(AppConfig):
    name = "vangnet.myspace"
    verbose_name = _("Mijn Vangnet")
