"""The periodic work: what runs, how often, and the function that does it.

Every function here is idempotent: running it twice in a row changes nothing the second
time. The worker starts each one once per interval (`services.periodic_enqueue_due`);
`vangnet run-periodic` runs them at once, for a systemd timer or cron instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Periodic:
    name: str
    every: dt.timedelta
    run: Callable[[], str]
    help: str


def followups_refresh_all() -> str:
    from vangnet.networks.models import Network
    from vangnet.participants.followup_services import followups_refresh

    today = timezone.localdate()
    created = 0
    for network in Network.objects.select_related("organisation").order_by("pk"):
        created += followups_refresh(network=network, today=today)
    return f"{created} follow-up task(s) opened"


def retention_apply() -> str:
    from vangnet.privacy.models import ErasureReason
    from vangnet.privacy.selectors import retention_candidates
    from vangnet.privacy.services import person_erase

    months = int(getattr(settings, "VANGNET_RETENTION_MONTHS", 0))
    if months <= 0:
        return "retention off (VANGNET_RETENTION_MONTHS=0)"
    candidates = retention_candidates(today=timezone.localdate(), months=months)
    for item in candidates:
        person_erase(participant=item.participant, actor=None, reason=ErasureReason.RETENTION)
    from vangnet.finance.services import RECEIPT_RETENTION_MONTHS, receipts_expire
    from vangnet.privacy.selectors import months_before

    receipts = receipts_expire(before=months_before(timezone.localdate(), RECEIPT_RETENTION_MONTHS))
    return f"{len(candidates)} participant(s) anonymised, {receipts} old receipt(s) removed"


def helper_accounts_expire() -> str:
    from vangnet.volunteers.accounts import helper_accounts_expire as expire

    return f"{expire(today=timezone.localdate())} network-helper account(s) switched off"


def exports_purge() -> str:
    from vangnet.exports.services import export_jobs_purge

    return f"{export_jobs_purge()} export file(s) removed"


def task_results_prune() -> str:
    from vangnet.jobs.services import task_results_prune as prune

    return f"{prune()} finished task row(s) removed"


def reminders_send() -> str:
    try:
        from vangnet.notifications.reminders import (  # type: ignore[import-untyped,unused-ignore]
            reminders_send_due,
        )
    except ImportError:  # the notifications app is not installed
        return "no reminders"
    return f"{reminders_send_due()} reminder mail(s) queued"


def benchmark_refresh() -> str:
    from vangnet.benchmark.exchange import hub_configured
    from vangnet.benchmark.services import snapshots_refresh_all
    from vangnet.benchmark.tasks import exchange_send_task

    done = snapshots_refresh_all(today=timezone.localdate())
    if hub_configured():
        exchange_send_task.enqueue(1)
        return f"{done} benchmark quarter(s) refreshed; sending to the hub"
    return f"{done} benchmark quarter(s) refreshed"


def sessions_purge() -> str:
    """Sign-in sessions past their expiry, removed: Django keeps them in the database until
    someone does, and they say who was signed in. (A cached copy expires with them.)"""
    from django.contrib.sessions.models import Session

    removed, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return f"{removed} expired sign-in session(s) removed"


def forecast_rates_refresh() -> str:
    from vangnet.planning.rates_store import rates_refresh_all

    fitted = rates_refresh_all(today=timezone.localdate())
    return (
        f"{fitted} organisation(s) given today's forecast rates; today's forecast of every"
        " started network prepared"
    )


PERIODIC: dict[str, Periodic] = {
    item.name: item
    for item in (
        Periodic(
            "followups",
            dt.timedelta(hours=1),
            followups_refresh_all,
            "open follow-up tasks for steady participants who stopped coming",
        ),
        Periodic(
            "retention",
            dt.timedelta(days=1),
            retention_apply,
            "anonymise participants past VANGNET_RETENTION_MONTHS",
        ),
        Periodic(
            "helpers",
            dt.timedelta(days=1),
            helper_accounts_expire,
            "switch off network-helper accounts whose every attachment has ended",
        ),
        Periodic("exports", dt.timedelta(hours=1), exports_purge, "remove expired export files"),
        Periodic(
            "sessions", dt.timedelta(days=1), sessions_purge, "remove expired sign-in sessions"
        ),
        Periodic("reminders", dt.timedelta(hours=1), reminders_send, "send due reminder mails"),
        Periodic(
            "prune", dt.timedelta(days=1), task_results_prune, "remove old finished task rows"
        ),
        Periodic(
            "benchmark",
            dt.timedelta(days=1),
            benchmark_refresh,
            "refresh the participating organisations' benchmark figures",
        ),
        # Hourly, so the day's rates are there within the hour after midnight; an
        # organisation's rates are fitted once a day (the ones already fitted are skipped),
        # its networks' forecasts prepared each hour (only the changed ones simulated).
        Periodic(
            "forecast-rates",
            dt.timedelta(hours=1),
            forecast_rates_refresh,
            "fit each organisation's recruitment forecast rates for today (once a day) and "
            "prepare every network's forecast of today",
        ),
    )
}
