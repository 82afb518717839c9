"""The recruitment forecast's fitted rates per organisation and day, kept in a small table
(`OrganisationRates`) that the background worker fills once a day (issue 21, goal 4).

Fitting the rates derives every route of the organisation's last three years: seconds on a
large organisation, once a day. The worker's periodic work `forecast-rates`
(`rates_refresh_all`, jobs.periodic, checked hourly) fits them for every organisation that
has none for today; the network page reads today's row (`organisation_rates`). A row is
used only for its own day, forecast version (`FORECAST_CACHE_VERSION`) and route rules
(`rules_digest`): yesterday's rates are never shown as today's. When the worker has not
run yet today (just after midnight, no worker, a changed rule) the request fits them
itself, as before, and stores them for the next one. Each run the worker also prepares
today's forecast of every network (`forecasts_prepare`, kept in planning.forecast_store):
the first run of a day simulates them all, later runs only the networks whose start
changed (a session recorded since), so a page rarely simulates while someone waits.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib

from django.core.cache import cache

from vangnet.organisations.models import Organisation
from vangnet.participants.route import RouteRules
from vangnet.planning import forecast_store
from vangnet.planning.forecast import Rates, fit_rates
from vangnet.planning.forecast_selectors import FORECAST_CACHE_VERSION, organisation_histories
from vangnet.planning.models import OrganisationRates

CACHE_SECONDS = 60 * 60 * 24


def rules_digest(organisation: Organisation) -> str:
    """What of the organisation the rates depend on besides its facts: its route rules."""
    return hashlib.sha256(repr(RouteRules.from_organisation(organisation)).encode()).hexdigest()


def fitted_rates(*, organisation: Organisation, today: dt.date) -> Rates:
    """The rates fitted from scratch (four queries and every route of three years)."""
    return fit_rates(organisation_histories(organisation=organisation, today=today), today=today)


def cache_key(organisation: Organisation, today: dt.date, rules: str) -> str:
    return f"planning:rates:{FORECAST_CACHE_VERSION}:{organisation.pk}:{today}:{rules}"


def _from_row(data: dict) -> Rates:
    return Rates(**{**data, "fallback": tuple(data["fallback"])})


def rates_store(*, organisation: Organisation, today: dt.date) -> Rates:
    """Fit the rates of `organisation` for `today` and keep them (replacing the day's row)."""
    rates = fitted_rates(organisation=organisation, today=today)
    OrganisationRates.objects.bulk_create(
        [
            OrganisationRates(
                organisation=organisation,
                day=today,
                version=FORECAST_CACHE_VERSION,
                rules=rules_digest(organisation),
                rates=dataclasses.asdict(rates),
            )
        ],
        update_conflicts=True,
        unique_fields=["organisation", "day"],
        update_fields=["version", "rules", "rates", "fitted_at"],
    )
    return rates


def stored_rates(*, organisation: Organisation, today: dt.date) -> Rates | None:
    """Today's kept rates of `organisation`, if fitted today under this version and rules."""
    row = (
        OrganisationRates.objects.filter(
            organisation=organisation,
            day=today,
            version=FORECAST_CACHE_VERSION,
            rules=rules_digest(organisation),
        )
        .values_list("rates", flat=True)
        .first()
    )
    return None if row is None else _from_row(row)


def organisation_rates(*, organisation: Organisation, today: dt.date) -> Rates:
    """The organisation's rates for today: from this process's cache (no query), else the
    row the worker fitted today (one query), else fitted now and kept."""
    key = cache_key(organisation, today, rules_digest(organisation))
    rates: Rates | None = cache.get(key)
    if rates is None:
        rates = stored_rates(organisation=organisation, today=today)
        if rates is None:
            rates = rates_store(organisation=organisation, today=today)
        cache.set(key, rates, CACHE_SECONDS)
    return rates


def forecasts_prepare(*, organisation: Organisation, today: dt.date) -> int:
    """Simulate today's forecast of every network of `organisation` that has started, as
    its page will ask it (kept in planning.forecast_store), so the first look of the day
    does not simulate. Returns how many networks it prepared."""
    from vangnet.networks.models import Network
    from vangnet.planning.forecast_selectors import network_forecast

    networks = Network.objects.filter(organisation=organisation, start_date__lte=today)
    prepared = 0
    for network in networks.select_related("organisation").order_by("pk"):
        network_forecast(network=network, today=today)
        prepared += 1
    return prepared


def rates_refresh_all(*, today: dt.date) -> int:
    """The worker's hourly work: fit today's rates of every organisation that has none valid
    for today, prepare today's forecast of each of its networks (`forecasts_prepare`: only
    the networks whose figures are not kept yet are simulated: all of them in the first run
    of a day, later the ones whose participants changed since), and remove the rows of
    earlier days. Preparing does not depend on who fitted the rates: a page that looked
    first after midnight fits them itself. Idempotent; returns how many organisations it
    fitted."""
    OrganisationRates.objects.filter(day__lt=today).delete()
    forecast_store.forget_before(today)
    fitted = 0
    for organisation in Organisation.objects.order_by("pk"):
        if stored_rates(organisation=organisation, today=today) is None:
            rates_store(organisation=organisation, today=today)
            fitted += 1
        forecasts_prepare(organisation=organisation, today=today)
    return fitted
