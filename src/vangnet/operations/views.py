"""Operations endpoints: `/readyz` (beside `/healthz` in core) and `/metrics`.

`/healthz` says the process answers (no database): for the load balancer's liveness probe.
`/readyz` runs every readiness check (database, cache, the worker's heartbeat once the jobs
app registers it) and answers 503 when one fails: take this server out of rotation. Both
answer over plain HTTP (settings.SECURE_REDIRECT_EXEMPT), name the checks but not their
errors (those go to the log). `/metrics` is Prometheus' text format, for the addresses in
VANGNET_METRICS_ALLOWED_ADDRESSES or with `Authorization: Bearer <VANGNET_METRICS_TOKEN>`;
anyone else gets 404, so the endpoint does not show it exists.
"""

from __future__ import annotations

import hmac
import ipaddress
import os

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from vangnet.audit.services import client_ip
from vangnet.operations.checks import run_checks


@login_not_required
@never_cache
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    results = run_checks()
    lines = [f"{result.name}: {'ok' if result.ok else 'failed'}" for result in results]
    ready = all(result.ok for result in results)
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain", status=200 if ready else 503
    )


def metrics_allowed(request: HttpRequest) -> bool:
    token = getattr(settings, "VANGNET_METRICS_TOKEN", "")
    if token:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _sep, given = header.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip(), token):
            return True
    address = client_ip(request)
    if not address:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in settings.VANGNET_METRICS_ALLOWED_NETWORKS)


def _registry():
    """The default registry; with several worker processes (PROMETHEUS_MULTIPROC_DIR) a
    fresh one that adds up every process's files, plus the figures read at scrape time."""
    from prometheus_client import REGISTRY, CollectorRegistry, multiprocess

    from vangnet.operations.registry import install_collector

    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    install_collector(registry)
    return registry


@login_not_required
@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        raise Http404
    from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
