"""/healthz, /readyz and /metrics: plain HTTP without redirect, readiness per check, metrics
only for allowed addresses or the token; JSON log lines."""

import json
import logging
import os
import subprocess
import sys

import pytest
from django.test import Client

from vangnet.operations import registry
from vangnet.operations.registry import NotReady, register_metric, register_readiness_check


@pytest.fixture
def https_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    return Client()  # made after the settings change: its middleware reads them


@pytest.fixture
def extra_registrations():
    checks, metrics = dict(registry._checks), dict(registry._metrics)
    yield
    registry._checks.clear()
    registry._checks.update(checks)
    registry._metrics.clear()
    registry._metrics.update(metrics)


def test_healthz_answers_plain_http_without_redirect(https_redirect, db):
    response = https_redirect.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
    assert https_redirect.get("/readyz").status_code == 200
    # Every other page is still sent to HTTPS.
    login = https_redirect.get("/inloggen/")
    assert login.status_code == 301 and login["Location"].startswith("https://")


def test_readyz_checks_database_and_cache(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content.decode().splitlines()[:2] == ["database: ok", "cache: ok"]


def test_readyz_answers_503_when_a_check_fails(client, db, extra_registrations, caplog):
    def worker_heartbeat():
        raise NotReady("no heartbeat for 300 s at db.internal")

    register_readiness_check("worker", worker_heartbeat)
    with caplog.at_level(logging.WARNING):
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.content.decode()
    assert "database: ok" in body and "worker: failed" in body
    assert "db.internal" not in body  # the reason goes to the log, not to the world
    assert "no heartbeat" in caplog.text


def test_metrics_refused_from_other_addresses(client, db):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 404
    assert (
        client.get("/metrics", REMOTE_ADDR="10.1.2.3", HTTP_AUTHORIZATION="Bearer x").status_code
        == 404
    )


def test_metrics_with_token_or_allowed_address(settings, client, db, extra_registrations):
    settings.VANGNET_METRICS_TOKEN = "t" * 40
    register_metric("vangnet_test_queue_depth", "Jobs waiting.", lambda: 7)
    register_metric(
        "vangnet_test_mails",
        "Mails.",
        lambda: {"sent": 3, "failed": 1},
        kind="counter",
        labels=["outcome"],
    )
    register_metric("vangnet_test_broken", "Fails.", lambda: 1 / 0)
    client.get("/inloggen/")  # one request to count
    response = client.get(
        "/metrics", REMOTE_ADDR="10.1.2.3", HTTP_AUTHORIZATION=f"Bearer {'t' * 40}"
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
    assert "vangnet_test_queue_depth 7.0" in text
    assert 'vangnet_test_mails_total{outcome="sent"} 3.0' in text
    assert "vangnet_test_broken" not in text  # left out, the rest still answers
    settings.VANGNET_METRICS_ALLOWED_NETWORKS = []
    assert client.get("/metrics").status_code == 404  # 127.0.0.1 no longer allowed


def test_metric_with_labels_must_return_a_dict(extra_registrations):
    register_metric("vangnet_test_bad", "Bad.", lambda: 1, labels=["x"])
    with pytest.raises(ValueError):
        registry._family(registry._metrics["vangnet_test_bad"])
    with pytest.raises(ValueError):
        register_metric("vangnet_test_kind", "Bad.", lambda: 1, kind="histogram")


def test_json_log_lines():
    """VANGNET_LOG_FORMAT=json: every log line is one JSON object (a fresh process, as the
    logging is set up once at start)."""
    script = (
        "import django, logging; django.setup(); "
        "logging.getLogger('vangnet.test').warning('hello %s', 'x', extra={'status_code': 503})"
    )
    env = {**os.environ, "VANGNET_LOG_FORMAT": "json", "DJANGO_SETTINGS_MODULE": "vangnet.settings"}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    line = json.loads(done.stderr.strip().splitlines()[-1])
    assert line["level"] == "WARNING" and line["logger"] == "vangnet.test"
    assert line["message"] == "hello x" and line["status_code"] == 503 and "time" in line
