"""The forecast's shortcuts give the very figures of the plain simulation (planning/forecast.py):
runs that stop after the last month asked for (without that month's recruitment) and the
search for the invitations needed, which stops each candidate's runs at the target month and
counts that month only. The reference below is the simulation as it was written first, kept
here verbatim: with a fixed seed every figure must be identical."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.planning.forecast import (
    STEADY_AFTER_MONTHS,
    Rates,
    Start,
    invitations_needed,
    simulate,
)


def reference_steady(*, rates, start, invitations_per_month, months, runs, rng) -> np.ndarray:
    months = max(1, int(months))
    runs = max(1, int(runs))
    lam = max(0.0, float(invitations_per_month))
    steady = np.full(runs, max(0, start.steady), dtype=np.int64)
    dropped = np.full(runs, max(0, start.dropped), dtype=np.int64)
    pipeline = np.zeros((runs, STEADY_AFTER_MONTHS), dtype=np.int64)
    for age, count in enumerate(start.newcomers[:STEADY_AFTER_MONTHS]):
        slot = max(0, STEADY_AFTER_MONTHS - 1 - age)
        pipeline[:, slot] += rng.binomial(max(0, count), rates.steady_share, size=runs)
    out = np.empty((runs, months + 1), dtype=np.int64)
    out[:, 0] = steady
    for month in range(1, months + 1):
        leaving = rng.binomial(steady, rates.dropout_per_month)
        coming_back = rng.binomial(dropped, rates.return_per_month)
        steady = steady - leaving + coming_back + pipeline[:, 0]
        dropped = dropped + leaving - coming_back
        invited = rng.poisson(lam, size=runs)
        acquainted = rng.binomial(invited, rates.acquaint)
        finding_place = rng.binomial(acquainted, rates.steady_share)
        pipeline = np.roll(pipeline, -1, axis=1)
        pipeline[:, -1] = finding_place
        out[:, month] = steady
    return out


def reference_needed(*, rates, start, target, month, chance, months, runs, seed, maximum):
    def ok(rate: float) -> bool:
        steady = reference_steady(
            rates=rates,
            start=start,
            invitations_per_month=rate,
            months=months,
            runs=runs,
            rng=np.random.default_rng(seed),
        )
        at = min(max(0, month), steady.shape[1] - 1)
        return float(np.mean(steady[:, at] >= target)) >= chance

    if ok(0.0):
        return 0.0
    if not ok(maximum):
        return None
    low, high = 0, int(maximum * 2)
    while high - low > 1:
        middle = (low + high) // 2
        if ok(middle / 2):
            high = middle
        else:
            low = middle
    return high / 2


unit = st.floats(min_value=0, max_value=1)
rates_st = st.builds(
    Rates,
    acquaint=unit,
    steady_share=unit,
    dropout_per_month=unit,
    return_per_month=unit,
    invitations_per_month=st.floats(min_value=0, max_value=20),
)
start_st = st.builds(
    Start,
    steady=st.integers(-2, 40),
    newcomers=st.tuples(st.integers(0, 8), st.integers(0, 8), st.integers(0, 8)),
    dropped=st.integers(0, 20),
)


@settings(max_examples=60, deadline=None)
@given(
    rates=rates_st,
    start=start_st,
    invitations=st.floats(min_value=0, max_value=30),
    months=st.integers(-1, 14),
    runs=st.integers(1, 300),
    seed=st.integers(0, 2**32 - 1),
)
def test_simulate_gives_the_reference_figures(rates, start, invitations, months, runs, seed):
    fast = simulate(
        rates=rates,
        start=start,
        invitations_per_month=invitations,
        months=months,
        runs=runs,
        rng=np.random.default_rng(seed),
    )
    plain = reference_steady(
        rates=rates,
        start=start,
        invitations_per_month=invitations,
        months=months,
        runs=runs,
        rng=np.random.default_rng(seed),
    )
    assert fast.steady.shape == plain.shape
    assert (fast.steady == plain).all()


@settings(max_examples=40, deadline=None)
@given(
    rates=rates_st,
    start=start_st,
    target=st.integers(0, 40),
    month=st.integers(-2, 15),
    chance=st.sampled_from([0.5, 0.8, 0.95]),
    months=st.integers(1, 12),
    runs=st.integers(1, 200),
    seed=st.integers(0, 2**32 - 1),
    maximum=st.sampled_from([5.0, 12.0, 30.0]),
)
def test_invitations_needed_gives_the_reference_figure(
    rates, start, target, month, chance, months, runs, seed, maximum
):
    args = dict(rates=rates, start=start, target=target, month=month, chance=chance)
    more = dict(months=months, runs=runs, seed=seed, maximum=maximum)
    assert invitations_needed(**args, **more) == reference_needed(**args, **more)


def test_the_page_figures_of_a_network_are_the_reference_ones():
    """The network page's case by hand: 10,000 runs, a year, a target within the build-up."""
    rates = Rates(0.8, 0.5, 0.04, 0.03, 3.0)
    start = Start(steady=6, newcomers=(2, 1, 1), dropped=3)
    fast = simulate(
        rates=rates, start=start, invitations_per_month=3.5, rng=np.random.default_rng(9)
    )
    plain = reference_steady(
        rates=rates,
        start=start,
        invitations_per_month=3.5,
        months=12,
        runs=10_000,
        rng=np.random.default_rng(9),
    )
    assert (fast.steady == plain).all()
    for month in (1, 5, 12):
        args = dict(rates=rates, start=start, target=15, month=month, chance=0.8)
        more = dict(months=12, runs=2_000, seed=9, maximum=30.0)
        assert invitations_needed(**args, **more) == reference_needed(**args, **more)
