from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "vangnet.library"
    verbose_name = _("Shared library")
