"""The dashboard's fidelity column reuses the dashboard's networks and phases for the
quarter of its last day (`dashboards.selectors.organisation_figures_again`): the figures and
scores equal the ones read from scratch, for every period and filter."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dashboards.factories import bulk_organisation
from vangnet.dashboards.selectors import organisation_figures, organisation_figures_again
from vangnet.fidelity.selectors import current_scores

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)
QUARTER = (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def plain(figures):
    return [dataclasses.asdict(row) for row in figures.rows], dataclasses.asdict(figures.totals)


@pytest.mark.parametrize(
    "period",
    [
        (dt.date(2025, 1, 1), TODAY),  # the last twelve months, as the dashboard opens
        (dt.date(2025, 11, 15), dt.date(2025, 12, 20)),  # ends before today
        QUARTER,
    ],
)
@pytest.mark.parametrize("by_location", [False, True])
def test_the_figures_of_the_quarter_equal_fresh_ones(period, by_location):
    data = bulk_organisation(networks=3, weeks=40, people=5)
    organisation = data["organisation"]
    location = data["networks"][0].location if by_location else None
    start, end = period
    figures = organisation_figures(
        organisation=organisation, start=start, end=end, location=location, today=TODAY
    )
    as_of = figures.as_of
    quarter_start = dt.date(as_of.year, 3 * ((as_of.month - 1) // 3) + 1, 1)
    again = organisation_figures_again(figures, start=quarter_start, end=QUARTER[1], today=as_of)
    fresh = organisation_figures(
        organisation=organisation,
        start=quarter_start,
        end=QUARTER[1],
        network_ids=[row.network_id for row in figures.rows],
        today=as_of,
    )
    assert plain(again) == plain(fresh)
    assert again.rows and again.as_of == fresh.as_of
    ids = [row.network_id for row in figures.rows]
    reused = current_scores(organisation=organisation, as_of=as_of, network_ids=ids, known=figures)
    scratch = current_scores(organisation=organisation, as_of=as_of, network_ids=ids)
    assert reused == scratch


def test_the_column_reads_fewer_queries_with_the_known_figures():
    data = bulk_organisation(networks=2, weeks=20, people=3)
    organisation = data["organisation"]
    figures = organisation_figures(
        organisation=organisation, start=dt.date(2025, 1, 1), end=TODAY, today=TODAY
    )
    ids = [row.network_id for row in figures.rows]
    with CaptureQueriesContext(connection) as scratch:
        current_scores(organisation=organisation, as_of=TODAY, network_ids=ids)
    with CaptureQueriesContext(connection) as reused:
        current_scores(organisation=organisation, as_of=TODAY, network_ids=ids, known=figures)
    assert len(reused) < len(scratch)
