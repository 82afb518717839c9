from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkEvaluationConfig(AppConfig):
    name = "vangnet.network_evaluation"
    verbose_name = _("Netwerkevaluatie")
