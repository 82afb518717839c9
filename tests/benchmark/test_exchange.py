"""The exchange between installations in one process (docs/benchmark.md, "The hub"): what the
sender builds, what the hub accepts and refuses (Dutch messages, nothing half-stored), each
send replacing the last, the retry with backoff, the command and the OpenAPI document. The
two-process test is test_hub_two_installations.py."""

from __future__ import annotations

import copy
import datetime as dt
import uuid
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.benchmark import metrics as m
from vangnet.benchmark.exchange import payload_build
from vangnet.benchmark.hub_services import sender_register, sender_revoke
from vangnet.benchmark.models import (
    HubSender,
    Participation,
    PendingWithdrawal,
    ReceivedFigures,
    Snapshot,
)
from vangnet.benchmark.services import participation_withdraw
from vangnet.benchmark.tasks import backoff, exchange_send_task
from vangnet.dashboards.periods import quarter_of

pytestmark = pytest.mark.django_db

URL = "/api/benchmark/exchange/"


def now_quarter() -> tuple[int, int]:
    return quarter_of(timezone.localdate())


def payload(reference: str | None = None, bins: list[int] | None = None) -> dict:
    year, quarter = now_quarter()
    return {
        "schema_version": m.EXCHANGE_VERSION,
        "k": 5,
        "periods": [
            {
                "year": year,
                "quarter": quarter,
                "organisations": [
                    {
                        "reference": reference or str(uuid.uuid4()),
                        "cells": [
                            {
                                "phase": "build_up",
                                "metric": m.FIDELITY,
                                "bins": bins or [0, 0, 0, 0, 1, 2, 0, 0, 0, 0],
                            }
                        ],
                    }
                ],
            }
        ],
    }


@pytest.fixture
def hub(settings):
    settings.VANGNET_BENCHMARK_HUB = True
    sender, key = sender_register(name="Zuid")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}", HTTP_ACCEPT_LANGUAGE="nl")
    return sender, client


def test_the_sender_builds_only_suppressed_histograms_of_participating_organisations():
    year, quarter = now_quarter()
    taking_part, not_taking_part = OrganisationFactory(), OrganisationFactory()
    participation = Participation.objects.create(organisation=taking_part)
    row = {
        "network_id": 7,
        "name": "Netwerk Noord",
        "phase": "build_up",
        "values": {m.FIDELITY: 61, m.CONVERSION: 0.5},
        "people": {"acquainted": 4, "reached": 9},
    }
    for organisation in (taking_part, not_taking_part):
        Snapshot.objects.create(
            organisation=organisation,
            year=year,
            quarter=quarter,
            rows=[row],
            computed_at=timezone.now(),
        )
    built = payload_build(today=timezone.localdate())
    assert built["schema_version"] == m.EXCHANGE_VERSION and built["k"] == 5
    assert len(built["periods"]) == 4 and built["withdrawn"] == []
    current = next(p for p in built["periods"] if (p["year"], p["quarter"]) == (year, quarter))
    assert current["organisations"] == [
        {
            "reference": str(participation.reference),
            "cells": [{"phase": "build_up", "metric": m.FIDELITY, "bins": [0] * 6 + [1] + [0] * 3}],
        }
    ]
    assert "Noord" not in str(built)


def test_a_send_is_stored_and_the_next_replaces_it(hub):
    sender, client = hub
    reference = str(uuid.uuid4())
    response = client.post(URL, payload(reference), format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"periods": 1, "organisations": 1, "withdrawn": 0}
    response = client.post(URL, payload(reference, [0, 0, 0, 0, 0, 0, 0, 0, 3, 0]), format="json")
    assert response.status_code == 200
    stored = ReceivedFigures.objects.get(sender=sender)
    assert stored.organisations[0]["cells"][0]["bins"][8] == 3
    assert AuditEvent.objects.filter(detail__startswith="benchmark hub: 1 quarter").count() == 2
    # A withdrawal removes the organisation's figures of every quarter.
    response = client.post(
        URL, {**payload(), "periods": [], "withdrawn": [reference]}, format="json"
    )
    assert response.json()["withdrawn"] == 1
    stored.refresh_from_db()
    assert stored.organisations == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda p: p.update(schema_version=2), "versie 2 van het uitwisselformaat"),
        (lambda p: p.update(k=3), "minder dan 5 mensen"),
        (lambda p: p["periods"][0].update(quarter=5), "quarter"),
        (lambda p: p["periods"][0].update(year=timezone.localdate().year + 1), "toekomst"),
        (lambda p: p["periods"][0].update(year=2001), "te oud"),
        (lambda p: p["periods"].append(copy.deepcopy(p["periods"][0])), "twee keer"),
        (lambda p: p["periods"][0]["organisations"][0].update(reference="Alfa"), "reference"),
        (lambda p: p["periods"][0]["organisations"][0]["cells"][0].update(bins=[1, 2]), "bakjes"),
        (lambda p: p["periods"][0]["organisations"][0]["cells"][0].update(bins=[-1] * 10), "bins"),
        (lambda p: p["periods"][0]["organisations"][0]["cells"][0].update(metric="x"), "metric"),
        (lambda p: p["periods"][0]["organisations"][0]["cells"][0].update(phase="x"), "phase"),
        (lambda p: p.update(periods="veel"), "periods"),
        (lambda p: p.pop("schema_version"), "schema_version"),
    ],
)
def test_malformed_payloads_are_refused_and_nothing_is_stored(hub, change, message):
    _sender, client = hub
    body = payload()
    change(body)
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    assert not ReceivedFigures.objects.exists()


def test_bad_json_a_list_and_a_huge_body_are_refused(hub):
    _sender, client = hub
    assert client.post(URL, "{", content_type="application/json").status_code == 400
    assert client.post(URL, [1, 2], format="json").status_code == 400
    huge = client.post(URL, "x" * 2_000_001, content_type="application/json")
    assert huge.status_code == 413 and "te groot" in huge.json()["detail"]


def test_tokens_unknown_revoked_or_missing_are_refused_in_dutch(hub):
    sender, client = hub
    for header in ("Bearer vbh_geraden", "Bearer", "Basic abc", ""):
        other = APIClient()
        other.credentials(HTTP_AUTHORIZATION=header)
        response = other.post(URL, payload(), format="json")
        assert response.status_code == 401, header
        assert "sleutel" in response.json()["detail"]
    # An ordinary API token of a user is no sender's token either.
    assert AuditEvent.objects.filter(action="login_failed").exists()
    sender_revoke(name=sender.name)
    response = client.post(URL, payload(), format="json")
    assert response.status_code == 401
    assert "Onbekende of ingetrokken sleutel" in response.json()["detail"]


def test_an_installation_that_is_no_hub_answers_404(settings):
    settings.VANGNET_BENCHMARK_HUB = False
    assert APIClient().post(URL, payload(), format="json").status_code == 404


def test_a_failed_send_is_retried_later_with_backoff(settings):
    settings.VANGNET_BENCHMARK_HUB_URL = "http://127.0.0.1:9"  # discard port: nobody answers
    settings.VANGNET_BENCHMARK_HUB_TOKEN = "vbh_test"
    settings.VANGNET_BENCHMARK_EXCHANGE_ATTEMPTS = 3
    settings.VANGNET_BENCHMARK_EXCHANGE_BACKOFF_SECONDS = 60
    assert backoff(1) == dt.timedelta(seconds=60) and backoff(3) == dt.timedelta(seconds=240)
    result = exchange_send_task.call(1)
    assert "retrying in 0:01:00" in result
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [2] and queued.run_after > timezone.now()
    assert "not retried" in exchange_send_task.call(3)  # the last attempt
    assert AuditEvent.objects.filter(detail__startswith="benchmark to hub: failed").count() == 2


def test_a_withdrawal_waits_until_the_hub_confirms_it(settings):
    settings.VANGNET_BENCHMARK_HUB_URL = "http://127.0.0.1:9"
    settings.VANGNET_BENCHMARK_HUB_TOKEN = "vbh_test"
    admin = UserFactory(admin=True)
    participation = Participation.objects.create(organisation=admin.organisation)
    participation_withdraw(user=admin)
    pending = PendingWithdrawal.objects.get()
    assert pending.reference == participation.reference
    assert payload_build(today=timezone.localdate())["withdrawn"] == [str(pending.reference)]
    exchange_send_task.call(1)  # nobody answers: still pending
    assert PendingWithdrawal.objects.exists()


def test_the_command_registers_a_sender_and_shows_its_token_once():
    out = StringIO()
    call_command("benchmark_hub", "add-sender", "Installatie Oost", stdout=out)
    key = out.getvalue().split("Sleutel (alleen nu te zien): ")[1].split()[0]
    sender = HubSender.objects.get(name="Installatie Oost")
    assert key.startswith("vbh_") and key not in (sender.key_hash, sender.prefix)
    out = StringIO()
    call_command("benchmark_hub", "senders", stdout=out)
    assert "Installatie Oost" in out.getvalue() and key not in out.getvalue()
    with pytest.raises(CommandError, match="al een afzender"):
        call_command("benchmark_hub", "add-sender", "Installatie Oost")
    with pytest.raises(CommandError, match="Geen hub ingesteld"):
        call_command("benchmark_hub", "send")
    call_command("benchmark_hub", "revoke-sender", "Installatie Oost", stdout=StringIO())
    assert HubSender.objects.get().revoked_at is not None


def test_the_exchange_format_is_in_the_openapi_document(client):
    client.force_login(UserFactory(coordinator=True))
    schema = client.get("/api/schema/?format=json").json()
    assert "/api/benchmark/exchange/" in schema["paths"]
    for name in ("ExchangePayloadRequest", "ExchangeCellRequest", "ExchangeResult"):
        assert name in schema["components"]["schemas"], name
    assert "hubSenderAuth" in schema["components"]["securitySchemes"]
