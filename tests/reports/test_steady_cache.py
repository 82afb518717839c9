"""The municipality report's steady counts, cached per network under the network's fact
version (reports/period_steady.py, participants/fact_cache.py)."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import transaction
from django.test import TestCase

from tests.reports.conftest import END, START, TODAY
from vangnet.networks.models import Attendance, Session
from vangnet.participants import fact_cache
from vangnet.reports import period_steady
from vangnet.reports.selectors import municipality_figures


def _steady_total(organisation) -> int:
    with TestCase.captureOnCommitCallbacks(execute=True):
        report = municipality_figures(organisation=organisation, start=START, end=END, today=TODAY)
    return report.people.column_totals[2].value


def _counted_networks(monkeypatch) -> list[list[int]]:
    """Records the networks whose steady participants are derived (not read from the cache)."""
    calls: list[list[int]] = []
    real = period_steady._derive

    def spy(periods, network_ids, rules):
        calls.append(sorted(network_ids))
        return real(periods, network_ids, rules)

    monkeypatch.setattr(period_steady, "_derive", spy)
    return calls


def test_a_change_in_one_network_derives_only_that_network_again(small_world, monkeypatch):
    cache.clear()
    organisation = small_world["organisation"]
    calls = _counted_networks(monkeypatch)
    assert _steady_total(organisation) == 17
    assert _steady_total(organisation) == 17
    assert len(calls) == 1  # the second look read every network from the cache
    zuid = small_world["networks"]["B"]
    session = Session.objects.filter(network=zuid, date__gt=dt.date(2025, 4, 30)).first()
    session.save()  # as the session screen does when it saves marks
    assert _steady_total(organisation) == 17
    assert calls[-1] == [zuid.pk]


def test_cached_counts_equal_fresh_ones_after_a_change(small_world, settings):
    cache.clear()
    organisation = small_world["organisation"]
    assert _steady_total(organisation) == 17
    zuid = small_world["networks"]["B"]
    Attendance.objects.filter(
        session__network=zuid, session__date__gt=dt.date(2025, 4, 30)
    ).delete()
    for session in Session.objects.filter(network=zuid, date__gt=dt.date(2025, 4, 30)):
        session.save()
    cached = _steady_total(organisation)
    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 0  # no cache: derived from scratch
    assert cached == _steady_total(organisation) == 14


def test_counts_from_a_rolled_back_transaction_are_not_kept(small_world, monkeypatch):
    cache.clear()
    organisation = small_world["organisation"]
    calls = _counted_networks(monkeypatch)
    with TestCase.captureOnCommitCallbacks(execute=True):
        try:
            with transaction.atomic():
                municipality_figures(organisation=organisation, start=START, end=END, today=TODAY)
                raise RuntimeError
        except RuntimeError:
            pass
    _steady_total(organisation)
    assert len(calls) == 2  # nothing was kept from the first look


def test_raising_the_figures_version_derives_everything_again(small_world, monkeypatch):
    cache.clear()
    organisation = small_world["organisation"]
    calls = _counted_networks(monkeypatch)
    _steady_total(organisation)
    monkeypatch.setattr(fact_cache, "FIGURES_VERSION", fact_cache.FIGURES_VERSION + 1)
    _steady_total(organisation)
    assert len(calls) == 2 and calls[0] == calls[1]
