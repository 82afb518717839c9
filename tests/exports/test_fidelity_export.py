"""The fidelity export (XLSX and CSV through the export jobs): the same scores and
components as /methodetrouw/, for the networks of the export scope, no names of people."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.exports.helpers import csv_rows, xlsx_sheets
from tests.factories import NetworkFactory, ParticipantFactory
from vangnet.exports.models import ExportJob, JobStatus
from vangnet.exports.scope import data_scope
from vangnet.exports.services import export_build
from vangnet.fidelity.score import KEYS
from vangnet.fidelity.selectors import fidelity_by_network

pytestmark = pytest.mark.django_db


def test_csv_has_a_row_per_network_quarter_and_component(coordinator, network):
    second = NetworkFactory(organisation=network.organisation)
    NetworkFactory()  # another organisation: never in it
    person = ParticipantFactory(network=network, display_name="Zwaantje de Vries")
    result = export_build(kind="fidelity", file_format="csv", scope=data_scope(coordinator))
    assert result.filename.startswith("methodetrouw-organisatie-")
    rows = csv_rows(result.data)
    assert rows[0][:5] == ["vangnetwerk_id", "vangnetwerk", "jaar", "kwartaal", "score"]
    body = rows[1:]
    assert len(body) == 2 * 4 * len(KEYS)
    assert {int(r[0]) for r in body} == {network.pk, second.pk}
    expected = fidelity_by_network(organisation=network.organisation, today=timezone.localdate())
    mine = next(e for e in expected if e.network_id == network.pk)
    last = [r for r in body if int(r[0]) == network.pk][-len(KEYS) :]
    assert [r[5] for r in last] == list(KEYS)
    score = mine.current.result.score
    assert last[0][4] == ("" if score is None else str(score))
    assert person.display_name not in result.data.decode("utf-8-sig")


def test_worker_gets_only_their_network_as_xlsx(worker, network):
    NetworkFactory(organisation=network.organisation)
    result = export_build(kind="fidelity", file_format="xlsx", scope=data_scope(worker))
    rows = xlsx_sheets(result.data)["methodetrouw"]
    assert {row[0] for row in rows[1:]} == {network.pk}


def test_export_page_makes_the_fidelity_export_as_a_job(client, coordinator, network, sync_exports):
    login(client, coordinator)
    page = client.get(reverse("exports:index")).content.decode()
    assert "Methodetrouw per kwartaal" in page
    response = client.post(
        reverse("exports:data_start"),
        {"kind": "fidelity", "network": str(network.pk), "file_format": "xlsx"},
    )
    assert response.status_code == 302
    job = ExportJob.objects.get(kind="fidelity")
    assert job.status == JobStatus.DONE
