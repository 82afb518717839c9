"""The exports page, starting a job, the progress fragment and the download."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.exports.helpers import xlsx_sheets, zip_files
from vangnet.audit.models import AuditEvent
from vangnet.exports.models import ExportJob, JobStatus


def login(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "who, status",
    [
        ("lead", 200),
        ("coordinator", 200),
        ("evaluator", 200),
        ("municipality", 403),
        ("backup", 403),
        ("admin", 403),
    ],
)
def test_index_access(client, data, who, status):
    response = login(client, data[who]).get(reverse("exports:index"))
    assert response.status_code == status


def test_index_lists_what_the_user_may_export(client, data):
    page = login(client, data["coordinator"]).get(reverse("exports:index")).content.decode()
    assert "Gegevens exporteren" in page and "Onderzoeksexport" in page
    assert "Buurtschap Noord" in page
    assert "deelnemers met een code in plaats van hun naam" in page
    client.logout()
    page = login(client, data["lead"]).get(reverse("exports:index")).content.decode()
    assert "met namen van deelnemers" in page
    assert "Buurtschap Noord" not in page  # not their network
    assert "Onderzoeksexport" not in page
    client.logout()
    page = login(client, data["evaluator"]).get(reverse("exports:index")).content.decode()
    assert "Onderzoeksexport" in page and "Gegevens exporteren" not in page


def test_start_runs_the_job_and_the_requester_downloads(client, data, sync_exports):
    login(client, data["lead"])
    response = client.post(
        reverse("exports:data_start"),
        {"kind": "attendance", "network": str(data["network"].pk), "file_format": "xlsx"},
    )
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("exports:job", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "<progress" in page and 'value="100"' in page
    assert reverse("exports:download", args=[job.pk]) in page
    assert "hx-trigger" not in page  # done: no more polling
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment; filename=")
    rows = xlsx_sheets(download.content)["aanwezigheid"]
    assert "Janneke Vermeulen" in {row[4] for row in rows}
    actions = list(
        AuditEvent.objects.filter(action="export").order_by("pk").values_list("detail", flat=True)
    )
    assert actions == [f"attendance network {data['network'].pk} xlsx", "download attendance xlsx"]
    # The list shows the job.
    assert "Downloaden" in client.get(reverse("exports:index")).content.decode()


def test_only_the_requester_sees_and_downloads_a_job(client, data, sync_exports):
    login(client, data["coordinator"])
    client.post(
        reverse("exports:data_start"),
        {"kind": "ties", "network": "organisation", "file_format": "csv"},
    )
    job = ExportJob.objects.get()
    client.logout()
    for who in ("lead", "evaluator", "admin"):
        login(client, data[who])
        for name in ("exports:job", "exports:job_status", "exports:download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404, (who, name)
        client.logout()
    assert AuditEvent.objects.filter(action="export").count() == 1


def test_polling_fragment_while_running(client, data, settings):
    settings.VANGNET_EXPORTS_SYNC = False
    login(client, data["lead"])
    client.post(
        reverse("exports:data_start"),
        {"kind": "routes", "network": "organisation", "file_format": "xlsx"},
    )
    job = ExportJob.objects.get()
    fragment = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in fragment
    assert reverse("exports:job_status", args=[job.pk]) in fragment
    assert "In de wachtrij" in fragment and "<progress" in fragment
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, progress_done=1, progress_total=4
    )
    fragment = client.get(reverse("exports:job_status", args=[job.pk])).content.decode()
    assert 'max="4" value="1"' in fragment and "1 van 4 stappen klaar (25%)" in fragment
    assert "<script" not in fragment and "style=" not in fragment


def test_failed_job_page_shows_the_dutch_message(client, data, sync_exports, monkeypatch):
    from vangnet.exports import tables

    monkeypatch.setattr(tables, "ties_table", lambda scope, step: 1 / 0)
    login(client, data["lead"])
    response = client.post(
        reverse("exports:data_start"),
        {"kind": "ties", "network": "organisation", "file_format": "xlsx"},
    )
    page = client.get(response["Location"]).content.decode()
    assert "De export is mislukt." in page
    job = ExportJob.objects.get()
    assert client.get(reverse("exports:download", args=[job.pk])).status_code == 302


def test_research_start(client, data, sync_exports):
    login(client, data["evaluator"])
    response = client.post(reverse("exports:research_start"), {"research-file_format": "zip"})
    assert response.status_code == 302
    job = ExportJob.objects.get()
    download = client.get(reverse("exports:download", args=[job.pk]))
    assert "README.md" in zip_files(download.content)


@pytest.mark.parametrize(
    "post",
    [
        {},
        {"kind": "nonsense", "network": "organisation", "file_format": "xlsx"},
        {"kind": "attendance", "network": "999999", "file_format": "xlsx"},
        {"kind": "attendance", "network": "organisation", "file_format": "zip"},
    ],
)
def test_bad_input_answers_400_and_makes_nothing(client, data, sync_exports, post):
    response = login(client, data["lead"]).post(reverse("exports:data_start"), post)
    assert response.status_code == 400
    assert "Er ging iets mis" in response.content.decode()
    assert not ExportJob.objects.exists()


def test_other_network_is_not_offered_to_a_worker(client, data, sync_exports):
    response = login(client, data["lead"]).post(
        reverse("exports:data_start"),
        {"kind": "attendance", "network": str(data["other"].pk), "file_format": "xlsx"},
    )
    assert response.status_code == 400
    assert not ExportJob.objects.exists()


def test_evaluator_cannot_start_a_data_export(client, data):
    response = login(client, data["evaluator"]).post(
        reverse("exports:data_start"),
        {"kind": "attendance", "network": "organisation", "file_format": "xlsx"},
    )
    assert response.status_code == 403


def test_expired_download_redirects(client, data, sync_exports):
    login(client, data["lead"])
    client.post(
        reverse("exports:data_start"),
        {"kind": "routes", "network": "organisation", "file_format": "csv"},
    )
    job = ExportJob.objects.get()
    ExportJob.objects.filter(pk=job.pk).update(expires_at=job.expires_at - dt.timedelta(days=2))
    response = client.get(reverse("exports:download", args=[job.pk]))
    assert response.status_code == 302
    assert "verwijderd" in client.get(response["Location"]).content.decode()


def test_a_network_can_be_preselected(client, data):
    login(client, data["coordinator"])
    url = reverse("exports:index")
    page = client.get(url, {"netwerk": data["other"].pk}).content.decode()
    assert f'<option value="{data["other"].pk}" selected>' in page
    page = client.get(url, {"netwerk": "junk"}).content.decode()
    assert "selected>" not in page.split('name="network"')[1].split("</select>")[0]


def test_network_link_tag(rf, data):
    from django.template import Context, Template

    template = Template("{% load exports_tags %}{% exports_network_link network %}")
    for who, shown in (("lead", True), ("coordinator", True), ("backup", False)):
        request = rf.get("/")
        request.user = data[who]
        html = template.render(Context({"request": request, "network": data["network"]}))
        assert (f"?netwerk={data['network'].pk}" in html) is shown, who
