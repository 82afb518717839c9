"""PDFs as export jobs: the organisation report, a network's annual report, a participant's
data-subject export, the municipality report and a network's plan are made by the worker
with the exports' progress page; permissions are checked when the PDF is asked for, when
the worker makes it and when the file is downloaded; the files are audited and purged like
exports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from tests.conftest import login
from tests.jobs.helpers import run_ready_tasks
from vangnet.audit.models import AuditEvent
from vangnet.exports import services
from vangnet.exports.models import ExportJob, ExportKind, JobStatus
from vangnet.organisations.models import Role

pytestmark = pytest.mark.django_db


def ask(client, kind: str, data) -> ExportJob | None:
    """Press the page's PDF button; the job the answer leads to, or None."""
    urls = {
        ExportKind.ORGANISATION_REPORT: reverse("dashboards:report_pdf") + "?periode=y2025",
        ExportKind.ANNUAL_REPORT: reverse("reports:annual_pdf", args=[data["network"].pk])
        + "?jaar=2025",
        ExportKind.PERSON_EXPORT: reverse("privacy:export_pdf", args=[data["janneke"].pk]),
        ExportKind.MUNICIPALITY_REPORT: reverse("reports:municipality_pdf") + "?periode=2025",
        ExportKind.NETWORK_PLAN: reverse("planning:network_plan_pdf", args=[data["network"].pk]),
    }
    response = client.post(urls[kind])
    if response.status_code != 302 or "/exports/" not in response["Location"]:
        return None
    return ExportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


WHO = {
    ExportKind.ORGANISATION_REPORT: "coordinator",
    ExportKind.ANNUAL_REPORT: "lead",
    ExportKind.PERSON_EXPORT: "lead",
    ExportKind.MUNICIPALITY_REPORT: "municipality",
    ExportKind.NETWORK_PLAN: "lead",
}
NAMES = {
    ExportKind.ORGANISATION_REPORT: "organisatierapport-20250101-20251231.pdf",
    ExportKind.ANNUAL_REPORT: "jaarverslag-{network}-2025.pdf",
    ExportKind.PERSON_EXPORT: "deelnemer-{person}.pdf",
    ExportKind.MUNICIPALITY_REPORT: "rapportage-gemeente-2025.pdf",
    ExportKind.NETWORK_PLAN: "plan-netwerk-{network}.pdf",
}


@pytest.mark.parametrize("kind", list(WHO))
def test_each_pdf_is_a_job_the_worker_makes_with_progress_and_a_download(client, data, kind):
    login(client, data[WHO[kind]])
    job = ask(client, kind, data)
    assert job is not None and job.status == JobStatus.QUEUED
    assert job.file_format == "pdf" and job.progress_total == 3
    task = DBTaskResult.objects.get()
    assert task.task_path == "vangnet.exports.tasks.export_job_task"
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert 'hx-get="' + reverse("exports:job_status", args=[job.pk]) in page
    assert "<progress" in page
    run_ready_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.available, job.error
    status = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert "hx-get" not in status and reverse("exports:download", args=[job.pk]) in status
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")
    name = NAMES[kind].format(network=data["network"].pk, person=data["janneke"].pk)
    assert name in download["Content-Disposition"]
    # Audited: the PDF made (by its owning app) and the file downloaded.
    made = AuditEvent.objects.filter(action="export").exclude(object_type="exports.exportjob")
    assert made.count() == 1 and made.get().actor == data[WHO[kind]]
    assert AuditEvent.objects.filter(
        object_type="exports.exportjob", object_id=str(job.pk), detail__startswith="download"
    ).exists()


@pytest.mark.parametrize(
    ("kind", "who"),
    [
        (ExportKind.ORGANISATION_REPORT, "lead"),
        (ExportKind.ORGANISATION_REPORT, "municipality"),
        (ExportKind.ANNUAL_REPORT, "evaluator"),
        (ExportKind.PERSON_EXPORT, "backup"),
        (ExportKind.PERSON_EXPORT, "coordinator"),
        (ExportKind.MUNICIPALITY_REPORT, "lead"),
        (ExportKind.MUNICIPALITY_REPORT, "evaluator"),
        (ExportKind.NETWORK_PLAN, "municipality"),
        (ExportKind.NETWORK_PLAN, "evaluator"),
    ],
)
def test_no_job_for_who_may_not_have_the_pdf(client, data, kind, who):
    login(client, data[who])
    assert ask(client, kind, data) is None
    assert not ExportJob.objects.exists() and not DBTaskResult.objects.exists()


def test_a_role_lost_before_the_worker_runs_fails_the_job(client, data):
    login(client, data["coordinator"])
    job = ask(client, ExportKind.ORGANISATION_REPORT, data)
    type(data["coordinator"]).objects.filter(pk=data["coordinator"].pk).update(role=Role.EVALUATOR)
    run_ready_tasks()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error == "Je mag deze export niet (meer) maken."
    assert job.file is None


def test_a_network_handed_over_before_the_download_refuses_the_file(client, data, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    login(client, data["lead"])
    job = ask(client, ExportKind.PERSON_EXPORT, data)
    assert job.status == JobStatus.DONE
    # The lead worker hands the network over: the participant is out of their sight.
    data["network"].lead_worker = data["backup"]
    data["network"].backup_worker = None
    data["network"].save()
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404
    assert not AuditEvent.objects.filter(detail__startswith="download").exists()


def test_a_coordinator_who_became_a_worker_gets_no_report_file(client, data, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    login(client, data["coordinator"])
    job = ask(client, ExportKind.ORGANISATION_REPORT, data)
    assert job.status == JobStatus.DONE
    type(data["coordinator"]).objects.filter(pk=data["coordinator"].pk).update(
        role=Role.SOCIAL_WORKER
    )
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 403


def test_someone_else_never_sees_the_pdf_job(client, data, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    login(client, data["lead"])
    job = ask(client, ExportKind.PERSON_EXPORT, data)
    client.logout()
    login(client, data["admin"])  # may export the person too, but it is not their job
    for name in ("exports:job", "exports:job_status", "exports:download"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404


def test_pdf_files_are_purged_like_exports(client, data, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    login(client, data["coordinator"])
    job = ask(client, ExportKind.ORGANISATION_REPORT, data)
    assert job.available and job.expires_at is not None
    assert services.export_jobs_purge(now=timezone.now()) == 0
    assert services.export_jobs_purge(now=job.expires_at + dt.timedelta(seconds=1)) == 1
    job.refresh_from_db()
    assert job.file is None and not job.available
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 302


def test_the_progress_page_leads_back_to_where_the_pdf_was_asked(client, data, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    login(client, data["admin"])  # no exports page of their own: back to the person
    job = ask(client, ExportKind.PERSON_EXPORT, data)
    page = client.get(reverse("exports:job", args=[job.pk])).content.decode()
    assert reverse("privacy:export", args=[data["janneke"].pk]) in page


def test_the_pdf_in_the_language_it_was_asked_in(client, data, settings):
    settings.VANGNET_EXPORTS_SYNC = True
    login(client, data["lead"])
    client.cookies["django_language"] = "en"
    with translation.override("nl"):  # the middleware's "en" ends with the block
        job = ask(client, ExportKind.ANNUAL_REPORT, data)
    assert job.params["language"] == "en" and job.status == JobStatus.DONE


def test_a_persons_pdf_is_not_served_after_their_erasure(client, data, settings):
    from vangnet.privacy.services import person_erase

    settings.VANGNET_EXPORTS_SYNC = True
    login(client, data["lead"])
    job = ask(client, ExportKind.PERSON_EXPORT, data)
    assert job.available
    person_erase(participant=data["janneke"], actor=data["lead"], reason="request")
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 404
