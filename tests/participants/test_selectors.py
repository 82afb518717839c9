import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NetworkFactory, ParticipantFactory, ReferralPartnerFactory
from tests.participants.factories import (
    FollowUpTaskFactory,
    RouteEventFactory,
    attend,
    weekly_sessions,
)
from vangnet.participants.followup_selectors import open_followups_for_network
from vangnet.participants.models import FollowUpStatus, Participant, RouteStage
from vangnet.participants.selectors import (
    network_route_summary,
    participant_route,
    participants_for_session_screen,
    partner_summary,
)

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
TODAY = START + dt.timedelta(weeks=30)


def _people(network, sessions, count):
    people = []
    for i in range(count):
        person = ParticipantFactory(network=network, display_name=f"P{i:02d}")
        attend(person, sessions[i % 5 :: 2])
        RouteEventFactory(participant=person, stage=RouteStage.STEADY, date=START)
        people.append(person)
    return people


def test_participant_route_loads_the_facts_in_a_few_queries(network, django_assert_max_num_queries):
    sessions = weekly_sessions(network, START, 20)
    person = ParticipantFactory(network=network, invited_on=START)
    attend(person, sessions[:16])
    person = Participant.objects.get(pk=person.pk)  # nothing cached
    with django_assert_max_num_queries(4):
        route = participant_route(participant=person, today=sessions[-1].date)
    assert route.current == RouteStage.STEADY
    assert route.visits == 16 and route.missed_in_a_row == 4


def test_network_route_summary_same_number_of_queries_for_3_and_40(
    django_capture_on_commit_callbacks,
):
    counted = {}
    for n in (3, 40):
        network = NetworkFactory()
        sessions = weekly_sessions(network, START, 30)
        _people(network, sessions, n)
        network = type(network).objects.get(pk=network.pk)
        with (
            CaptureQueriesContext(connection) as queries,
            django_capture_on_commit_callbacks(execute=True),  # the cache is filled on commit
        ):
            summary = network_route_summary(network=network, today=TODAY)
        counted[n] = len(queries)
        assert sum(summary["counts"].values()) == n
        assert set(summary["routes"]) == set(
            Participant.objects.filter(network=network).values_list("pk", flat=True)
        )
        # Again, with nothing changed: the routes come from the cache (the organisation's
        # rules and the facts' fingerprint), the same answer.
        network = type(network).objects.get(pk=network.pk)
        with CaptureQueriesContext(connection) as again:
            assert network_route_summary(network=network, today=TODAY) == summary
        assert len(again) == 2
    # Organisation, fact version, participants' versions, session fingerprint, participants,
    # sessions, attendance, route events.
    assert counted[3] == counted[40] <= 8


def test_network_route_summary_counts_every_stage(network):
    sessions = weekly_sessions(network, START, 30)
    steady = ParticipantFactory(network=network)
    attend(steady, sessions)
    ParticipantFactory(network=network)  # invited
    gone = ParticipantFactory(network=network)
    attend(gone, sessions[:2])
    summary = network_route_summary(network=network, today=TODAY)
    assert set(summary["counts"]) == set(RouteStage.values)
    assert summary["counts"][RouteStage.STEADY] == 1 == summary["steady"]
    assert summary["counts"][RouteStage.INVITED] == 1
    assert summary["counts"][RouteStage.DROPPED_OUT] == 1
    assert summary["routes"][gone.pk] == RouteStage.DROPPED_OUT


def test_session_screen_hides_ended_routes_but_keeps_derived_dropouts(network):
    sessions = weekly_sessions(network, START, 30)
    on = sessions[-1].date
    derived_dropout = ParticipantFactory(network=network, display_name="Bea")
    attend(derived_dropout, sessions[:3])
    long_gone = ParticipantFactory(network=network, display_name="Ad")
    attend(long_gone, sessions[:3])
    RouteEventFactory(
        participant=long_gone,
        stage=RouteStage.DROPPED_OUT,
        dropout_reason="moved",
        date=sessions[3].date,
    )
    recent = ParticipantFactory(network=network, display_name="Cor")
    attend(recent, sessions[:25])
    RouteEventFactory(
        participant=recent,
        stage=RouteStage.DROPPED_OUT,
        dropout_reason="health",
        date=on - dt.timedelta(weeks=2),
    )
    referred = ParticipantFactory(network=network, display_name="Dirk")
    attend(referred, sessions)
    RouteEventFactory(
        participant=referred, stage=RouteStage.REFERRED_ON, referred_to="werk", date=on
    )
    newcomer = ParticipantFactory(network=network, display_name="Els")
    shown = participants_for_session_screen(network=network, on=on)
    assert [p.display_name for p in shown] == ["Bea", "Cor", "Els"]
    assert shown[0].route.current == RouteStage.DROPPED_OUT
    assert newcomer.pk in {p.pk for p in shown}


def test_session_screen_is_evaluated_on_the_session_date(network):
    sessions = weekly_sessions(network, START, 30)
    person = ParticipantFactory(network=network)
    attend(person, sessions)
    RouteEventFactory(
        participant=person, stage=RouteStage.REFERRED_ON, referred_to="werk", date=TODAY
    )
    assert participants_for_session_screen(network=network, on=sessions[10].date) == [person]
    assert participants_for_session_screen(network=network, on=TODAY) == []


def test_open_followups_for_network(network):
    other = NetworkFactory(organisation=network.organisation)
    mine = FollowUpTaskFactory(participant=ParticipantFactory(network=network))
    FollowUpTaskFactory(participant=ParticipantFactory(network=network), status=FollowUpStatus.DONE)
    FollowUpTaskFactory(participant=ParticipantFactory(network=other))
    assert open_followups_for_network(network=network) == [mine]


def test_partner_summary_counts_referrals_and_steady(organisation, django_assert_max_num_queries):
    network = NetworkFactory(organisation=organisation)
    sessions = weekly_sessions(network, START, 30)
    partner = ReferralPartnerFactory(organisation=organisation, name="Wijkteam Zuid")
    quiet = ReferralPartnerFactory(organisation=organisation, name="Buddy")
    ReferralPartnerFactory(name="Elders")
    steady = ParticipantFactory(network=network, referral_partner=partner)
    attend(steady, sessions[:20])  # steady, then dropped out
    ParticipantFactory(network=network, referral_partner=partner)
    with django_assert_max_num_queries(5):
        partners = partner_summary(organisation=organisation, today=TODAY)
    assert [p.name for p in partners] == ["Buddy", "Wijkteam Zuid"]
    wijkteam = partners[1]
    assert (wijkteam.referred, wijkteam.became_steady, wijkteam.steady_now) == (2, 1, 0)
    assert (partners[0].referred, partners[0].became_steady) == (0, 0)
    assert quiet.pk == partners[0].pk
