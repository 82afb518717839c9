"""The forecast's rates fitted by the background worker once a day (planning/rates_store.py):
after random histories the rates the page uses equal the rates fitted from scratch, the
network page equals the page without kept rates, a row of another day, version or rules is
never used, and the periodic work runs in-process, through `run-periodic` and in a real
worker process."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random
import signal
import subprocess

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory
from tests.jobs.test_worker_process import ROOT, VANGNET, wait_for
from tests.page_compare import page_text
from tests.participants.factories import attend, weekly_sessions
from vangnet.organisations.models import Organisation
from vangnet.participants.models import RouteEvent
from vangnet.planning import rates_store
from vangnet.planning.forecast_selectors import FORECAST_CACHE_VERSION
from vangnet.planning.models import OrganisationRates


def random_history(organisation: Organisation, rng: random.Random, today: dt.date) -> None:
    """Networks with weekly sessions, people invited over two years, random attendance and
    route events: enough history that some rates come from it."""
    for _ in range(rng.randint(1, 3)):
        network = NetworkFactory(organisation=organisation)
        sessions = weekly_sessions(network, today - dt.timedelta(weeks=100), 100)
        for number in range(rng.randint(8, 16)):
            first = rng.randrange(0, 90)
            person = ParticipantFactory(
                network=network,
                display_name=f"P{number}",
                invited_on=sessions[first].date - dt.timedelta(days=rng.randint(0, 20)),
            )
            if rng.random() < 0.85:
                stay = rng.randint(1, 100 - first)
                attend(person, [s for s in sessions[first : first + stay] if rng.random() < 0.8])
            if rng.random() < 0.2:
                RouteEvent.objects.create(
                    participant=person,
                    stage=rng.choice(["dropped_out", "referred_on"]),
                    date=today - dt.timedelta(days=rng.randint(1, 300)),
                    reason="Gesprek",
                )


@pytest.mark.django_db
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_after_the_job_the_rates_equal_the_rates_fitted_from_scratch(seed):
    rng = random.Random(seed)
    today = timezone.localdate()
    organisations = [NetworkFactory().organisation for _ in range(2)]
    for organisation in organisations:
        random_history(organisation, rng, today)
    assert rates_store.rates_refresh_all(today=today) == len(Organisation.objects.all())
    for organisation in organisations:
        fresh = rates_store.fitted_rates(organisation=organisation, today=today)
        assert fresh.people  # the history counted
        assert rates_store.stored_rates(organisation=organisation, today=today) == fresh
        cache.clear()
        assert rates_store.organisation_rates(organisation=organisation, today=today) == fresh
    assert rates_store.rates_refresh_all(today=today) == 0  # idempotent: all fitted today


@pytest.mark.django_db
def test_a_row_of_another_day_version_or_rules_is_never_used(network):
    organisation = network.organisation
    today = timezone.localdate()
    random_history(organisation, random.Random(7), today)
    fresh = rates_store.fitted_rates(organisation=organisation, today=today)
    wrong = {**dataclasses.asdict(fresh), "acquaint": 0.123456, "fallback": []}
    rules = rates_store.rules_digest(organisation)

    def kept(**row) -> None:
        OrganisationRates.objects.all().delete()
        values = {"day": today, "version": FORECAST_CACHE_VERSION, "rules": rules, **row}
        OrganisationRates.objects.create(organisation=organisation, rates=wrong, **values)
        cache.clear()

    kept()  # the check of the check: a valid row is read as kept
    assert rates_store.organisation_rates(organisation=organisation, today=today).acquaint == (
        0.123456
    )
    for row in (
        {"day": today - dt.timedelta(days=1)},
        {"version": FORECAST_CACHE_VERSION + 1},
        {"rules": "another"},
    ):
        kept(**row)
        assert rates_store.organisation_rates(organisation=organisation, today=today) == fresh
    # A rule changed during the day: the day's row was fitted under the old rule.
    kept()
    Organisation.objects.filter(pk=organisation.pk).update(dropout_after_weeks=3)
    organisation.refresh_from_db()
    refitted = rates_store.organisation_rates(organisation=organisation, today=today)
    assert refitted == rates_store.fitted_rates(organisation=organisation, today=today)
    # The job removes the rows of earlier days.
    OrganisationRates.objects.create(
        organisation=organisation, day=today - dt.timedelta(days=2), version=1, rules="", rates={}
    )
    rates_store.rates_refresh_all(today=today)
    assert set(OrganisationRates.objects.values_list("day", flat=True)) == {today}


def _page(client: Client, network) -> str:
    return page_text(client, reverse("networks:detail", args=[network.pk]))


@pytest.mark.django_db
def test_the_network_page_equals_the_page_without_kept_rates(network, coordinator):
    today = timezone.localdate()
    random_history(network.organisation, random.Random(3), today)
    client = login(Client(), coordinator)
    cache.clear()
    call_command("run_periodic", "forecast-rates")  # the worker's work, in-process
    assert OrganisationRates.objects.filter(day=today).exists()
    kept = _page(client, network)
    OrganisationRates.objects.all().delete()
    cache.clear()
    fresh = _page(client, network)  # fitted in the request (the worker has not run)
    assert kept == fresh
    assert "uitnodigingen per maand is er" in kept
    assert OrganisationRates.objects.filter(day=today).count() == 1  # kept for the next one


SETUP = """
import datetime as dt, random
from django.utils import timezone
from tests.planning.test_rates_store import random_history
from tests.factories import NetworkFactory
random_history(NetworkFactory().organisation, random.Random(5), timezone.localdate())
"""
COMPARE = """
import dataclasses, json
from django.utils import timezone
from vangnet.organisations.models import Organisation
from vangnet.planning import rates_store
today = timezone.localdate()
organisation = Organisation.objects.get()
kept = rates_store.stored_rates(organisation=organisation, today=today)
fresh = rates_store.fitted_rates(organisation=organisation, today=today)
print(json.dumps([kept == fresh, fresh.people]))
"""


def _shell(folder, env, code: str) -> str:
    out = subprocess.run(  # noqa: S603
        [VANGNET, "shell", "-c", code], env=env, check=True, cwd=folder, capture_output=True
    )
    return out.stdout.decode().strip().splitlines()[-1] if out.stdout.strip() else ""


@pytest.fixture(scope="module")
def worker_world(tmp_path_factory):
    """Its own SQLite file, as tests/jobs/test_worker_process.py, whatever DATABASE_URL says."""
    folder = tmp_path_factory.mktemp("rates-worker")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'rates.sqlite3'}",
        "PYTHONPATH": str(ROOT),
        "VANGNET_WORKER_HEARTBEAT_SECONDS": "1",
        "DEBUG": "0",
    }
    subprocess.run([VANGNET, "migrate", "-v", "0"], env=env, check=True, cwd=folder)  # noqa: S603
    return folder, env


def test_a_worker_process_fits_the_days_rates(worker_world):
    """A real `vangnet worker` with its scheduler on its own SQLite file: its periodic work
    fits today's rates, equal to the rates fitted from scratch."""
    folder, env = worker_world
    _shell(folder, env, SETUP)
    worker = subprocess.Popen(  # noqa: S603
        [VANGNET, "worker", "--worker-id", "rates", "--interval", "0.1"],
        env=env,
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(
            lambda: json.loads(_shell(folder, env, COMPARE) or "[false, 0]")[0],
            "the worker to fit today's rates",
        )
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=120)
    same, people = json.loads(_shell(folder, env, COMPARE))
    assert same and people
