import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.planning.synthetic import TODAY, histories
from vangnet.planning.forecast import (
    QUANTILES,
    SEED_RATES,
    Rates,
    Start,
    fit_rates,
    invitations_needed,
    simulate,
)


@pytest.mark.parametrize(
    ("acquaint", "share", "dropout", "back"),
    [(0.8, 0.5, 0.04, 0.05), (0.6, 0.3, 0.1, 0.15), (0.95, 0.7, 0.02, 0.1)],
)
def test_rates_recovered_from_synthetic_histories(acquaint, share, dropout, back):
    people = histories(
        people=3000, acquaint=acquaint, steady_share=share, dropout=dropout, back=back
    )
    rates = fit_rates(people, today=TODAY)
    assert rates.from_history
    assert rates.acquaint == pytest.approx(acquaint, abs=0.03)
    assert rates.steady_share == pytest.approx(share, abs=0.04)
    assert rates.dropout_per_month == pytest.approx(dropout, rel=0.25)
    assert rates.return_per_month == pytest.approx(back, rel=0.3)


def test_too_little_history_falls_back_to_the_seeds():
    people = histories(people=5, acquaint=0.1, steady_share=0.1, dropout=0.5, back=0.5)
    rates = fit_rates(people, today=TODAY)
    assert not rates.from_history
    assert rates.steady_share == SEED_RATES["steady_share"] == 0.5
    assert "steady_share" in rates.fallback


def _rates(**kw):
    base = dict(
        acquaint=0.8,
        steady_share=0.5,
        dropout_per_month=0.04,
        return_per_month=0.02,
        invitations_per_month=4,
    )
    return Rates(**{**base, **kw})


def test_more_invitations_more_steady():
    start = Start(steady=5, newcomers=(2, 1, 1), dropped=2)
    low = simulate(
        rates=_rates(), start=start, invitations_per_month=1, rng=np.random.default_rng(1)
    )
    high = simulate(
        rates=_rates(), start=start, invitations_per_month=8, rng=np.random.default_rng(1)
    )
    assert high.steady[:, -1].mean() > low.steady[:, -1].mean() + 10
    assert low.steady.shape == (10_000, 13)
    assert (low.steady[:, 0] == 5).all()


def test_deterministic_with_a_seed():
    args = dict(rates=_rates(), start=Start(steady=3), invitations_per_month=4)
    a = simulate(**args, rng=np.random.default_rng(7))
    b = simulate(**args, rng=np.random.default_rng(7))
    assert (a.steady == b.steady).all()


def test_invitations_needed_reaches_the_chance():
    start = Start(steady=4)
    needed = invitations_needed(rates=_rates(), start=start, target=15, month=9, seed=3)
    assert needed is not None and needed > 0
    forecast = simulate(
        rates=_rates(),
        start=start,
        invitations_per_month=needed,
        runs=2000,
        rng=np.random.default_rng(3),
    )
    assert forecast.probability_at_least(15, 9) >= 0.8
    fewer = simulate(
        rates=_rates(),
        start=start,
        invitations_per_month=needed - 0.5,
        runs=2000,
        rng=np.random.default_rng(3),
    )
    assert fewer.probability_at_least(15, 9) < 0.8


def test_invitations_needed_none_when_impossible():
    rates = _rates(acquaint=0.0)
    assert invitations_needed(rates=rates, start=Start(), target=15, month=6) is None


def test_already_there_needs_none():
    assert invitations_needed(rates=_rates(), start=Start(steady=30), target=15, month=3) == 0


unit = st.floats(min_value=0, max_value=1)


@settings(max_examples=40, deadline=None)
@given(
    acquaint=unit,
    share=unit,
    dropout=unit,
    back=unit,
    steady=st.integers(0, 60),
    newcomers=st.tuples(st.integers(0, 10), st.integers(0, 10), st.integers(0, 10)),
    dropped=st.integers(0, 30),
    invitations=st.floats(min_value=0, max_value=40),
    target=st.integers(0, 80),
    month=st.integers(-3, 20),
    seed=st.integers(0, 2**32 - 1),
)
def test_probabilities_and_quantiles(
    acquaint, share, dropout, back, steady, newcomers, dropped, invitations, target, month, seed
):
    rates = _rates(
        acquaint=acquaint, steady_share=share, dropout_per_month=dropout, return_per_month=back
    )
    forecast = simulate(
        rates=rates,
        start=Start(steady=steady, newcomers=newcomers, dropped=dropped),
        invitations_per_month=invitations,
        runs=500,
        rng=np.random.default_rng(seed),
    )
    p = forecast.probability_at_least(target, month)
    assert 0.0 <= p <= 1.0
    assert (forecast.steady >= 0).all()
    assert len(QUANTILES) == forecast.quantiles.shape[0]
    assert (np.diff(forecast.quantiles, axis=0) >= 0).all()


def test_invitations_are_per_network():
    import dataclasses

    people = histories(people=600, acquaint=0.8, steady_share=0.5, dropout=0.04, back=0.05)
    one = fit_rates(people, today=TODAY)
    split = [dataclasses.replace(h, network=i % 3) for i, h in enumerate(people)]
    three = fit_rates(split, today=TODAY)
    assert three.invitations_per_month == pytest.approx(one.invitations_per_month / 3)


def test_rates_recovered_from_the_demo_participation_model():
    """The demo generator's model (demo.model) and the forecast share their rates: fitted on
    the model's own simulated people, the forecast finds the model's parameters back."""
    import datetime as dt
    import random

    from vangnet.demo.model import ModelParams
    from vangnet.demo.model import simulate as simulate_network
    from vangnet.planning.forecast import PersonHistory

    params = ModelParams(acquaint_probability=0.7, steady_share=0.4, initial_group=0)
    weeks, start = 150, dt.date(2023, 1, 2)
    people = []
    for seed in range(20):
        for person in simulate_network(params, weeks=weeks, rng=random.Random(seed)).people:
            first = person.acquainted_week
            steady = first is not None and person.finds_place and first + 13 < weeks
            people.append(
                PersonHistory(
                    invited_on=start + dt.timedelta(weeks=person.invited_week),
                    first_visit=None if first is None else start + dt.timedelta(weeks=first),
                    steady_on=start + dt.timedelta(weeks=first + 13) if steady else None,
                    network=seed,
                )
            )
    rates = fit_rates(people, today=start + dt.timedelta(weeks=weeks))
    assert rates.acquaint == pytest.approx(0.7, abs=0.04)
    assert rates.steady_share == pytest.approx(0.4, abs=0.05)
