"""Synthetic person histories generated with known rates (for the fitting tests)."""

import datetime as dt
import random

from vangnet.planning.forecast import DAYS_PER_MONTH, PersonHistory

TODAY = dt.date(2026, 6, 1)


def histories(
    *,
    people: int,
    acquaint: float,
    steady_share: float,
    dropout: float,
    back: float,
    seed: int = 1,
    today: dt.date = TODAY,
) -> list[PersonHistory]:
    rng = random.Random(seed)
    result = []
    step = round(DAYS_PER_MONTH)
    for _ in range(people):
        invited = today - dt.timedelta(days=rng.randint(60, 1200))
        first = steady_on = None
        steady_days = dropped_days = dropouts = returns = 0
        if rng.random() < acquaint:
            first = invited + dt.timedelta(days=rng.randint(0, 21))
            if first > today:
                first = None
        if first is not None and rng.random() < steady_share:
            candidate = first + dt.timedelta(days=92)
            if candidate <= today:
                steady_on = candidate
                day, is_steady = steady_on, True
                while day + dt.timedelta(days=step) <= today:
                    if is_steady:
                        steady_days += step
                        if rng.random() < dropout:
                            dropouts, is_steady = dropouts + 1, False
                    else:
                        dropped_days += step
                        if rng.random() < back:
                            returns, is_steady = returns + 1, True
                    day += dt.timedelta(days=step)
        result.append(
            PersonHistory(
                invited_on=invited,
                first_visit=first,
                steady_on=steady_on,
                steady_days=steady_days,
                steady_dropouts=dropouts,
                dropped_days=dropped_days,
                returns=returns,
            )
        )
    return result
