"""The recruitment forecast's simulated figures kept in a small table (`SimulatedForecast`)
beside the cache (issue 21, goal 4).

Simulating a network's forecast (10,000 seeded runs and a bisection for the invitations
needed) is most of a network page's first look. Its figures depend only on its inputs
(forecast_selectors `_simulated`: forecast version, rates, the network's start in counts,
planned invitations, target, month and a seed that holds the day), so they are kept under
the digest of those inputs: an emptied or restarted cache does not make an unchanged
network simulate again the same day. A changed input is a new digest (a new row); the
worker's hourly work (`forecasts_prepare`, via planning.rates_store.rates_refresh_all)
removes the rows of earlier days and simulates today's forecast of every network whose
figures are not kept yet, ahead of its next look. No personal data: counts of a whole network.
"""

from __future__ import annotations

import datetime as dt
import math

from vangnet.planning.models import SimulatedForecast

# The quantile bands, the chance of reaching the target, the invitations needed.
Figures = tuple[list[list[float]], float, float | None]


def stored_figures(key: str) -> Figures | None:
    """The kept figures of the inputs with digest `key` (one query), if any."""
    row = (
        SimulatedForecast.objects.filter(key=key)
        .values_list("quantiles", "probability", "needed")
        .first()
    )
    if row is None:
        return None
    quantiles, probability, needed = row
    return [[float(value) for value in band] for band in quantiles], probability, needed


def _finite(figures: Figures) -> bool:
    quantiles, probability, needed = figures
    values = [value for band in quantiles for value in band]
    values += [probability] + ([] if needed is None else [needed])
    return all(math.isfinite(value) for value in values)


def store_figures(key: str, day: dt.date, figures: Figures) -> None:
    """Keep the figures of the inputs with digest `key` (a concurrent writer of the same
    inputs wrote the same figures: the first row stays)."""
    if not _finite(figures):  # JSON has no NaN or infinity: simulate again next time
        return
    quantiles, probability, needed = figures
    SimulatedForecast.objects.bulk_create(
        [
            SimulatedForecast(
                key=key,
                day=day,
                quantiles=[[float(value) for value in band] for band in quantiles],
                probability=float(probability),
                needed=None if needed is None else float(needed),
            )
        ],
        ignore_conflicts=True,
    )


def forget_before(day: dt.date) -> int:
    """Remove the rows of days before `day` (their seeds are never asked again)."""
    return SimulatedForecast.objects.filter(day__lt=day).delete()[0]
