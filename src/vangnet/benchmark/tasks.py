"""The benchmark's background work (django-tasks; run by `vangnet worker`)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django_tasks import task


@task()
def benchmark_changed_task(organisation_id: int | None) -> str:
    """After taking part (refresh that organisation's snapshots) or withdrawing; then the
    hub, when one is configured, gets the new figures (or the withdrawal)."""
    from vangnet.benchmark.exchange import hub_configured
    from vangnet.benchmark.services import snapshot_refresh
    from vangnet.organisations.models import Organisation

    result = "withdrawn"
    if organisation_id is not None:
        organisation = Organisation.objects.filter(pk=organisation_id).first()
        if organisation is None:
            return "organisation gone"
        done = snapshot_refresh(organisation=organisation, today=timezone.localdate())
        result = f"{done} quarter(s) refreshed"
    if hub_configured():
        exchange_send_task.enqueue(1)
        result += "; sending to the hub"
    return result


def backoff(attempt: int) -> dt.timedelta:
    """The wait before attempt `attempt + 1`: the base doubled per attempt, at most a day."""
    base = max(1, int(settings.VANGNET_BENCHMARK_EXCHANGE_BACKOFF_SECONDS))
    return dt.timedelta(seconds=min(86_400, base * 2 ** (attempt - 1)))


@task()
def exchange_send_task(attempt: int = 1) -> str:
    """Send the figures to the hub; after a failure worth retrying, enqueue the next attempt
    after `backoff(attempt)`, up to VANGNET_BENCHMARK_EXCHANGE_ATTEMPTS attempts."""
    from vangnet.benchmark.exchange_send import exchange_send

    outcome = exchange_send(today=timezone.localdate())
    if outcome.ok:
        return f"sent (attempt {attempt})"
    if outcome.retry and attempt < int(settings.VANGNET_BENCHMARK_EXCHANGE_ATTEMPTS):
        exchange_send_task.using(run_after=timezone.now() + backoff(attempt)).enqueue(attempt + 1)
        return f"attempt {attempt} failed ({outcome.message}); retrying in {backoff(attempt)}"
    return f"attempt {attempt} failed, not retried: {outcome.message}"
