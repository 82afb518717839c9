"""PDFs as export jobs: the organisation report, a network's annual report, a participant's
data-subject export, the municipality report and a network's plan are laid out by the
worker, not inside a request.

They use the export jobs' machinery as it is: an `ExportJob` row (kind, format "pdf",
parameters), the same background task (`tasks.export_job_task`), the same progress page
and download, the same purge of expired files and the same handling of a killed worker.
Each kind names two functions of its owning app: `check(user, params)` (raises
PermissionDenied, Http404 or ValidationError) and `build(user, params, progress)` (checks
again, renders, writes the audit record, returns the file name and the bytes). Who may have
the file is checked when the job is asked for, when the worker makes it and when the file
is downloaded (`job_check_allowed`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation

from vangnet.dashboards.pdf import report_pdf_build, report_pdf_check
from vangnet.exports.models import ExportFormat, ExportJob, ExportKind
from vangnet.exports.scope import data_scope, research_scope
from vangnet.planning.pdf import plan_pdf_build, plan_pdf_check
from vangnet.privacy.pdf import person_export_pdf_build, person_export_pdf_check
from vangnet.reports.municipality_pdf import municipality_pdf_build, municipality_pdf_check
from vangnet.reports.pdf import annual_pdf_build, annual_pdf_check

if TYPE_CHECKING:
    from vangnet.core.typing import Member

Progress = Callable[[int, int], None]
STEPS = 3  # the figures, the HTML, the laid-out PDF


@dataclass(frozen=True)
class Document:
    check: Callable[[Any, Mapping[str, Any]], None]
    build: Callable[[Any, Mapping[str, Any], Progress], tuple[str, bytes]]


DOCUMENTS: dict[str, Document] = {
    ExportKind.ORGANISATION_REPORT: Document(report_pdf_check, report_pdf_build),
    ExportKind.ANNUAL_REPORT: Document(annual_pdf_check, annual_pdf_build),
    ExportKind.PERSON_EXPORT: Document(person_export_pdf_check, person_export_pdf_build),
    ExportKind.MUNICIPALITY_REPORT: Document(municipality_pdf_check, municipality_pdf_build),
    ExportKind.NETWORK_PLAN: Document(plan_pdf_check, plan_pdf_build),
}


def is_document(kind: str) -> bool:
    return kind in DOCUMENTS


def document_job_request(
    *, user: Member, kind: str, params: dict[str, Any], back: str = ""
) -> ExportJob:
    """Check that the user may have this PDF now, create its job and start it when the
    transaction commits (synchronously when settings.VANGNET_EXPORTS_SYNC is true).
    `back` is the page the PDF was asked from (the progress page links back to it)."""
    document = DOCUMENTS[kind]
    document.check(user, params)
    from vangnet.exports.services import export_job_run

    with transaction.atomic():
        job = ExportJob.objects.create(
            organisation=user.organisation,
            requested_by=user,
            kind=kind,
            file_format=ExportFormat.PDF,
            params={
                **params,
                "back": back,
                "language": translation.get_language() or settings.LANGUAGE_CODE,
            },
            progress_total=STEPS,
        )
        if getattr(settings, "VANGNET_EXPORTS_SYNC", False):
            export_job_run(job_id=job.pk)
        else:
            from vangnet.exports.tasks import export_job_task

            # The task row is written in the job's transaction: both or neither.
            export_job_task.enqueue(job.pk)
    job.refresh_from_db()
    return job


def document_build(*, job: ExportJob, progress: Progress) -> tuple[str, bytes]:
    """Make the job's PDF for its requester (checked again now), audited by the builder."""
    progress(0, STEPS)
    filename, data = DOCUMENTS[job.kind].build(job.requested_by, job.params, progress)
    progress(STEPS, STEPS)
    return filename, data


def job_check_allowed(*, job: ExportJob, user: Member) -> None:
    """May this user (still) have the job's file? Raises PermissionDenied or Http404 when
    their role or their networks changed since they asked for it."""
    if is_document(job.kind):
        try:
            DOCUMENTS[job.kind].check(user, job.params)
        except ValidationError:
            pass  # the filter no longer fits (a location removed): the file was allowed
    elif job.kind == ExportKind.RESEARCH:
        research_scope(user)
    else:
        data_scope(user, network_id=job.params.get("network_id"))
