"""Sending this installation's figures to the benchmark hub (docs/benchmark.md, "The hub").

`exchange_send(today=)` posts `exchange.payload_build` to `VANGNET_BENCHMARK_HUB_URL` with
`VANGNET_BENCHMARK_HUB_TOKEN` and audits the outcome. It runs in the worker
(`tasks.exchange_send_task`), which tries again later after a failure the hub or the network
may recover from (no answer, 429, 5xx) and gives up at once on a refusal (401, 403, 400: a
person has to act). On success the withdrawals in it are confirmed (`PendingWithdrawal`
rows removed)."""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from vangnet.audit.services import audit_record
from vangnet.benchmark.exchange import hub_configured, hub_endpoint, payload_build
from vangnet.benchmark.models import PendingWithdrawal

TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class SendOutcome:
    ok: bool
    retry: bool  # worth trying again later
    status: int | None  # the hub's HTTP status, None without an answer
    message: str


def _post(url: str, token: str, body: bytes) -> tuple[int, str]:
    request = urllib.request.Request(  # noqa: S310 (the operator's https/http address)
        url,
        data=body,
        method="POST",
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Accept-Language": "nl",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            return answer.status, answer.read(10_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(10_000).decode("utf-8", "replace")


def exchange_send(*, today: dt.date) -> SendOutcome:
    if not hub_configured():
        return SendOutcome(False, False, None, "no hub configured")
    url = settings.VANGNET_BENCHMARK_HUB_URL
    if not url.startswith(("https://", "http://")):
        return SendOutcome(False, False, None, "VANGNET_BENCHMARK_HUB_URL is not an http(s) URL")
    payload = payload_build(today=today)
    body = json.dumps(payload).encode()
    try:
        status, text = _post(hub_endpoint(), settings.VANGNET_BENCHMARK_HUB_TOKEN, body)
    except (OSError, ValueError) as exc:  # no connection, timeout, TLS
        outcome = SendOutcome(False, True, None, f"no answer: {type(exc).__name__}")
    else:
        if 200 <= status < 300:
            outcome = SendOutcome(True, False, status, "stored")
        else:
            outcome = SendOutcome(False, status == 429 or status >= 500, status, text[:500])
    with transaction.atomic():
        if outcome.ok and payload["withdrawn"]:
            PendingWithdrawal.objects.filter(reference__in=payload["withdrawn"]).delete()
        organisations = {o["reference"] for p in payload["periods"] for o in p["organisations"]}
        audit_record(
            actor=None,
            action="export",
            object_type="benchmark.exchange",
            object_id=url[:40],
            detail=(
                f"benchmark to hub: {'sent' if outcome.ok else 'failed'} "
                f"(status {outcome.status or '-'}), {len(payload['periods'])} quarter(s), "
                f"{len(organisations)} organisation(s), {len(payload['withdrawn'])} withdrawn"
            )[:200],
        )
    return outcome
