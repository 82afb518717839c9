"""organisation_figures against figures computed by hand (see tests/dashboards/factories.py).

Network A (start 6 Jan 2025, 52 Monday sessions in 2025):
- p1 comes every week: acquainted 6 Jan, steady from 8 Apr (92 days, share 1.0).
- p2 comes once (6 Jan): settling 13 Jan, dropped out 3 Mar (8 weeks without coming).
- p3 comes 6 Jan - 10 Feb (6x; share 6/14 < 0.5 so not steady), dropped out 7 Apr,
  returns 2 Jun and comes every week: steady from 2 Sep (92 days after the return).
- p4 is invited only.
Network B (start 8 Jan 2024, build-up recorded 1 May 2024, 53 Wednesday sessions in 2025):
- q1 comes every week: steady from 3 Apr.
- q2 comes 7x (1 Jan - 12 Feb), recorded as dropped out on 1 Mar.
Network C starts in March 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.dashboards.factories import TODAY, small_organisation
from vangnet.dashboards.selectors import organisation_figures
from vangnet.networks.models import Phase

pytestmark = pytest.mark.django_db

YEAR = {"start": dt.date(2025, 1, 1), "end": dt.date(2025, 12, 31), "today": TODAY}


@pytest.fixture
def small():
    return small_organisation()


def figures(small, **kwargs):
    arguments = {**YEAR, **kwargs}
    return organisation_figures(organisation=small["organisation"], **arguments)


def by_name(result):
    return {row.name: row for row in result.rows}


def test_network_a_over_the_year(small):
    a = by_name(figures(small))["A Noord"]
    assert (a.steady, a.taking_part, a.target) == (2, 2, 15)
    assert (a.reached, a.long_term) == (3, 2)
    assert (a.acquainted, a.became_steady) == (3, 2)
    assert (a.dropouts, a.returns) == (2, 1)
    assert a.sessions == 52
    # Present: p1 52 + p2 1 + p3 (6 + 31) = 90. Expected while taking part: p1 52,
    # p2 6 Jan - 2 Mar = 8 sessions, p3 6 Jan - 6 Apr = 13 and 2 Jun - 29 Dec = 31.
    assert (a.present_marks, a.expected_marks) == (90, 104)
    assert a.attendance_rate == pytest.approx(90 / 104)
    assert a.weeks_with_session == 52
    assert a.present_per_week == pytest.approx(90 / 52)
    # Norm: 2 taking part, one activity of 2.5 h: 4 h a week over the 51 complete weeks
    # from 6 Jan up to 22 Dec (the week of 29 Dec is not over on 31 Dec).
    assert (a.norm_per_week, a.norm_weeks, a.norm_hours) == (Decimal(4), 51, Decimal(204))
    assert (a.registered_weeks, a.registration_share) == (51, 1.0)
    assert a.hours == Decimal(204)
    assert a.hours_on_plan is True
    assert a.phase == Phase.BUILD_UP and a.planned_phase == Phase.BUILD_UP
    assert a.phase_on_plan is True and a.core_on_plan is None
    assert a.on_plan is True
    assert a.conversion == pytest.approx(2 / 3)
    assert a.long_term_share == pytest.approx(2 / 3)


def test_network_b_over_the_year(small):
    b = by_name(figures(small))["B Zuid"]
    assert (b.steady, b.reached, b.long_term) == (1, 2, 1)
    assert (b.acquainted, b.became_steady, b.dropouts, b.returns) == (2, 1, 1, 0)
    # q1 53 of 53; q2 7 of the 9 Wednesdays up to the recorded dropout on 1 March.
    assert (b.present_marks, b.expected_marks) == (60, 62)
    # Planned evaluation 8 Jul 2025; actual 1 Aug 2025 (build-up started 23 days late).
    assert b.phase == Phase.EVALUATION and b.planned_phase == Phase.EVALUATION
    assert b.phase_delay_days == 24
    assert b.phase_on_plan is True
    assert b.core_on_plan is False  # 1 steady of 15 in evaluation
    # Hours registered in 2 of the 52 weeks: the norm counts only those (issue 14, item 9).
    assert (b.hours, b.norm_weeks, b.registered_weeks) == (Decimal(8), 52, 2)
    assert b.norm_hours == Decimal(8) and b.hours_on_plan is True
    assert b.on_plan is False


def test_network_not_started(small):
    c = by_name(figures(small))["C Oost"]
    assert c.phase is None and c.planned_phase is None
    assert (c.reached, c.steady, c.norm_weeks, c.sessions) == (0, 0, 0, 0)
    assert c.hours_on_plan is None and c.on_plan is True
    assert c.attendance_rate is None and c.conversion is None


def test_totals(small):
    totals = figures(small).totals
    assert (totals.networks, totals.on_plan) == (3, 2)
    assert (totals.reached, totals.long_term, totals.steady, totals.target) == (5, 3, 3, 50)
    assert (totals.acquainted, totals.became_steady) == (5, 3)
    assert (totals.dropouts, totals.returns) == (3, 1)
    assert (totals.present_marks, totals.expected_marks) == (150, 166)
    assert totals.hours == Decimal(212) and totals.norm_hours == Decimal(212)
    assert (totals.registered_weeks, totals.norm_weeks) == (53, 103)
    assert totals.present_per_week == pytest.approx(90 / 52 + 60 / 53)


def test_last_quarter(small):
    a = by_name(figures(small, start=dt.date(2025, 10, 1)))["A Noord"]
    assert a.sessions == 13
    assert (a.reached, a.acquainted, a.dropouts, a.returns) == (2, 0, 0, 0)
    assert (a.present_marks, a.expected_marks) == (26, 26)
    assert a.steady == 2


def test_a_past_quarter_is_seen_as_of_its_end(small):
    result = figures(small, start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31))
    assert result.as_of == dt.date(2025, 3, 31)
    a = by_name(result)["A Noord"]
    assert a.steady == 0  # p1 becomes steady on 8 April
    assert (a.reached, a.acquainted, a.became_steady, a.dropouts) == (3, 3, 0, 1)
    assert a.taking_part == 2  # p1 settling, p3 settling


def test_filter_location(small):
    result = figures(small, location=small["locations"]["north"])
    assert [row.name for row in result.rows] == ["A Noord", "C Oost"]
    assert result.totals.reached == 3


def test_filter_worker_lead_or_backup(small):
    w1, w2 = small["workers"]["w1"], small["workers"]["w2"]
    assert [row.name for row in figures(small, worker=w1).rows] == ["A Noord", "C Oost"]
    assert [row.name for row in figures(small, worker=w2).rows] == ["B Zuid", "C Oost"]


def test_other_organisation_is_not_counted(small):
    from tests.dashboards.factories import bulk_organisation

    bulk_organisation(networks=1, weeks=10, people=3)
    assert figures(small).totals.networks == 3


def test_empty_organisation():
    from tests.factories import OrganisationFactory

    result = organisation_figures(organisation=OrganisationFactory(), **YEAR)
    assert result.rows == [] and result.totals.reached == 0
    assert result.totals.attendance_rate is None


def test_subgoal_status_per_network(small):
    models = pytest.importorskip("vangnet.network_evaluation.models")
    pytest.importorskip("vangnet.network_evaluation.indicators")
    evaluation = models.NetworkEvaluation.objects.create(
        network=small["networks"]["b"], moment="year_1"
    )
    for letter, judgement in (("a", "achieved"), ("b", "partly"), ("c", "not_yet")):
        models.SubgoalJudgement.objects.create(
            evaluation=evaluation, subgoal=letter, judgement=judgement
        )
    # A newer judgement of the same sub-goal replaces the older one.
    models.SubgoalJudgement.objects.create(evaluation=evaluation, subgoal="c", judgement="achieved")
    result = figures(small)
    assert result.has_subgoals
    rows = by_name(result)
    assert rows["B Zuid"].subgoals == {"a": "achieved", "b": "partly", "c": "achieved"}
    assert rows["B Zuid"].subgoals_text == "2 behaald, 1 deels, 0 nog niet, 6 zonder oordeel"
    assert rows["A Noord"].subgoals_text == "nog geen oordeel"


def test_outcome_change_per_network(small, settings):
    models = pytest.importorskip("vangnet.questionnaires.models")
    services = pytest.importorskip("vangnet.questionnaires.services")
    pytest.importorskip("vangnet.questionnaires.outcomes")
    from django.utils import timezone

    settings.VANGNET_SMALL_CELL_K = 5
    template = services.default_template_ensure(organisation=small["organisation"])
    version = template.versions.get()
    item = models.Item.objects.get(section__version=version, key="meedoen")
    network = small["networks"]["a"]
    # 6 participants: then/now 4->6 (x3), 5->5, 6->5, 3->7: changes +2 +2 +2 0 -1 +4.
    for then, now in ((4, 6), (4, 6), (4, 6), (5, 5), (6, 5), (3, 7)):
        response = models.Response.objects.create(
            version=version,
            organisation=small["organisation"],
            network=network,
            completed_at=timezone.now(),
        )
        models.Answer.objects.create(response=response, item=item, value_then=then, value_now=now)
    result = figures(small)
    assert result.has_outcomes
    rows = by_name(result)
    change = rows["A Noord"].outcome
    assert (change.n, change.improved, change.same, change.worse) == (6, 4, 1, 1)
    assert change.mean_change == pytest.approx(9 / 6)
    assert rows["A Noord"].outcome_text == (
        "+1,5 gemiddeld (6 antwoorden: 4 hoger, 1 gelijk, 1 lager)"
    )
    assert rows["B Zuid"].outcome_text == "nog geen antwoorden"
    # Fewer than k answers: no figures (small-cell rule of the questionnaires app).
    response = models.Response.objects.create(
        version=version,
        organisation=small["organisation"],
        network=small["networks"]["b"],
        completed_at=timezone.now(),
    )
    models.Answer.objects.create(response=response, item=item, value_then=2, value_now=8)
    assert by_name(figures(small))["B Zuid"].outcome_text == "minder dan 5 antwoorden"
