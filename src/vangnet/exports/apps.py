from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "vangnet.exports"
    verbose_name = _("Exports")

    def ready(self) -> None:
        from vangnet.exports.tasks import on_job_abandoned
        from vangnet.jobs.signals import job_abandoned

        job_abandoned.connect(on_job_abandoned, dispatch_uid="exports-job-abandoned")
