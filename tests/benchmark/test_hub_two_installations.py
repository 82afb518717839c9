"""Two Vangnet installations on loopback, each with its own database (docs/benchmark.md,
"The hub"). The hub is this test's live server (the test database, VANGNET_BENCHMARK_HUB on);
the sender is a second installation in separate processes on its own SQLite file: its
`vangnet worker` sends the figures over HTTP with the token the hub registered.

Checked: a figure the sender suppresses (about fewer than k people) never reaches the hub;
the hub publishes a cell only with the sender's organisation counted as a third organisation;
withdrawing the opt-in at the sender removes its figures from the hub; a bad token is
refused with a Dutch message, and the sender's job does not retry that refusal."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import OrganisationFactory, UserFactory
from vangnet.benchmark import metrics as m
from vangnet.benchmark.hub_services import sender_register
from vangnet.benchmark.models import Participation, ReceivedFigures, Snapshot
from vangnet.benchmark.selectors import benchmark_view
from vangnet.dashboards.periods import quarter_of

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
VANGNET = str(Path(sys.executable).with_name("vangnet"))
TIMEOUT = 300  # seconds: an upper bound on a loaded machine, not a timing claim


def hub_rows(prefix: str, fidelity: int) -> list[dict]:
    return [
        {
            "network_id": 100 + i,
            "name": f"{prefix} {i}",
            "phase": "build_up",
            "values": {m.FIDELITY: fidelity + i, m.CONVERSION: 0.5},
            "people": {"acquainted": 9, "reached": 9},
        }
        for i in range(2)
    ]


class Sender:
    """The second installation: its own SQLite database and its own processes."""

    def __init__(self, folder: Path, hub_url: str, token: str):
        self.folder = folder
        self.env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{folder / 'sender.sqlite3'}",
            "PYTHONPATH": str(ROOT),
            "DEBUG": "0",
            "VANGNET_BENCHMARK_HUB": "0",
            "VANGNET_BENCHMARK_HUB_URL": hub_url,
            "VANGNET_BENCHMARK_HUB_TOKEN": token,
            "VANGNET_BENCHMARK_EXCHANGE_BACKOFF_SECONDS": "3600",
        }
        self.env.pop("VANGNET_SMALL_CELL_K", None)

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [VANGNET, *args],
            env=self.env,
            cwd=self.folder,
            check=check,
            capture_output=True,
            timeout=TIMEOUT,
            text=True,
        )

    def call(self, function: str) -> str:
        code = f"from tests.benchmark.sender_world import {function}; {function}()"
        return self.run("shell", "-c", code).stdout.strip()

    def work(self) -> None:
        """The sender's worker runs what is queued (sending to the hub), then stops."""
        self.run("worker", "--batch", "--no-scheduler", "--interval", "0.1")

    def tasks(self) -> list[tuple[str, str, str]]:
        with sqlite3.connect(self.folder / "sender.sqlite3") as db:
            return db.execute(
                "SELECT task_path, status, return_value FROM django_tasks_database_dbtaskresult "
                "ORDER BY enqueued_at"
            ).fetchall()


@pytest.fixture
def hub(settings, live_server):
    settings.VANGNET_BENCHMARK_HUB = True
    year, quarter = quarter_of(timezone.localdate())
    organisations = [OrganisationFactory(name=name) for name in ("Hub Alfa", "Hub Beta")]
    for organisation, fidelity in zip(organisations, (40, 70), strict=True):
        Participation.objects.create(organisation=organisation)
        Snapshot.objects.create(
            organisation=organisation,
            year=year,
            quarter=quarter,
            rows=hub_rows(organisation.name, fidelity),
            computed_at=timezone.now(),
        )
    return organisations, (year, quarter)


def bands(year: int, quarter: int, phase: str = "all") -> dict:
    view = benchmark_view(organisation=None, year=year, quarter=quarter, phase=phase)
    return {band.metric: band for band in view.bands}


def test_two_installations_suppression_withdrawal_and_tokens(hub, live_server, tmp_path, client):
    organisations, (year, quarter) = hub
    # Alone, the hub's two organisations publish nothing (fewer than 3 organisations).
    assert not bands(year, quarter)[m.FIDELITY].published

    sender_object, token = sender_register(name="Zender installatie")
    sender = Sender(tmp_path, live_server.url, token)
    sender.run("migrate", "-v", "0")
    reference = sender.call("setup").splitlines()[-1]
    sender.call("send")
    sender.work()
    assert [status for _path, status, _value in sender.tasks()] == ["SUCCESSFUL"]

    stored = ReceivedFigures.objects.get(sender=sender_object, year=year, quarter=quarter)
    assert [item["reference"] for item in stored.organisations] == [reference]
    cells = {(c["phase"], c["metric"]) for c in stored.organisations[0]["cells"]}
    # Sent: the fidelity of its two networks. Never sent: the conversion of 3 new people and
    # the steady group of a network that reached 2 (fewer than k = 5); nor any name.
    assert cells == {("build_up", m.FIDELITY)}
    assert stored.organisations[0]["cells"][0]["bins"][5:7] == [1, 1]  # 55 and 65
    text = json.dumps(stored.organisations)
    assert "Zender" not in text and "network" not in text

    # At the hub the sender's organisation is the third: the fidelity cell is published.
    combined = bands(year, quarter)
    assert combined[m.FIDELITY].published
    assert (combined[m.FIDELITY].networks, combined[m.FIDELITY].organisations) == (6, 3)
    assert not combined[m.CONVERSION].published  # the sender's suppressed figure stays out
    assert not bands(year, quarter, "deepening")[m.STEADY_TARGET].published
    client.force_login(UserFactory(organisation=organisations[0], coordinator=True))
    page = client.get(reverse("benchmark:index")).content.decode()
    assert "3 organisaties doen mee" in page and "andere Vangnet-installatie" in page

    # Withdrawing at the sender: its worker tells the hub, the figures are gone there.
    sender.call("withdraw")
    sender.work()
    assert [value for _path, _status, value in sender.tasks()][-1] == '"sent (attempt 1)"'
    stored.refresh_from_db()
    assert stored.organisations == []
    assert reference not in json.dumps(list(ReceivedFigures.objects.values("organisations")))
    assert not bands(year, quarter)[m.FIDELITY].published

    # A bad token: refused with a Dutch message, and not retried (a person has to act).
    sender.env["VANGNET_BENCHMARK_HUB_TOKEN"] = token[:-4] + "xxxx"
    refused = sender.run("benchmark-hub", "send", check=False)
    assert refused.returncode != 0
    assert "401" in refused.stderr and "Onbekende of ingetrokken sleutel" in refused.stderr
    sender.call("send")
    sender.work()
    assert "not retried" in sender.tasks()[-1][2]
