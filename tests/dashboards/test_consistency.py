"""The dashboard reuses the definitions of the other apps: its figures agree with the
network page (routes, phases, weekly attendance) and with planning (the hours norm)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.dashboards.factories import TODAY, bulk_organisation, small_organisation
from vangnet.dashboards.selectors import organisation_figures
from vangnet.networks.selectors import network_timeline, weekly_attendance
from vangnet.participants.selectors import network_route_summary
from vangnet.planning.selectors import network_facts, network_norm

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["small", "bulk"])
def data(request):
    if request.param == "small":
        made = small_organisation()
        return made["organisation"], list(made["networks"].values())
    made = bulk_organisation(networks=3, weeks=30, people=6)
    return made["organisation"], made["networks"]


def test_same_routes_phases_attendance_and_norm(data):
    organisation, networks = data
    first_monday = dt.date(2025, 1, 6)  # 52 weeks back from the week of 31 Dec 2025
    result = organisation_figures(
        organisation=organisation, start=first_monday, end=TODAY, today=TODAY
    )
    rows = {row.network_id: row for row in result.rows}
    for network in networks:
        row = rows[network.pk]
        summary = network_route_summary(network=network, today=TODAY)
        assert row.steady == summary["steady"]
        assert row.timeline.spans == network_timeline(network=network, today=TODAY).spans
        weeks = [w for w in weekly_attendance(network=network, today=TODAY, weeks=52)]
        with_session = [w for w in weeks if w.has_session]
        assert row.weeks_with_session == len(with_session)
        assert row.present_in_weeks == sum(w.present for w in with_session)
        facts = network_facts(network=network, today=TODAY)
        assert row.norm_per_week == network_norm(network=network, facts=facts).hours_per_week
