"""Demo questionnaires on top of the demo networks."""

import datetime as dt

import pytest

from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network
from vangnet.organisations.models import User
from vangnet.questionnaires.demo import questionnaires_demo
from vangnet.questionnaires.models import Response
from vangnet.questionnaires.outcome_selectors import network_outcome

TODAY = dt.date(2026, 3, 2)


@pytest.fixture
def demo(db):
    summary = demo_generate(seed=2026, today=TODAY, progress=False)
    organisation = summary.organisation
    networks = list(Network.objects.filter(organisation=organisation))
    users = {user.username: user for user in User.objects.filter(organisation=organisation)}
    return organisation, networks, users, summary.counts


def test_demo_gives_steady_participants_completed_questionnaires(demo):
    # The generator runs the interviews' demo (questionnaires of the interviewed) and then
    # this app's (the other steady participants of the older network).
    organisation, networks, users, counts = demo
    assert counts["questionnaire_responses"] >= 4
    older = min(networks, key=lambda n: (n.start_date, n.pk))
    outcome = network_outcome(network=older)
    change = outcome.change
    completed = Response.objects.filter(
        organisation=organisation, completed_at__isnull=False, participant__network=older
    )
    assert change.n == completed.count() >= 8
    assert change.improved > change.n / 2
    assert 1 <= change.worse <= 2
    assert all(i["n"] == change.n for i in outcome.indicators)
    # idempotent: nobody gets a second questionnaire
    again = questionnaires_demo(
        organisation=organisation, networks=networks, users=users, seed="2026", today=TODAY
    )
    assert again["questionnaire_responses"] == 0
    assert Response.objects.filter(organisation=organisation).count() == change.n
