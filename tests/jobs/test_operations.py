"""The worker's readiness check and the queue metrics on /readyz and /metrics."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from vangnet.jobs import services

pytestmark = pytest.mark.django_db


def test_readyz_fails_without_a_live_worker_when_required(client, settings):
    settings.VANGNET_READY_REQUIRES_WORKER = True
    body = client.get("/readyz")
    assert body.status_code == 503 and "worker: failed" in body.content.decode()
    now = timezone.now()
    services.heartbeat(worker_id="w", started_at=now, now=now)
    assert client.get("/readyz").status_code == 200
    services.heartbeat(worker_id="w", started_at=now, now=now - dt.timedelta(hours=1))
    from vangnet.jobs.models import WorkerHeartbeat

    WorkerHeartbeat.objects.update(seen_at=now - dt.timedelta(hours=1))
    assert client.get("/readyz").status_code == 503


def test_readyz_only_reports_a_missing_worker_when_not_required(client, settings):
    settings.VANGNET_READY_REQUIRES_WORKER = False
    response = client.get("/readyz")
    assert response.status_code == 200 and "worker: ok" in response.content.decode()


def test_metrics_show_the_queue(client, tmp_path):
    from tests.jobs.tasks import hold

    hold.enqueue(str(tmp_path), "m")
    text = client.get("/metrics").content.decode()
    assert "vangnet_jobs_queued 1.0" in text
    assert "vangnet_jobs_failed_last_day 0.0" in text
    assert "vangnet_worker_heartbeat_age_seconds -1.0" in text
