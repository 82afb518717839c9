"""Run by tests/core/test_replica_streaming.py in its own process, against a real primary
(DATABASE_URL) and its streaming replica (DATABASE_REPLICA_URL), both migrated. Prints one
JSON object with what it saw; the test asserts on it."""

from __future__ import annotations

import json
import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vangnet.settings")
django.setup()

from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from vangnet.core.replica import (  # noqa: E402
    PIN_KEY,
    replica_caught_up,
    replica_reads,
)
from vangnet.networks.models import Network  # noqa: E402
from vangnet.organisations.models import Organisation, Role, User  # noqa: E402


def replica(sql: str) -> None:
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)


def visible_on_replica(pk: int) -> bool:
    with replica_reads() as used:
        assert used
        return Network.objects.filter(pk=pk).exists()


class FakeRequest:
    def __init__(self, session: dict) -> None:
        self.session = session


def main() -> None:
    seen: dict[str, object] = {}
    organisation = Organisation.objects.create(name="Welzijn Replica")
    coordinator = User.objects.create_user(
        username="replica-coordinator",
        password="een-lang-wachtwoord-1",
        organisation=organisation,
        role=Role.COORDINATOR,
    )
    first = Network.objects.create(
        organisation=organisation,
        name="Eerste netwerk",
        start_date=timezone.localdate(),
        lead_worker=coordinator,
    )
    # The replica catches up with what was written before.
    seen["caught_up"] = replica_caught_up(wait_seconds=10)
    seen["first_on_replica"] = visible_on_replica(first.pk)

    # Replay paused: a new write reaches the primary only.
    replica("SELECT pg_wal_replay_pause()")
    second = Network.objects.create(
        organisation=organisation,
        name="Tweede netwerk",
        start_date=timezone.localdate(),
        lead_worker=coordinator,
    )
    seen["second_on_primary"] = Network.objects.filter(pk=second.pk).exists()
    seen["second_on_replica_while_paused"] = visible_on_replica(second.pk)
    seen["caught_up_while_paused"] = replica_caught_up(wait_seconds=0.3)
    with replica_reads(consistent=True) as used:
        seen["job_uses_replica_while_paused"] = used
        seen["job_sees_second"] = Network.objects.filter(pk=second.pk).exists()
    pinned = FakeRequest({PIN_KEY: time.time() + 10})
    with replica_reads(pinned) as used:  # type: ignore[arg-type]
        seen["pinned_uses_replica"] = used
        seen["pinned_sees_second"] = Network.objects.filter(pk=second.pk).exists()

    # The dashboard page reads from the replica.
    client = Client()
    client.force_login(coordinator)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        page = client.get(reverse("dashboards:organisation"))
    seen["dashboard_status"] = page.status_code
    seen["dashboard_queries_on_replica"] = len(on_replica.captured_queries)
    # After a write by this user (any POST), their next read comes from the primary.
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    with CaptureQueriesContext(connections["replica"]) as after_write:
        client.get(reverse("dashboards:organisation"))
    seen["queries_on_replica_after_write"] = len(after_write.captured_queries)

    # Replay resumed: the lag until the paused write is visible.
    replica("SELECT pg_wal_replay_resume()")
    started = time.monotonic()
    while not visible_on_replica(second.pk) and time.monotonic() - started < 30:
        time.sleep(0.01)
    seen["second_on_replica_after_resume"] = visible_on_replica(second.pk)
    third = Network.objects.create(
        organisation=organisation,
        name="Derde netwerk",
        start_date=timezone.localdate(),
        lead_worker=coordinator,
    )
    started = time.monotonic()
    while not visible_on_replica(third.pk) and time.monotonic() - started < 30:
        time.sleep(0.001)
    seen["lag_ms"] = round((time.monotonic() - started) * 1000, 1)
    print(json.dumps(seen))


if __name__ == "__main__":
    main()
