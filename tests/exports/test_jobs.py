"""Export jobs: progress, the file, expiry, failure with a Dutch message, audit records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.exports.helpers import xlsx_sheets
from tests.jobs.helpers import run_ready_tasks
from vangnet.audit.models import AuditEvent
from vangnet.exports import services, tables
from vangnet.exports.models import ExportJob, JobStatus
from vangnet.jobs.services import abandoned_recover


def request_job(user, kind="attendance", fmt="xlsx", network_id=None):
    return services.export_job_request(user=user, kind=kind, file_format=fmt, network_id=network_id)


def test_a_synchronous_job_ends_done_with_its_file(data, sync_exports):
    job = request_job(data["lead"], network_id=data["network"].pk)
    assert job.status == JobStatus.DONE
    assert job.progress_done == job.progress_total == 1
    assert job.available and job.filename.endswith(".xlsx")
    assert job.expires_at - job.finished_at == dt.timedelta(hours=24)
    rows = xlsx_sheets(bytes(job.file))["aanwezigheid"]
    assert "Janneke Vermeulen" in {row[4] for row in rows}
    assert job.params["network_id"] == data["network"].pk


def test_job_progress_is_written_while_it_runs(data, sync_exports, monkeypatch):
    seen = []
    original = tables.attendance_table

    def spy(scope, step):
        def step_and_look():
            step()
            job = ExportJob.objects.get()
            seen.append((job.status, job.progress_done, job.progress_total))

        return original(scope, step_and_look)

    monkeypatch.setattr(tables, "attendance_table", spy)
    monkeypatch.setattr(services._ProgressWriter, "__call__", _unthrottled)
    job = request_job(data["coordinator"])
    assert job.status == JobStatus.DONE
    # Two networks: the row said 1 of 2, then 2 of 2, while running.
    assert seen == [("running", 1, 2), ("running", 2, 2)]


def _unthrottled(self, done, total):
    ExportJob.objects.filter(pk=self.job_id).update(progress_done=done, progress_total=total)


def test_a_failing_export_ends_failed_with_a_dutch_message_and_no_file(
    data, sync_exports, monkeypatch
):
    def boom(scope, step):
        step()
        raise RuntimeError("disk full")

    monkeypatch.setattr(tables, "attendance_table", boom)
    job = request_job(data["lead"], network_id=data["network"].pk)
    assert job.status == JobStatus.FAILED
    assert job.error.startswith("De export is mislukt.")
    assert "disk full" not in job.error
    assert job.file is None and job.size == 0 and not job.available
    assert job.finished_at is not None
    # Nothing was exported: no export audit record.
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_job_whose_permission_went_away_fails(data, sync_exports):
    job = ExportJob.objects.create(
        organisation=data["organisation"],
        requested_by=data["municipality"],
        kind="attendance",
        file_format="xlsx",
        params={},
    )
    services.export_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.error == "Je mag deze export niet (meer) maken."


def test_without_sync_the_job_waits_for_a_worker(data, settings):
    settings.VANGNET_EXPORTS_SYNC = False
    job = request_job(data["lead"], network_id=data["network"].pk)
    assert job.status == JobStatus.QUEUED
    assert job.progress_total == 1
    task = DBTaskResult.objects.get()
    assert task.task_path == "vangnet.exports.tasks.export_job_task"
    assert task.args_kwargs == {"args": [job.pk], "kwargs": {}}


def test_the_worker_runs_the_queued_job(data, settings):
    settings.VANGNET_EXPORTS_SYNC = False
    job = request_job(data["lead"], network_id=data["network"].pk)
    run_ready_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.available
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_job_abandoned_by_a_dead_worker_fails_visibly(data, settings):
    settings.VANGNET_EXPORTS_SYNC = False
    settings.VANGNET_JOB_MAX_ATTEMPTS = 1
    job = request_job(data["lead"], network_id=data["network"].pk)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", worker_ids=["dead"], started_at=long_ago)
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    assert abandoned_recover() == (0, 1)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error.startswith("De export is mislukt.")


def test_a_retried_job_runs_again_from_the_start(data, settings):
    settings.VANGNET_EXPORTS_SYNC = False
    job = request_job(data["lead"], network_id=data["network"].pk)
    long_ago = timezone.now() - dt.timedelta(hours=1)
    DBTaskResult.objects.update(status="RUNNING", worker_ids=["dead"], started_at=long_ago)
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress_done=1)
    assert abandoned_recover() == (1, 0)
    run_ready_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.available


def test_one_audit_record_per_export_without_values(data, sync_exports):
    job = request_job(data["coordinator"], kind="routes", fmt="csv")
    events = list(AuditEvent.objects.filter(action="export"))
    assert len(events) == 1
    event = events[0]
    assert event.actor == data["coordinator"]
    assert event.object_type == "exports.exportjob" and event.object_id == str(job.pk)
    assert event.detail == "routes organisation csv"
    assert "Janneke" not in event.detail


def test_research_job_is_audited(data, sync_exports):
    request_job(data["evaluator"], kind="research", fmt="zip")
    assert AuditEvent.objects.get(action="export").detail == "research organisation zip"


def test_expired_files_are_removed(data, sync_exports):
    job = request_job(data["lead"], network_id=data["network"].pk)
    assert services.export_jobs_purge(now=timezone.now()) == 0
    removed = services.export_jobs_purge(now=job.expires_at + dt.timedelta(seconds=1))
    assert removed == 1
    job.refresh_from_db()
    assert job.file is None and not job.available and job.status == JobStatus.DONE


def test_stuck_jobs_fail_after_a_day(data, settings):
    settings.VANGNET_EXPORTS_SYNC = False
    job = request_job(data["lead"], network_id=data["network"].pk)
    services.export_jobs_purge(now=timezone.now() + dt.timedelta(hours=25))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error.startswith("De export is mislukt.")


@pytest.mark.parametrize(
    "who, kwargs, error",
    [
        ("municipality", {}, PermissionDenied),
        ("evaluator", {}, PermissionDenied),
        ("backup", {"network": True}, PermissionDenied),
        ("lead", {"other": True}, Http404),
    ],
)
def test_requests_outside_the_rights_are_refused(data, sync_exports, who, kwargs, error):
    network_id = None
    if kwargs.get("network"):
        network_id = data["network"].pk
    if kwargs.get("other"):
        network_id = data["other"].pk
    with pytest.raises(error):
        request_job(data[who], network_id=network_id)
    assert not ExportJob.objects.exists()


def test_evaluator_may_not_take_data_but_research(data, sync_exports):
    with pytest.raises(PermissionDenied):
        request_job(data["evaluator"])
    job = request_job(data["evaluator"], kind="research", fmt="zip")
    assert job.status == JobStatus.DONE


def test_wrong_format_is_refused_in_dutch(data, sync_exports):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as info:
        request_job(data["lead"], kind="attendance", fmt="zip")
    assert info.value.message_dict["file_format"] == ["Deze bestandsvorm kan niet bij deze export."]


def test_worker_organisation_scope_is_their_own_networks(data, sync_exports):
    job = request_job(data["lead"])
    rows = xlsx_sheets(bytes(job.file))["aanwezigheid"][1:]
    assert {row[0] for row in rows} == {data["network"].name}
