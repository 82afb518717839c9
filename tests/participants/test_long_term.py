"""One definition of long-term (*langdurig*), participants/long_term.py, and its users.

Finding (issue 14, item 10): the dashboard counted first visit + 3 calendar months, the
municipality report > 91 days, both from the first and the last visit only, so someone who
came twice, 18 weeks apart, counted as long-term.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.dashboards.factories import add_sessions, mark, weekly
from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory, UserFactory
from vangnet.dashboards.selectors import organisation_figures
from vangnet.participants.long_term import is_long_term, long_term_since, plus_months
from vangnet.participants.route import RouteRules, derive_route
from vangnet.reports.selectors import municipality_figures

JAN_6 = dt.date(2025, 1, 6)


def test_two_visits_18_weeks_apart_are_not_long_term():
    assert not is_long_term([JAN_6, JAN_6 + dt.timedelta(weeks=18)])


def test_weekly_for_more_than_three_months_is_long_term():
    days = weekly(JAN_6, dt.date(2025, 4, 14))
    assert is_long_term(days)
    # 6 January + 3 months = 6 April: the first visit after it completes the stretch.
    assert long_term_since(days) == dt.date(2025, 4, 7)
    assert not is_long_term(days, as_of=dt.date(2025, 4, 6))


def test_exactly_three_months_is_not_longer_than_three_months():
    assert not is_long_term(weekly(JAN_6, dt.date(2025, 3, 31)) + [dt.date(2025, 4, 6)])


def test_a_pause_longer_than_the_dropout_time_starts_a_new_stretch():
    before = weekly(JAN_6, dt.date(2025, 2, 24))  # 8 weeks
    after = weekly(dt.date(2025, 5, 5), dt.date(2025, 6, 30))  # 9 weeks
    assert not is_long_term(before + after)  # no stretch of more than three months
    # With a longer dropout time (the organisation's rule) the pause is no dropout.
    assert is_long_term(before + after, dropout_after_weeks=12)


def test_visits_in_only_two_months_are_not_long_term():
    days = [dt.date(2025, 1, 31), dt.date(2025, 3, 20), dt.date(2025, 5, 1)]
    assert is_long_term(days, dropout_after_weeks=8)  # Jan, Mar, May: three months
    assert not is_long_term([dt.date(2025, 1, 31), dt.date(2025, 5, 1)], dropout_after_weeks=20)


def test_plus_months_clamps_to_the_end_of_the_month():
    assert plus_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=500), max_size=30),
    st.integers(min_value=1, max_value=20),
)
def test_long_term_implies_the_old_two_date_rule_and_months(offsets, weeks):
    """Whatever the history: a long-term person spans more than three months and came in at
    least three months (the new rule is never looser than the old one's span)."""
    days = sorted({JAN_6 + dt.timedelta(days=o) for o in offsets})
    since = long_term_since(days, dropout_after_weeks=weeks)
    if since is not None:
        assert plus_months(days[0], 3) < since
        assert len({(d.year, d.month) for d in days if d <= since}) >= 3


def test_the_route_carries_the_definition():
    sessions = weekly(JAN_6, dt.date(2025, 6, 30))
    route = derive_route(
        invited_on=None,
        session_dates=sessions,
        attended_dates=[JAN_6, JAN_6 + dt.timedelta(weeks=18)],
        events=(),
        rules=RouteRules(),
        today=dt.date(2025, 6, 30),
    )
    assert route.long_term_since is None and not route.long_term
    route = derive_route(
        invited_on=None,
        session_dates=sessions,
        attended_dates=sessions,
        events=(),
        rules=RouteRules(),
        today=dt.date(2025, 6, 30),
    )
    assert route.long_term_since == dt.date(2025, 4, 7)


@pytest.mark.django_db
def test_dashboard_and_municipality_report_count_two_visits_18_weeks_apart_alike(settings):
    """The same people, the same answer on the dashboard (and so the API and exports that
    reuse it) and in the municipality report."""
    settings.VANGNET_SMALL_CELL_K = 1
    settings.VANGNET_MIN_NETWORKS_PER_AREA = 1
    cache.clear()
    organisation = OrganisationFactory()
    network = NetworkFactory(
        organisation=organisation,
        start_date=JAN_6,
        lead_worker=UserFactory(organisation=organisation),
        neighbourhood="Noord",
    )
    mondays = weekly(JAN_6, dt.date(2025, 6, 30))
    sessions = add_sessions(network, mondays)
    twice, weekly_person = ParticipantFactory(network=network), ParticipantFactory(network=network)
    mark(sessions, twice, [JAN_6, JAN_6 + dt.timedelta(weeks=18)])
    mark(sessions, weekly_person, mondays)
    period = {"start": dt.date(2025, 4, 1), "end": dt.date(2025, 6, 30)}
    dashboard = organisation_figures(organisation=organisation, today=dt.date(2025, 8, 1), **period)
    assert (dashboard.totals.reached, dashboard.totals.long_term) == (2, 1)
    report = municipality_figures(organisation=organisation, today=dt.date(2025, 8, 1), **period)
    assert [cell.value for cell in report.people.column_totals[:2]] == [2, 1]
