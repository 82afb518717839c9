from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipantsConfig(AppConfig):
    name = "vangnet.participants"
    verbose_name = _("Deelnemers")
