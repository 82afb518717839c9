"""fidelity_by_network: the inputs gathered from the database per quarter, in a number of
queries that does not grow with the networks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.dashboards.factories import bulk_organisation
from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory, UserFactory
from vangnet.fidelity.score import CHECKLIST, EVALUATION, FOLLOWUP, STEADY_GROUP
from vangnet.fidelity.selectors import fidelity_by_network
from vangnet.interviews.models import Interview, InterviewStatus
from vangnet.network_evaluation.models import (
    ChecklistAnswer,
    ChecklistAssessment,
    NetworkEvaluation,
    Score,
)
from vangnet.participants.models import FollowUpStatus, FollowUpTask

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)
# Four quarters of dashboard figures (12 each, uncached: docs/dashboards.md) + weights,
# networks, checklists, judgements, evaluations, follow-ups, member checks, interviews, coding.
QUERIES = 4 * 12 + 9


def checklist(network, day, scores):
    assessment = ChecklistAssessment.objects.create(network=network, date=day)
    for number, score in enumerate(scores):
        ChecklistAnswer.objects.create(assessment=assessment, item_key=f"k{number}", score=score)


def followup(network, created, closed=None):
    return FollowUpTask.objects.create(
        participant=ParticipantFactory(network=network),
        network=network,
        created_on=created,
        missed_sessions=3,
        status=FollowUpStatus.DONE if closed else FollowUpStatus.OPEN,
        closed_on=closed,
    )


def share(quarter, key):
    return next(c.share for c in quarter.result.components if c.key == key)


def test_components_per_quarter_from_the_data():
    network = NetworkFactory(start_date=dt.date(2025, 1, 6))
    other = NetworkFactory()  # another organisation
    checklist(network, dt.date(2025, 5, 1), [Score.YES, Score.YES, Score.YES, Score.NO])
    checklist(network, dt.date(2026, 1, 2), [Score.NO])  # after today's quarter: not counted
    followup(network, dt.date(2025, 10, 1), dt.date(2025, 10, 10))  # in time (due 15 Oct)
    followup(network, dt.date(2025, 11, 1), dt.date(2025, 11, 20))  # late (due 15 Nov)
    followup(network, dt.date(2025, 12, 28))  # due 11 Jan 2026: not yet counted
    followup(network, dt.date(2025, 6, 20))  # due 4 Jul: Q3, still open, so late
    checklist(other, dt.date(2025, 5, 1), [Score.YES])

    result = fidelity_by_network(organisation=network.organisation, today=TODAY)
    assert [item.network_id for item in result] == [network.pk]
    trend = result[0].trend
    assert [quarter.label for quarter in trend] == ["K1 2025", "K2 2025", "K3 2025", "K4 2025"]
    assert [share(q, CHECKLIST) for q in trend] == [0.0, 0.75, 0.75, 0.75]
    assert [share(q, FOLLOWUP) for q in trend] == [None, None, 0.0, 0.5]
    # The first evaluation moment is a year after the start (6 Jan 2026): not yet.
    assert [share(q, EVALUATION) for q in trend] == [None] * 4
    assert all(share(q, STEADY_GROUP) is None for q in trend)  # before deepening
    assert all(q.result.score is not None for q in trend)


def test_worker_and_network_filters():
    organisation = OrganisationFactory()
    mine = NetworkFactory(organisation=organisation)
    NetworkFactory(organisation=organisation)
    by_worker = fidelity_by_network(
        organisation=organisation, today=TODAY, worker=mine.backup_worker
    )
    assert [item.network_id for item in by_worker] == [mine.pk]
    by_id = fidelity_by_network(organisation=organisation, today=TODAY, network_ids=[mine.pk])
    assert [item.network_id for item in by_id] == [mine.pk]


def count(organisation) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        result = fidelity_by_network(organisation=organisation, today=TODAY)
    return len(captured), len(result)


def test_query_count_does_not_grow_with_networks(settings):
    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 0
    small = bulk_organisation(networks=2, weeks=8, people=3)
    large = bulk_organisation(networks=6, weeks=30, people=6)
    for network in large["networks"]:
        checklist(network, dt.date(2025, 9, 1), [Score.YES, Score.PARTLY])
        followup(network, dt.date(2025, 11, 3), dt.date(2025, 11, 5))
    small_queries, small_rows = count(small["organisation"])
    large_queries, large_rows = count(large["organisation"])
    assert (small_rows, large_rows) == (2, 6)
    assert small_queries == large_queries
    assert large_queries == QUERIES, large_queries


def test_evaluation_steps_count_skipped_moments_and_independent_interviews():
    # Start 1 Jan 2024: after one year on 1 Jan 2025, the end (evaluation phase) 1 Jul 2025.
    network = NetworkFactory(start_date=dt.date(2024, 1, 1))
    NetworkEvaluation.objects.create(
        network=network, moment="end", held_on=dt.date(2025, 7, 10), goals_answer="Ja."
    )
    evaluator = UserFactory(organisation=network.organisation, evaluator=True)
    for interviewer in (network.lead_worker, evaluator):
        Interview.objects.create(
            organisation=network.organisation,
            network=network,
            participant=ParticipantFactory(network=network),
            interviewer=interviewer,
            planned_at=timezone.make_aware(dt.datetime(2025, 11, 3, 10)),
            place="Buurthuis",
            status=InterviewStatus.HELD,
        )
    trend = fidelity_by_network(organisation=network.organisation, today=TODAY)[0].trend
    first, fourth = trend[0], trend[-1]
    evaluation = next(c for c in first.result.components if c.key == EVALUATION)
    assert evaluation.share == 0.0 and evaluation.evidence.startswith("0 van 1")
    # The one-year moment was skipped, the end moment done: both covered. Two interviews
    # held, one by someone who does not run the network; no member check, no coding.
    evaluation = next(c for c in fourth.result.components if c.key == EVALUATION)
    assert evaluation.evidence.startswith("2 van 2")
    assert evaluation.share == pytest.approx((1 + 0.5 + 0 + 0) / 4)
    assert "niet draait" in evaluation.next_step


def test_current_scores_of_some_networks_from_figures_of_more_equal_scratch(settings):
    """The column cache may miss fewer networks than the dashboard derives: the scores of
    that subset, made from the dashboard's figures of all of them, equal those made alone."""
    from vangnet.dashboards.selectors import organisation_figures
    from vangnet.fidelity.selectors import current_scores

    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 0
    data = bulk_organisation(networks=4, weeks=20, people=4)
    networks = data["networks"]
    checklist(networks[1], dt.date(2025, 11, 1), [Score.YES, Score.PARTLY])
    followup(networks[2], dt.date(2025, 11, 3), dt.date(2025, 11, 5))
    organisation = data["organisation"]
    ids = [network.pk for network in networks]
    known = organisation_figures(
        organisation=organisation,
        start=dt.date(2025, 10, 1),
        end=TODAY,
        network_ids=ids,
        today=TODAY,
    )
    for some in (ids[1:3], ids[3:], ids[:1]):
        kept = current_scores(organisation=organisation, as_of=TODAY, network_ids=some, known=known)
        alone = current_scores(organisation=organisation, as_of=TODAY, network_ids=some)
        assert kept == alone and list(kept) == some
