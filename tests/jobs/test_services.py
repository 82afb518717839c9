"""Heartbeats, recovery, the periodic schedule, the run-periodic command, the selectors."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.jobs.helpers import run_ready_tasks
from tests.jobs.tasks import hold
from vangnet.jobs import selectors, services
from vangnet.jobs.models import PeriodicRun, WorkerHeartbeat
from vangnet.jobs.periodic import PERIODIC

pytestmark = pytest.mark.django_db


def test_heartbeat_creates_then_touches_one_row():
    start = timezone.now()
    services.heartbeat(worker_id="w1", started_at=start, now=start)
    services.heartbeat(worker_id="w1", started_at=start, now=start + dt.timedelta(seconds=5))
    row = WorkerHeartbeat.objects.get()
    assert row.seen_at == start + dt.timedelta(seconds=5)
    assert selectors.newest_heartbeat_age(now=start + dt.timedelta(seconds=8)) == 3.0
    services.heartbeat_remove(worker_id="w1")
    assert selectors.newest_heartbeat_age() is None


def test_a_task_of_a_live_worker_is_left_alone(tmp_path):
    now = timezone.now()
    hold.enqueue(str(tmp_path), "x")
    services.heartbeat(worker_id="alive", started_at=now, now=now)
    DBTaskResult.objects.update(
        status="RUNNING", worker_ids=["alive"], started_at=now - dt.timedelta(hours=1)
    )
    assert services.abandoned_recover(now=now) == (0, 0)
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_periodic_work_is_claimed_once_per_interval():
    now = timezone.now()
    assert services.periodic_claim(name="exports", now=now)
    assert not services.periodic_claim(name="exports", now=now)  # a second worker, same tick
    assert not services.periodic_claim(name="exports", now=now + dt.timedelta(minutes=59))
    assert services.periodic_claim(name="exports", now=now + dt.timedelta(hours=1))


def test_the_scheduler_enqueues_due_work_once():
    now = timezone.now()
    assert services.periodic_enqueue_due(now=now) == list(PERIODIC)
    assert services.periodic_enqueue_due(now=now) == []
    assert DBTaskResult.objects.count() == len(PERIODIC)
    run_ready_tasks()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert PeriodicRun.objects.filter(finished_at__isnull=False).count() == len(PERIODIC)


def test_run_periodic_runs_everything_and_can_run_again():
    first, second = StringIO(), StringIO()
    call_command("run_periodic", stdout=first)
    call_command("run_periodic", stdout=second)
    for name in PERIODIC:
        assert f"{name}:" in first.getvalue()
    assert "0 follow-up task(s) opened" in second.getvalue()
    assert "0 export file(s) removed" in second.getvalue()


def test_run_periodic_refuses_unknown_names():
    with pytest.raises(CommandError, match="Unknown: nonsense"):
        call_command("run_periodic", "nonsense")


def test_queue_depth_and_failures(tmp_path):
    hold.enqueue(str(tmp_path), "y")
    assert selectors.queue_depth() == 1
    since = timezone.now() - dt.timedelta(minutes=1)
    DBTaskResult.objects.update(status="FAILED", finished_at=timezone.now())
    assert selectors.queue_depth() == 0
    assert selectors.failed_since(since) == 1


def test_expired_sign_in_sessions_are_removed_daily():
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from vangnet.jobs.periodic import sessions_purge

    current, expired = SessionStore(), SessionStore()
    current["who"], expired["who"] = 1, 2
    current.create()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    assert PERIODIC["sessions"].every == dt.timedelta(days=1)
    assert sessions_purge() == "1 expired sign-in session(s) removed"
    assert list(Session.objects.values_list("session_key", flat=True)) == [current.session_key]
    assert sessions_purge() == "0 expired sign-in session(s) removed"
