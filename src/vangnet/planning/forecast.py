"""The recruitment forecast: simple rates fitted from history, and a vectorised Monte Carlo
of a network's steady core over the coming months. Pure (numpy, no Django).

The model is the participation model of the demo (vangnet.demo.model), reduced to monthly
rates so it can run 10,000 times on page load:

- invitations a month ~ Poisson(planned rate);
- an invited person comes for a first visit with probability `acquaint`;
- of the acquainted, a share `steady_share` finds a place and is steady three months after
  the first visit (the others drift away);
- a steady participant leaves in a month with probability `dropout_per_month`;
- a steady participant who left comes back in a month with probability `return_per_month`.

`fit_rates` estimates the four rates (and the invitations a month per network in the last
year) from plain
per-person histories; a rate with too little history falls back to the method's figures
(the demo model's defaults: 8 in 10 invited come, about half of the acquainted become
steady) and the result says which ones did.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from vangnet.demo.model import ModelParams

DAYS_PER_MONTH = 30.44
STEADY_AFTER_MONTHS = 3
RUNS = 10_000
HORIZON_MONTHS = 12
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
# Minimum evidence per rate before the history is trusted.
MIN_INVITED = 10
MIN_ACQUAINTED = 10
MIN_STEADY_MONTHS = 24.0
MIN_DROPPED_MONTHS = 12.0


def _seed_rates() -> dict[str, float]:
    params = ModelParams()
    weekly_return = params.return_probability_steady / float(np.mean(params.return_after_weeks))
    return {
        "acquaint": params.acquaint_probability,
        "steady_share": params.steady_share,
        "dropout_per_month": params.steady_leave_per_month,
        # the demo model's steady returners come back after 8-30 weeks: a monthly hazard
        "return_per_month": float(min(1.0, weekly_return * 52 / 12)),
        "invitations_per_month": params.recruitment[1][1],  # build-up: recruitment first
    }


SEED_RATES = _seed_rates()


@dataclass(frozen=True)
class PersonHistory:
    """What the forecast needs to know of one past or present participant."""

    invited_on: dt.date | None
    first_visit: dt.date | None
    steady_on: dt.date | None  # first day steady (None: never)
    steady_days: int = 0  # days spent steady (or returned after being steady)
    steady_dropouts: int = 0  # times they dropped out while steady
    dropped_days: int = 0  # days spent dropped out after having been steady
    returns: int = 0  # times they came back after dropping out while steady
    network: int | None = None  # the network's id (invitation rates are per network)


@dataclass(frozen=True)
class Rates:
    acquaint: float
    steady_share: float
    dropout_per_month: float
    return_per_month: float
    invitations_per_month: float
    fallback: tuple[str, ...] = ()  # names of the rates taken from the seeds
    people: int = 0

    @property
    def from_history(self) -> bool:
        return not self.fallback


def fit_rates(histories: Sequence[PersonHistory], *, today: dt.date) -> Rates:
    """Estimate the rates from per-person histories (maximum likelihood of the simple model).

    Only people whose outcome can be known count: for the first visit, people invited at
    least a month ago; for becoming steady, people whose first visit is more than three
    months ago. Rates are clipped to [0, 1]."""
    month_ago = today - dt.timedelta(days=31)
    settled_by = today - dt.timedelta(days=round(DAYS_PER_MONTH * (STEADY_AFTER_MONTHS + 1)))
    year_ago = today - dt.timedelta(days=365)
    invited = [h for h in histories if h.invited_on is not None and h.invited_on <= month_ago]
    came = [h for h in invited if h.first_visit is not None]
    acquainted = [h for h in histories if h.first_visit is not None and h.first_visit <= settled_by]
    became_steady = [h for h in acquainted if h.steady_on is not None]
    steady_months = sum(h.steady_days for h in histories) / DAYS_PER_MONTH
    dropouts = sum(h.steady_dropouts for h in histories)
    dropped_months = sum(h.dropped_days for h in histories) / DAYS_PER_MONTH
    returns = sum(h.returns for h in histories)
    recent = [h for h in histories if h.invited_on is not None and year_ago < h.invited_on <= today]

    seeds, fallback = SEED_RATES, []

    def pick(name: str, enough: bool, value: float) -> float:
        if not enough:
            fallback.append(name)
            return seeds[name]
        return float(min(1.0, max(0.0, value)))

    acquaint = pick("acquaint", len(invited) >= MIN_INVITED, len(came) / max(1, len(invited)))
    share = pick(
        "steady_share",
        len(acquainted) >= MIN_ACQUAINTED,
        len(became_steady) / max(1, len(acquainted)),
    )
    dropout = pick(
        "dropout_per_month", steady_months >= MIN_STEADY_MONTHS, dropouts / max(steady_months, 1)
    )
    back = pick(
        "return_per_month", dropped_months >= MIN_DROPPED_MONTHS, returns / max(dropped_months, 1)
    )
    if len(recent) >= MIN_INVITED:
        networks = len({h.network for h in recent}) or 1
        invitations = len(recent) / 12 / networks
    else:
        fallback.append("invitations_per_month")
        invitations = seeds["invitations_per_month"]
    return Rates(
        acquaint=acquaint,
        steady_share=share,
        dropout_per_month=dropout,
        return_per_month=back,
        invitations_per_month=float(invitations),
        fallback=tuple(fallback),
        people=len(histories),
    )


@dataclass(frozen=True)
class Start:
    """The network today: steady participants, newcomers by months since their first visit
    (0, 1, 2: not yet steady), and steady participants who left (may come back)."""

    steady: int = 0
    newcomers: tuple[int, ...] = (0, 0, 0)
    dropped: int = 0


@dataclass
class Forecast:
    invitations_per_month: float
    steady: np.ndarray  # shape (runs, months + 1): month 0 is today
    quantiles: np.ndarray = field(init=False)  # shape (len(QUANTILES), months + 1)

    def __post_init__(self) -> None:
        self.quantiles = np.quantile(self.steady, QUANTILES, axis=0)

    @property
    def months(self) -> int:
        return int(self.steady.shape[1]) - 1

    def probability_at_least(self, target: int, month: int) -> float:
        month = min(max(0, month), self.months)
        return float(np.mean(self.steady[:, month] >= target))


def _steady_paths(
    *,
    rates: Rates,
    start: Start,
    lam: float,
    months: int,
    runs: int,
    rng: np.random.Generator,
) -> np.ndarray:
    """The steady participants of `runs` runs over `months` months (shape (runs, months + 1)),
    all runs at once. The draws of a month come in a fixed order (leaving, coming back,
    invited, acquainted, finding a place), so the first `m` months of a longer run are the
    same numbers as a run of `m` months from the same seed: a run stops after the last month
    it is asked for, without that month's recruitment (it only feeds the months after)."""
    steady = np.full(runs, max(0, start.steady), dtype=np.int64)
    dropped = np.full(runs, max(0, start.dropped), dtype=np.int64)
    pipeline = np.zeros((runs, STEADY_AFTER_MONTHS), dtype=np.int64)  # [:, k]: steady in k+1
    for age, count in enumerate(start.newcomers[:STEADY_AFTER_MONTHS]):
        # newcomers of age `age` months become steady in (3 - age) months, if they find a place
        slot = max(0, STEADY_AFTER_MONTHS - 1 - age)
        pipeline[:, slot] += rng.binomial(max(0, count), rates.steady_share, size=runs)
    out = np.empty((runs, months + 1), dtype=np.int64)
    out[:, 0] = steady
    for month in range(1, months + 1):
        leaving = rng.binomial(steady, rates.dropout_per_month)
        coming_back = rng.binomial(dropped, rates.return_per_month)
        steady = steady - leaving + coming_back + pipeline[:, 0]
        dropped = dropped + leaving - coming_back
        out[:, month] = steady
        if month == months:
            break
        invited = rng.poisson(lam, size=runs)
        acquainted = rng.binomial(invited, rates.acquaint)
        finding_place = rng.binomial(acquainted, rates.steady_share)
        pipeline[:, :-1] = pipeline[:, 1:]
        pipeline[:, -1] = finding_place
    return out


def simulate(
    *,
    rates: Rates,
    start: Start,
    invitations_per_month: float,
    months: int = HORIZON_MONTHS,
    runs: int = RUNS,
    rng: np.random.Generator,
) -> Forecast:
    """Run the model `runs` times for `months` months, all runs at once (numpy arrays)."""
    lam = max(0.0, float(invitations_per_month))
    out = _steady_paths(
        rates=rates,
        start=start,
        lam=lam,
        months=max(1, int(months)),
        runs=max(1, int(runs)),
        rng=rng,
    )
    return Forecast(invitations_per_month=lam, steady=out)


def invitations_needed(
    *,
    rates: Rates,
    start: Start,
    target: int,
    month: int,
    chance: float = 0.8,
    months: int = HORIZON_MONTHS,
    runs: int = 2_000,
    seed: int = 0,
    maximum: float = 30.0,
) -> float | None:
    """The smallest number of invitations a month (in half steps) that gives at least
    `chance` to have `target` steady participants at `month`; None if even `maximum` does not.

    Every candidate uses the same random stream (common random numbers), so the search is
    a plain bisection over a practically monotone function. A candidate's runs stop at
    `month` and only that month's share is counted: the same figures as
    `simulate(...).probability_at_least(target, month)` (tests/planning/test_forecast.py),
    without the months after it and the quantiles."""
    months = max(1, int(months))
    month = min(max(0, month), months)
    runs = max(1, int(runs))

    def ok(rate: float) -> bool:
        paths = _steady_paths(
            rates=rates,
            start=start,
            lam=max(0.0, float(rate)),
            months=max(1, month),
            runs=runs,
            rng=np.random.default_rng(seed),
        )
        return float(np.mean(paths[:, month] >= target)) >= chance

    if ok(0.0):
        return 0.0
    if not ok(maximum):
        return None
    low, high = 0, int(maximum * 2)  # in half invitations: ok(high / 2) holds, ok(low / 2) not
    while high - low > 1:
        middle = (low + high) // 2
        if ok(middle / 2):
            high = middle
        else:
            low = middle
    return high / 2
