"""Reads for the recruitment forecast: per-person histories from the derived routes (the
organisation's rates are fitted from them once a day: planning.rates_store), and one
network's forecast for its page."""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import zlib
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from django.core.cache import cache
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.networks.models import Attendance, Phase, Session
from vangnet.networks.phases import network_phases
from vangnet.participants.models import Participant, RouteEvent
from vangnet.participants.route import (
    ACQUAINTED,
    DROPPED_OUT,
    REFERRED_ON,
    RETURNED,
    SETTLING,
    STEADY,
    RecordedEvent,
    Route,
    RouteRules,
    derive_route,
)
from vangnet.participants.selectors import network_route_map
from vangnet.planning import forecast_store
from vangnet.planning.charts import fan_chart
from vangnet.planning.forecast import (
    DAYS_PER_MONTH,
    HORIZON_MONTHS,
    PersonHistory,
    Rates,
    Start,
    invitations_needed,
    simulate,
)
from vangnet.planning.forecast_store import Figures

if TYPE_CHECKING:
    from vangnet.networks.phases import PhaseTimeline

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation

HISTORY_YEARS = 3
CHANCE = 0.8
# Bump when the simulation changes, so cached figures of the old model are not reused.
FORECAST_CACHE_VERSION = 1


def person_history(
    invited_on: dt.date | None, route: Route, network: int | None = None
) -> PersonHistory:
    """A participant's route as the forecast counts it: steady (also after coming back),
    dropped out after having been steady, and the moves between the two."""
    steady_on = None
    steady_days = dropped_days = dropouts = returns = 0
    was_steady = False
    steps = route.steps
    for index, step in enumerate(steps):
        if step.start is None:
            continue
        end = steps[index + 1].start if index + 1 < len(steps) else route.today
        days = max(0, ((end or route.today) - step.start).days)
        if step.stage == STEADY:
            steady_on = steady_on or step.start
            was_steady = True
            steady_days += days
        elif step.stage == RETURNED and was_steady:
            returns += 1
            steady_days += days
        elif step.stage in (DROPPED_OUT, REFERRED_ON) and was_steady:
            previous = steps[index - 1].stage if index else ""
            if previous in (STEADY, RETURNED):
                dropouts += 1
            if step.stage == DROPPED_OUT:
                dropped_days += days
    return PersonHistory(
        invited_on=invited_on or route.first_visit,
        first_visit=route.first_visit,
        steady_on=steady_on,
        steady_days=steady_days,
        steady_dropouts=dropouts,
        dropped_days=dropped_days,
        returns=returns,
        network=network,
    )


def organisation_histories(*, organisation: Organisation, today: dt.date) -> list[PersonHistory]:
    """Every participant of the organisation invited (or first seen) in the last three years,
    as a PersonHistory. Four queries whatever the number of networks."""
    since = today - dt.timedelta(days=365 * HISTORY_YEARS)
    people = list(
        Participant.objects.filter(organisation=organisation).values_list(
            "id", "network_id", "invited_on"
        )
    )
    sessions: dict[int, list[dt.date]] = defaultdict(list)
    for network_id, day in Session.objects.filter(
        network__organisation=organisation, recorded=True, date__gte=since, date__lte=today
    ).values_list("network_id", "date"):
        sessions[network_id].append(day)
    attended: dict[int, list[dt.date]] = defaultdict(list)
    for participant_id, day in Attendance.objects.filter(
        participant__organisation=organisation, session__date__gte=since, session__date__lte=today
    ).values_list("participant_id", "session__date"):
        attended[participant_id].append(day)
    events: dict[int, list[RecordedEvent]] = defaultdict(list)
    for participant_id, pk, stage, day in RouteEvent.objects.filter(
        participant__organisation=organisation, date__gte=since, date__lte=today
    ).values_list("participant_id", "id", "stage", "date"):
        events[participant_id].append(RecordedEvent(stage=stage, date=day, id=pk))
    rules = RouteRules.from_organisation(organisation)
    result = []
    for pk, network_id, invited_on in people:
        if invited_on is not None and invited_on < since and pk not in attended:
            continue
        route = derive_route(
            invited_on=invited_on,
            session_dates=sessions.get(network_id, ()),
            attended_dates=attended.get(pk, ()),
            events=events.get(pk, ()),
            rules=rules,
            today=today,
        )
        result.append(person_history(invited_on, route, network_id))
    return result


def network_start(routes: list[Route], today: dt.date) -> Start:
    """The network today, from its participants' routes."""
    steady = dropped = 0
    newcomers = [0, 0, 0]
    year_ago = today - dt.timedelta(days=365)
    for route in routes:
        stage = route.current
        if stage == STEADY or (stage == RETURNED and route.ever_steady):
            steady += 1
        elif stage in (ACQUAINTED, SETTLING, RETURNED) and route.first_visit is not None:
            age = int((today - route.first_visit).days / DAYS_PER_MONTH)
            newcomers[min(2, max(0, age))] += 1
        elif stage == DROPPED_OUT and route.ever_steady:
            since = route.current_step.start
            if since is not None and since >= year_ago:
                dropped += 1
    return Start(steady=steady, newcomers=tuple(newcomers), dropped=dropped)


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class TargetMoment:
    month: int  # months from now (1..HORIZON_MONTHS)
    date: dt.date
    end_of_build_up: bool  # False: the build-up is over, we look a year ahead


def target_moment(
    *, network: Network, today: dt.date, timeline: PhaseTimeline | None = None
) -> TargetMoment:
    """The end of the build-up phase (or a year ahead when it is over). Pass the page's
    `timeline` to save a query."""
    timeline = timeline or network_phases(network=network, on=today)
    end = timeline.span(Phase.BUILD_UP).actual_end
    if end is not None and end > today:
        months = max(1, min(HORIZON_MONTHS, math.ceil((end - today).days / DAYS_PER_MONTH)))
        return TargetMoment(months, _add_months(today, months), True)
    return TargetMoment(HORIZON_MONTHS, _add_months(today, HORIZON_MONTHS), False)


def _in_ten(probability: float) -> str:
    tens = round(probability * 10)
    if tens <= 0:
        return _("minder dan 1 op 10 kans")
    if tens >= 10:
        return _("bijna zeker (meer dan 9 op 10 kans)")
    return _("%(n)s op 10 kans") % {"n": tens}


def sentence(*, invitations: float, probability: float, target: int, when: dt.date) -> str:
    """ "Met 4 uitnodigingen per maand is er 7 op 10 kans op 15 vaste deelnemers in juni."""
    return _(
        "Met %(invitations)s uitnodigingen per maand is er %(chance)s op %(target)s vaste "
        "deelnemers in %(month)s."
    ) % {
        "invitations": f"{invitations:g}".replace(".", ","),
        "chance": _in_ten(probability),
        "target": target,
        "month": date_format(when, "F Y"),
    }


def simulated_figures(
    *, rates: Rates, start: Start, planned: float, target: int, month: int, seed: int
) -> Figures:
    """The simulation's figures from scratch: the quantile bands, the chance of reaching the
    target and the invitations needed."""
    forecast = simulate(
        rates=rates, start=start, invitations_per_month=planned, rng=np.random.default_rng(seed)
    )
    needed = invitations_needed(
        rates=rates, start=start, target=target, month=month, chance=CHANCE, seed=seed
    )
    return forecast.quantiles.tolist(), forecast.probability_at_least(target, month), needed


def _simulated(
    *,
    rates: Rates,
    start: Start,
    planned: float,
    target: int,
    month: int,
    seed: int,
    day: dt.date,
) -> Figures:
    """The simulation's figures for these inputs. The runs are seeded, so equal inputs give
    equal figures: they are kept on the inputs themselves (a change in the data changes the
    rates or the start, and with it the key), in the cache and in a small table
    (planning.forecast_store) that an emptied cache does not lose, so the network page does
    not simulate again on every visit nor on its first look after a cache restart."""
    inputs = repr((FORECAST_CACHE_VERSION, rates, start, planned, target, month, seed))
    digest = hashlib.sha256(inputs.encode()).hexdigest()
    key = "planning:simulated:" + digest
    cached: Figures | None = cache.get(key)
    if cached is None:
        cached = forecast_store.stored_figures(digest)
        if cached is None:
            cached = simulated_figures(
                rates=rates, start=start, planned=planned, target=target, month=month, seed=seed
            )
            forecast_store.store_figures(digest, day, cached)
        cache.set(key, cached, 24 * 60 * 60)
    return cached


def network_forecast(
    *,
    network: Network,
    today: dt.date,
    invitations: float | None = None,
    timeline: PhaseTimeline | None = None,
    routes: dict[int, Route] | None = None,
) -> dict[str, Any]:
    """Everything the network page shows of the forecast. Seeded per network and day, so
    the page is stable. The rates are fitted once a day; the start is the network today,
    from its participants' routes (pass the page's `routes` to save reading them again)."""
    from vangnet.planning.rates_store import organisation_rates  # it reads this module

    rates = organisation_rates(organisation=network.organisation, today=today)
    if routes is None:
        routes = network_route_map(network=network, today=today)
    start = network_start(list(routes.values()), today)
    planned = rates.invitations_per_month if invitations is None else max(0.0, invitations)
    planned = round(planned * 2) / 2
    seed = zlib.crc32(f"{network.pk}:{today.isoformat()}".encode())
    moment = target_moment(network=network, today=today, timeline=timeline)
    target = network.target_core_size
    quantiles, probability, needed = _simulated(
        rates=rates,
        start=start,
        planned=planned,
        target=target,
        month=moment.month,
        seed=seed,
        day=today,
    )
    months = [_add_months(today, i) for i in range(HORIZON_MONTHS + 1)]
    return {
        "rates": rates,
        "start": start,
        "invitations": planned,
        "probability": probability,
        "moment": moment,
        "target": target,
        "needed": needed,
        "sentence": sentence(
            invitations=planned, probability=probability, target=target, when=moment.date
        ),
        "chart": fan_chart(
            quantiles=quantiles, months=months, target=target, target_month=moment.month
        ),
        "rows": [(months[i], *(round(row[i]) for row in quantiles)) for i in range(len(months))],
    }
