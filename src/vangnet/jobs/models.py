"""The worker's own bookkeeping beside django-tasks-db's task rows.

`WorkerHeartbeat`: one row per running `vangnet worker` process, touched every few seconds;
a task that is "running" under a worker whose heartbeat went stale was abandoned (the
process was killed) and is retried or failed by `services.abandoned_recover`.
`PeriodicRun`: when each piece of periodic work was last started, so that N workers on
several machines start it once per interval (a conditional UPDATE claims it).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(_("verwerker"), max_length=64, unique=True)
    hostname = models.CharField(_("machine"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("proces"), default=0)
    started_at = models.DateTimeField(_("gestart op"))
    seen_at = models.DateTimeField(_("laatst gezien"), db_index=True)

    class Meta:
        verbose_name = _("verwerker")
        verbose_name_plural = _("verwerkers")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid} ({self.worker_id})"


class PeriodicRun(models.Model):
    name = models.CharField(_("taak"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("laatst gestart"))
    finished_at = models.DateTimeField(_("laatst klaar"), null=True, blank=True)
    result = models.CharField(_("uitkomst"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("periodieke taak")
        verbose_name_plural = _("periodieke taken")

    def __str__(self) -> str:
        return self.name
