"""The forecast's simulated figures kept in a table (planning/forecast_store.py): after the
cache is emptied, the figures read back from the table equal the simulation from scratch for
the same inputs, for random inputs (rates, start, invitations, target, month, seed) and
random orders of asking; a changed input never gets another input's figures; the worker's
hourly work prepares every network's forecast, also after a page fitted the day's rates, and
again for a network whose start changed, and forgets earlier days."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import database_histories
from tests.factories import NetworkFactory, ParticipantFactory
from tests.participants.factories import attend, weekly_sessions
from vangnet.planning import forecast_selectors, forecast_store, rates_store
from vangnet.planning.forecast import Rates, Start
from vangnet.planning.models import SimulatedForecast

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 2)
share = st.floats(0.05, 0.95)
inputs = st.fixed_dictionaries(
    {
        "rates": st.builds(
            Rates,
            acquaint=share,
            steady_share=share,
            dropout_per_month=st.floats(0.0, 0.3),
            return_per_month=st.floats(0.0, 0.3),
            invitations_per_month=st.floats(0.0, 8.0),
        ),
        "start": st.builds(
            Start,
            steady=st.integers(0, 25),
            newcomers=st.tuples(*[st.integers(0, 4)] * 3),
            dropped=st.integers(0, 6),
        ),
        "planned": st.sampled_from([0.0, 1.5, 4.0]),
        "target": st.integers(5, 20),
        "month": st.integers(1, 12),
        "seed": st.integers(0, 3),
    }
)


FIELDS = ("rates", "start", "planned", "target", "month", "seed")


@database_histories(8)
@given(base=inputs, other=inputs, repeat=st.lists(st.integers(0, len(FIELDS))))
def test_figures_read_back_equal_the_simulation_from_scratch(base, other, repeat):
    """The base inputs and, per field, the base with that field taken from `other`, each
    asked with an empty cache (so read from the table when asked before, in a random
    order), give the figures of the simulation from scratch."""
    SimulatedForecast.objects.all().delete()  # the examples share the test's database
    asked = [base] + [{**base, field: other[field]} for field in FIELDS]
    order = asked + [asked[index] for index in repeat]
    for given_inputs in order:
        cache.clear()
        kept = forecast_selectors._simulated(**given_inputs, day=DAY)
        assert kept == forecast_selectors.simulated_figures(**given_inputs)
    assert SimulatedForecast.objects.count() <= len(asked)


def test_an_emptied_cache_does_not_simulate_again(monkeypatch):
    given_inputs = {
        "rates": Rates(0.5, 0.4, 0.05, 0.1, 3.0),
        "start": Start(steady=8, newcomers=(1, 2, 0), dropped=2),
        "planned": 3.0,
        "target": 12,
        "month": 6,
        "seed": 7,
    }
    first = forecast_selectors._simulated(**given_inputs, day=DAY)
    cache.clear()
    calls = []
    monkeypatch.setattr(
        forecast_selectors, "simulated_figures", lambda **kw: calls.append(kw) or first
    )
    assert forecast_selectors._simulated(**given_inputs, day=DAY) == first
    assert calls == []
    # Another target is other inputs: simulated, not read.
    forecast_selectors._simulated(**{**given_inputs, "target": 13}, day=DAY)
    assert len(calls) == 1


def test_the_daily_work_prepares_every_network_and_forgets_earlier_days(network, monkeypatch):
    today = timezone.localdate()
    old = SimulatedForecast.objects.create(
        key="x" * 64, day=today - dt.timedelta(days=1), quantiles=[[1.0]], probability=0.5
    )
    other = NetworkFactory(organisation=network.organisation, start_date=today)
    assert rates_store.rates_refresh_all(today=today) >= 1
    assert not SimulatedForecast.objects.filter(pk=old.pk).exists()
    assert SimulatedForecast.objects.filter(day=today).count() >= 1
    # The pages' first looks after an emptied cache read the prepared figures.
    cache.clear()

    def simulate(**kwargs):
        raise AssertionError("simulated again")

    monkeypatch.setattr(forecast_selectors, "simulated_figures", simulate)
    for item in (network, other):
        forecast_selectors.network_forecast(network=item, today=today)
    assert rates_store.rates_refresh_all(today=today) == 0  # idempotent: fitted already


def no_simulation(monkeypatch) -> None:
    def simulate(**kwargs):
        raise AssertionError("simulated while the page waits")

    monkeypatch.setattr(forecast_selectors, "simulated_figures", simulate)


def test_the_hourly_work_prepares_the_day_whoever_fitted_the_rates(network, monkeypatch):
    today = timezone.localdate()
    # A page looked first after midnight: it fitted and kept the day's rates itself.
    rates_store.organisation_rates(organisation=network.organisation, today=today)
    assert rates_store.rates_refresh_all(today=today) == 0  # nothing left to fit
    assert SimulatedForecast.objects.filter(day=today).count() == 1
    cache.clear()
    with monkeypatch.context() as patched:
        no_simulation(patched)
        forecast_selectors.network_forecast(network=network, today=today)


def test_a_changed_start_is_simulated_by_the_next_hourly_run(network, monkeypatch):
    today = timezone.localdate()
    rates_store.rates_refresh_all(today=today)
    before = forecast_selectors.network_forecast(network=network, today=today)["start"]
    newcomer = ParticipantFactory(network=network, invited_on=today - dt.timedelta(days=14))
    attend(newcomer, weekly_sessions(network, today - dt.timedelta(days=7), 1))
    rates_store.rates_refresh_all(today=today)
    assert SimulatedForecast.objects.filter(day=today).count() == 2  # the new start too
    cache.clear()
    with monkeypatch.context() as patched:
        no_simulation(patched)
        after = forecast_selectors.network_forecast(network=network, today=today)["start"]
    assert after != before


def test_figures_without_a_finite_value_are_not_kept():
    forecast_store.store_figures("y" * 64, DAY, ([[1.0, float("nan")]], 0.5, None))
    assert not SimulatedForecast.objects.exists()
