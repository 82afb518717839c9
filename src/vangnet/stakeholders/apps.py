from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "vangnet.stakeholders"
    verbose_name = _("Partijen rond de vangnetwerken")
