"""Making exports: the one build function (web jobs and the command line call it), export
jobs with progress, and the purge of expired files.

`export_file_create` builds the file and writes the one audit record of the export
(action "export", detail: kind, scope and format; never values). `export_job_request`
creates a job and, in the same transaction, enqueues its background task
(`tasks.export_job_task`, run by `vangnet worker`); synchronously when
settings.VANGNET_EXPORTS_SYNC is true, as in most tests.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from vangnet.audit.services import audit_record
from vangnet.core.replica import replica_reads
from vangnet.exports import document_services, research, tables
from vangnet.exports.fidelity_table import fidelity_table
from vangnet.exports.models import (
    DATA_KINDS,
    DOCUMENT_KINDS,
    ExportFormat,
    ExportJob,
    ExportKind,
    JobStatus,
)
from vangnet.exports.scope import ORGANISATION, ExportScope, data_scope, research_scope
from vangnet.exports.writers import Table, csv_and_xlsx_write, csv_bytes, xlsx_bytes

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.core.typing import Member
    from vangnet.organisations.models import User

logger = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total)

CONTENT_TYPES = {
    ExportFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.ZIP: "application/zip",
    ExportFormat.PDF: "application/pdf",
}
FORMATS = {
    **{kind: (ExportFormat.XLSX, ExportFormat.CSV) for kind in DATA_KINDS},
    ExportKind.RESEARCH: (ExportFormat.ZIP, ExportFormat.XLSX),
    **{kind: (ExportFormat.PDF,) for kind in DOCUMENT_KINDS},
}
NOT_ALLOWED_MESSAGE = gettext_noop("Je mag deze export niet (meer) maken.")
FAILED_MESSAGE = gettext_noop(
    "De export is mislukt. Probeer het later nog eens of vraag de beheerder om hulp."
)


@dataclass(frozen=True)
class ExportFile:
    filename: str
    content_type: str
    data: bytes


def keep_hours() -> int:
    return int(getattr(settings, "VANGNET_EXPORTS_KEEP_HOURS", 24))


def check_kind_format(kind: str, file_format: str) -> None:
    if kind not in ExportKind.values:
        raise ValidationError({"kind": _("Kies een soort export.")})
    if file_format not in FORMATS[ExportKind(kind)]:
        raise ValidationError({"file_format": _("Deze bestandsvorm kan niet bij deze export.")})


def total_steps(kind: str, scope: ExportScope) -> int:
    per_network = research.RESEARCH_STEPS_PER_NETWORK if kind == ExportKind.RESEARCH else 1
    return max(1, per_network * len(scope.networks))


def export_build(
    *,
    kind: str,
    file_format: str,
    scope: ExportScope,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ExportFile:
    """Build the export file. No audit record: callers use export_file_create."""
    check_kind_format(kind, file_format)
    today = today or timezone.localdate()
    total = total_steps(kind, scope)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(min(done, total), total)

    if progress is not None:
        progress(0, total)
    stamp = today.isoformat()
    where = "organisatie" if len(scope.networks) != 1 else f"netwerk-{scope.networks[0].pk}"
    if kind == ExportKind.RESEARCH:
        result = research.research_tables(scope, step, today=today)
        dictionary = research.dictionary_table()
        base = f"onderzoeksexport-{stamp}"
        if file_format == ExportFormat.XLSX:
            data = xlsx_bytes([*result, dictionary])
        else:
            k = int(getattr(settings, "VANGNET_SMALL_CELL_K", 5))
            readme = research.readme(made_on=today, k=k)
            # Written streaming, in one pass over each table's rows (they are generators
            # reading one network at a time): each row goes into the table's CSV member
            # and into the workbook, which is written into a temporary file (a ZIP
            # archive writes one member at a time) and copied in at the end.
            buffer = io.BytesIO()
            with (
                zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
                tempfile.TemporaryFile() as workbook,
            ):

                def member_of(table: Table) -> IO[bytes]:
                    name = "data_dictionary" if table is dictionary else table.key
                    return archive.open(f"{name}.csv", "w", force_zip64=True)

                csv_and_xlsx_write([*result, dictionary], workbook, member_of)
                archive.writestr("README.md", readme.encode("utf-8"))
                workbook.seek(0)
                member_info = zipfile.ZipInfo(f"{base}.xlsx", date_time=time.localtime()[:6])
                # Stored as it is: the workbook is a compressed ZIP already.
                member_info.compress_type = zipfile.ZIP_STORED
                with archive.open(member_info, "w", force_zip64=True) as member:
                    shutil.copyfileobj(workbook, member)
            data = buffer.getvalue()
    else:
        builder: Callable[[ExportScope, Callable[[], None]], Table] = {
            ExportKind.ATTENDANCE: tables.attendance_table,
            ExportKind.ROUTES: lambda s, st: tables.routes_table(s, st, today=today),
            ExportKind.TIES: tables.ties_table,
            ExportKind.ANSWERS: tables.answers_table,
            ExportKind.FIDELITY: lambda s, st: fidelity_table(s, st, today=today),
        }[ExportKind(kind)]
        table = builder(scope, step)
        base = f"{table.key}-{where}-{stamp}"
        if file_format == ExportFormat.CSV:
            data = csv_bytes(table)
        else:
            named = sum(1 for n in scope.networks if scope.named(n.pk))
            info = [
                (_("Export"), table.title),
                (_("Gemaakt op"), stamp),
                (_("Vangnetwerken"), ", ".join(n.name for n in scope.networks)),
                (
                    _("Namen"),
                    _("met namen")
                    if named == len(scope.networks)
                    else _("deelnemers met een code in plaats van hun naam"),
                ),
            ]
            data = xlsx_bytes([table], info=info)
    if progress is not None:
        progress(total, total)
    return ExportFile(
        filename=f"{base}.{file_format}",
        content_type=CONTENT_TYPES[ExportFormat(file_format)],
        data=data,
    )


def audit_detail(kind: str, scope: ExportScope, file_format: str) -> str:
    return f"{kind} {scope.label} {file_format}"


def export_file_create(
    *,
    kind: str,
    file_format: str,
    scope: ExportScope,
    actor: User,
    progress: Progress | None = None,
    obj: Any = None,
    request: HttpRequest | None = None,
) -> ExportFile:
    """Build the export and write its one audit record."""
    result = export_build(kind=kind, file_format=file_format, scope=scope, progress=progress)
    audit_record(
        actor=actor,
        action="export",
        obj=obj,
        object_type="" if obj is not None else "exports.export",
        object_id="" if obj is not None else kind,
        detail=audit_detail(kind, scope, file_format),
        request=request,
        organisation=scope.organisation,
    )
    return result


# --------------------------------------------------------------------------- jobs


def scope_for_job(job: ExportJob) -> ExportScope:
    """The scope, checked again against the requester's permissions when the job runs."""
    user = job.requested_by
    if job.kind == ExportKind.RESEARCH:
        return research_scope(user)
    return data_scope(user, network_id=job.params.get("network_id"))


def export_job_request(
    *, user: Member, kind: str, file_format: str, network_id: int | str | None = None
) -> ExportJob:
    """Create a job for this user (permissions are checked now and again when it runs)
    and start it after the transaction commits."""
    check_kind_format(kind, file_format)
    scope = research_scope(user) if kind == ExportKind.RESEARCH else None
    if scope is None:
        scope = data_scope(user, network_id=network_id)
    with transaction.atomic():
        job = ExportJob.objects.create(
            organisation=user.organisation,
            requested_by=user,
            kind=kind,
            file_format=file_format,
            params={
                "network_id": scope.networks[0].pk if scope.label != ORGANISATION else None,
                "language": translation.get_language() or settings.LANGUAGE_CODE,
            },
            progress_total=total_steps(kind, scope),
        )
        if getattr(settings, "VANGNET_EXPORTS_SYNC", False):
            export_job_run(job_id=job.pk)
        else:
            from vangnet.exports.tasks import export_job_task

            # The task row is written in the job's transaction: both or neither.
            export_job_task.enqueue(job.pk)
    job.refresh_from_db()
    return job


class _ProgressWriter:
    """Writes the job's progress row, at most twice a second (and always the last step)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.5:
            return
        self.last = now
        ExportJob.objects.filter(pk=self.job_id).update(progress_done=done, progress_total=total)


def export_job_run(*, job_id: int) -> None:
    """Run a queued job: build, audit, store the file. Any failure ends in status failed
    with a Dutch message and no file. A job left running by a worker that died is run
    again from the start when its task is retried; a finished job is never run again."""
    updated = ExportJob.objects.filter(
        pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
    ).update(status=JobStatus.RUNNING, started_at=timezone.now(), progress_done=0)
    if not updated:
        return  # finished or gone
    job = ExportJob.objects.only("params").get(pk=job_id)
    # The file in the language the requester used; stored messages are Dutch msgids.
    with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
        _run(job_id)


def _run(job_id: int) -> None:
    job = ExportJob.objects.select_related("requested_by__organisation").get(pk=job_id)
    try:
        # The data is read from the read replica when there is one and it has caught up
        # with everything saved before this job started (vangnet.core.replica).
        with replica_reads(consistent=True):
            if document_services.is_document(job.kind):
                # A PDF: its owning app checks, lays it out and audits it.
                filename, data = document_services.document_build(
                    job=job, progress=_ProgressWriter(job.pk)
                )
                result = ExportFile(filename, CONTENT_TYPES[ExportFormat.PDF], data)
            else:
                scope = scope_for_job(job)
                result = export_file_create(
                    kind=job.kind,
                    file_format=job.file_format,
                    scope=scope,
                    actor=job.requested_by,
                    progress=_ProgressWriter(job.pk),
                    obj=job,
                )
    except (PermissionDenied, Http404):
        _fail(job, NOT_ALLOWED_MESSAGE)
    except ValidationError as error:
        with translation.override("nl"):
            _fail(job, " ".join(error.messages))
    except Exception:
        logger.exception("Export job %s failed", job_id)
        _fail(job, FAILED_MESSAGE)
    else:
        now = timezone.now()
        ExportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.DONE,
            file=result.data,
            filename=result.filename,
            content_type=result.content_type,
            size=len(result.data),
            progress_done=max(job.progress_total, 1),
            finished_at=now,
            expires_at=now + dt.timedelta(hours=keep_hours()),
        )


def _fail(job: ExportJob, message: str) -> None:
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED,
        error=message[:500],
        file=None,
        size=0,
        finished_at=timezone.now(),
    )


def export_job_abandoned(*, job_id: int) -> None:
    """The worker running this job died and the job is not retried: fail it visibly."""
    ExportJob.objects.filter(pk=job_id, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]).update(
        status=JobStatus.FAILED, error=FAILED_MESSAGE, finished_at=timezone.now()
    )


def export_jobs_purge(*, now: dt.datetime | None = None) -> int:
    """Remove the files of jobs past their expiry (the job row stays, without file);
    also fail jobs stuck for more than a day (a restarted server). Returns files removed."""
    now = now or timezone.now()
    removed = ExportJob.objects.filter(expires_at__lt=now, size__gt=0).update(file=None, size=0)
    ExportJob.objects.filter(
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
        created_at__lt=now - dt.timedelta(hours=keep_hours()),
    ).update(status=JobStatus.FAILED, error=FAILED_MESSAGE, finished_at=now)
    return removed


def export_download_record(
    *, job: ExportJob, actor: User, request: HttpRequest | None = None
) -> None:
    """The download of an export file is a read of personal data: one audit record."""
    audit_record(
        actor=actor,
        action="export",
        obj=job,
        detail=f"download {job.kind} {job.file_format}",
        request=request,
    )
