"""Export jobs: a requested export, its progress and (for a day) its file.

Besides the data exports, the PDFs (the organisation report, a network's annual report, a
participant's data-subject export, the municipality report, a network's plan) are export jobs too
(`document_services`). The file itself is kept in the database (a BinaryField) until
`expires_at`; after that `services.export_jobs_purge` clears it. Only the person who asked
for an export can see the job and download its file (selectors.job_for), and only while
they may still have it (document_services.job_check_allowed).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    ATTENDANCE = "attendance", _("Aanwezigheid")
    ROUTES = "routes", _("Routes van deelnemers")
    TIES = "ties", _("Steunrelaties")
    ANSWERS = "answers", _("Antwoorden op vragenlijsten")
    RESEARCH = "research", _("Onderzoeksexport (gepseudonimiseerd)")
    FIDELITY = "fidelity", _("Methodetrouw per kwartaal")
    # PDFs made in the background (exports.document_services).
    ORGANISATION_REPORT = "organisation_report", _("Organisatierapport (PDF)")
    ANNUAL_REPORT = "annual_report", _("Jaarverslag van een vangnetwerk (PDF)")
    PERSON_EXPORT = "person_export", _("Inzage in de gegevens van een deelnemer (PDF)")
    MUNICIPALITY_REPORT = "municipality_report", _("Rapportage voor de gemeente (PDF)")
    NETWORK_PLAN = "network_plan", _("Plan en begroting van een vangnetwerk (PDF)")


DATA_KINDS = (
    ExportKind.ATTENDANCE,
    ExportKind.ROUTES,
    ExportKind.TIES,
    ExportKind.ANSWERS,
    ExportKind.FIDELITY,
)
DOCUMENT_KINDS = (
    ExportKind.ORGANISATION_REPORT,
    ExportKind.ANNUAL_REPORT,
    ExportKind.PERSON_EXPORT,
    ExportKind.MUNICIPALITY_REPORT,
    ExportKind.NETWORK_PLAN,
)


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", _("Excel (XLSX)")
    CSV = "csv", _("CSV")
    ZIP = "zip", _("ZIP met CSV, Excel en woordenboek")
    PDF = "pdf", _("PDF")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("In de wachtrij")
    RUNNING = "running", _("Bezig")
    DONE = "done", _("Klaar")
    FAILED = "failed", _("Mislukt")


class ExportJob(models.Model):
    """One requested export. Holds the scope as plain parameters, never personal values."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="export_jobs",
        verbose_name=_("aangevraagd door"),
    )
    kind = models.CharField(_("soort export"), max_length=20, choices=ExportKind.choices)
    file_format = models.CharField(_("bestandsvorm"), max_length=10, choices=ExportFormat.choices)
    params = models.JSONField(_("bereik"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("stappen klaar"), default=0)
    progress_total = models.PositiveIntegerField(_("stappen totaal"), default=0)
    file = models.BinaryField(_("bestand"), null=True, blank=True, editable=False)
    filename = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(_("grootte (bytes)"), default=0)
    error = models.CharField(_("foutmelding"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    expires_at = models.DateTimeField(_("beschikbaar tot"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        indexes = [models.Index(fields=["requested_by", "created_at"], name="exportjob_user")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    @property
    def available(self) -> bool:
        """Done and the file not yet removed (the purge sets the size to 0)."""
        return self.status == JobStatus.DONE and self.size > 0
