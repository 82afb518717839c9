"""`vangnet demo-data`: the demo organisation, its users and two networks with a history."""

import datetime as dt
import io
from collections import defaultdict

import pytest
from django.core.management import CommandError, call_command

from tests.factories import OrganisationFactory, UserFactory
from vangnet.demo import content
from vangnet.demo.generator import DemoDataError, demo_generate, demo_organisation, demo_reset
from vangnet.networks.models import Activity, Attendance, Contribution, Network, Session
from vangnet.organisations.models import Organisation, Role, User
from vangnet.participants.models import (
    FollowUpStatus,
    FollowUpTask,
    Participant,
    ReferralPartner,
    RouteEvent,
    RouteStage,
)

TODAY = dt.date(2026, 3, 4)  # a Wednesday; the tests do not depend on the real date


def _counts() -> dict[str, int]:
    return {
        "participants": Participant.objects.count(),
        "sessions": Session.objects.count(),
        "attendance": Attendance.objects.count(),
        "contributions": Contribution.objects.count(),
        "route_events": RouteEvent.objects.count(),
        "followups": FollowUpTask.objects.count(),
    }


def _fingerprint() -> list[tuple]:
    return list(
        Participant.objects.order_by("network__name", "display_name", "invited_on").values_list(
            "network__name", "display_name", "invited_on", "came_in_via"
        )
    )


@pytest.fixture
def demo(db):
    return demo_generate(seed=2026, today=TODAY, progress=False)


def _attendance_by_participant(network) -> dict[int, list[dt.date]]:
    dates = defaultdict(list)
    rows = Attendance.objects.filter(session__network=network, session__is_one_off=False)
    for participant_id, day in rows.values_list("participant_id", "session__date"):
        dates[participant_id].append(day)
    return dates


def test_same_seed_gives_the_same_data_and_another_seed_other_data(db):
    demo_generate(seed=2026, today=TODAY, progress=False)
    first, first_people = _counts(), _fingerprint()
    demo_reset()
    assert Participant.objects.count() == 0
    demo_generate(seed=2026, today=TODAY, progress=False)
    assert _counts() == first
    assert _fingerprint() == first_people
    demo_reset()
    demo_generate(seed=7, today=TODAY, progress=False)
    assert _fingerprint() != first_people


def test_every_role_has_a_demo_login(demo):
    organisation = demo.organisation
    users = User.objects.filter(organisation=organisation)
    assert {u.role for u in users} == set(Role.values)
    for user in users:
        assert user.check_password(content.DEMO_PASSWORD)
        assert not user.must_change_password
    lunch = Network.objects.get(name="Lunchgroep De Buurtkamer")
    assert lunch.lead_worker.username == "sociaalwerker"
    assert lunch.backup_worker.role == Role.BACKUP_WORKER


def test_organisation_locations_and_partners(demo):
    organisation = demo.organisation
    assert organisation.name == "Welzijn Tilburg (demo)"
    assert organisation.locations.count() == 2
    kinds = set(
        ReferralPartner.objects.filter(organisation=organisation).values_list("kind", flat=True)
    )
    assert {"poh-ggz", "wijkteam", "maatjesproject", "ggz"} <= kinds
    assert Participant.objects.filter(
        came_in_via="referral", referral_partner__isnull=False
    ).exists()
    assert Participant.objects.filter(invited_by__isnull=False).exists()


def test_weekly_sessions_for_about_a_year_and_a_half_up_to_last_week(demo):
    this_monday = TODAY - dt.timedelta(days=TODAY.weekday())
    for network in Network.objects.all():
        months = (TODAY - network.start_date).days / 30.44
        assert 17.5 <= months <= 20.5
        weekly = network.sessions.filter(is_one_off=False)
        last = weekly.order_by("-date").first()
        assert this_monday - dt.timedelta(days=7) <= last.date < this_monday
        assert weekly.count() >= 70
        assert not weekly.filter(recorded=False).exists()
        assert network.sessions.filter(is_one_off=True).exists()  # for the neighbourhood


def test_soup_group_becomes_lunch_group(demo):
    lunch = Activity.objects.get(name="Lunchgroep")
    soup = lunch.replaces
    assert soup.name == "Soepgroep"
    assert soup.active_until < lunch.active_from
    network = lunch.network
    early = network.sessions.filter(date__lte=soup.active_until, is_one_off=False)
    late = network.sessions.filter(date__gte=lunch.active_from, is_one_off=False)
    assert set(early.values_list("activities__name", flat=True)) == {"Soepgroep"}
    assert set(late.values_list("activities__name", flat=True)) == {"Lunchgroep"}
    toys = Activity.objects.get(name="Speelgoedpunt")
    assert toys.audience == "neighbourhood"
    contributed = set(
        Contribution.objects.filter(session__network=network).values_list("task", flat=True)
    )
    assert contributed <= set(soup.tasks) | set(lunch.tasks)


def test_about_half_of_the_acquainted_stay_longer_than_three_months(demo):
    acquainted = stayed = 0
    for network in Network.objects.all():
        for dates in _attendance_by_participant(network).values():
            if min(dates) >= TODAY - dt.timedelta(weeks=17):
                continue  # too recent to tell
            acquainted += 1
            stayed += (max(dates) - min(dates)).days > 91
    assert acquainted >= 50
    assert 0.35 <= stayed / acquainted <= 0.65


def test_about_ten_of_fifteen_steady_come_in_a_typical_week(demo):
    for network in Network.objects.all():
        recent = network.sessions.filter(is_one_off=False).order_by("-date")[:8]
        present = [s.attendances.count() for s in recent]
        assert 7 <= sum(present) / len(present) <= 17


def test_dropouts_returns_and_referrals(demo):
    dropouts = RouteEvent.objects.filter(stage=RouteStage.DROPPED_OUT)
    assert dropouts.count() >= 5
    assert not dropouts.filter(dropout_reason="").exists()
    assert len(set(dropouts.values_list("dropout_reason", flat=True))) >= 3
    referred = RouteEvent.objects.filter(stage=RouteStage.REFERRED_ON)
    assert 1 <= referred.count() <= 10
    assert not referred.filter(referred_to="").exists()
    closed = FollowUpTask.objects.filter(status=FollowUpStatus.DONE)
    assert closed.exists()
    assert not closed.filter(outcome="").exists()
    for network in Network.objects.all():
        assert network.transitions.count() >= 2
        assert all(t.reason for t in network.transitions.all())


def test_participants_have_a_positive_profile_and_mostly_no_contact_details(demo):
    people = list(Participant.objects.all())
    assert all(p.wishes and p.talents for p in people)
    with_contact = [p for p in people if p.phone or p.email or p.address]
    assert len(with_contact) < 0.3 * len(people)
    for p in people:
        assert p.display_name.split()[0].isalpha()  # first names only


def test_demo_story_this_weeks_session(demo):
    """Recording this week's session without Ria and with Joost opens a follow-up task for
    Ria and makes Joost a steady participant (the story in docs/demo.md)."""
    try:
        from vangnet.participants.followup_services import followups_refresh
        from vangnet.participants.selectors import participant_route
    except ImportError:
        pytest.skip("route selectors not available")
    network = Network.objects.get(name="Lunchgroep De Buurtkamer")
    ria = network.participants.get(display_name="Ria")
    joost = network.participants.get(display_name="Joost")
    assert participant_route(participant=ria, today=TODAY).current == RouteStage.STEADY
    assert participant_route(participant=joost, today=TODAY).current == RouteStage.SETTLING
    assert not FollowUpTask.objects.filter(participant=ria, status=FollowUpStatus.OPEN).exists()

    this_week = TODAY - dt.timedelta(days=TODAY.weekday())  # the lunch group meets on Monday
    session = Session.objects.create(network=network, date=this_week, recorded=True)
    Attendance.objects.create(session=session, participant=joost)
    followups_refresh(network=network, today=TODAY)

    assert participant_route(participant=joost, today=TODAY).current == RouteStage.STEADY
    assert FollowUpTask.objects.filter(participant=ria, status=FollowUpStatus.OPEN).exists()
    door = network.participants.get(display_name="Door")
    assert participant_route(participant=door, today=TODAY).current == RouteStage.RETURNED


def test_demo_story_ria_announced_absent_gets_no_followup(demo):
    """The walk-through's announced absence: Ria called in sick (afgemeld: ziek) this week.
    She missed last week without notice and this week with notice: no follow-up task."""
    from vangnet.networks.models import AnnouncedAbsence
    from vangnet.participants.followup_services import followups_refresh

    network = Network.objects.get(name="Lunchgroep De Buurtkamer")
    ria = network.participants.get(display_name="Ria")
    this_week = TODAY - dt.timedelta(days=TODAY.weekday())
    session = Session.objects.create(network=network, date=this_week, recorded=True)
    Attendance.objects.create(
        session=session, participant=network.participants.get(display_name="Joost")
    )
    AnnouncedAbsence.objects.create(session=session, participant=ria, reason="ziek")
    followups_refresh(network=network, today=TODAY)
    assert not FollowUpTask.objects.filter(participant=ria, status=FollowUpStatus.OPEN).exists()


def test_command_runs_twice_with_reset_and_prints_the_logins(db):
    out = io.StringIO()
    call_command("demo_data", "--seed", "2026", stdout=out, verbosity=0)
    first = _counts()
    out = io.StringIO()
    call_command("demo_data", "--reset", stdout=out)
    text = out.getvalue()
    assert "verwijderd" in text
    assert _counts() == first
    assert Organisation.objects.filter(name=content.ORGANISATION_NAME).count() == 1
    for username, *_rest in content.DEMO_USERS:
        assert username in text
    assert content.DEMO_PASSWORD in text


def test_command_without_reset_keeps_the_existing_demo(db):
    call_command("demo_data", stdout=io.StringIO(), verbosity=0)
    before = _counts()
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    assert "bestaat al" in out.getvalue()
    assert _counts() == before


def test_refuses_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="productie"):
        call_command("demo_data", stdout=io.StringIO(), verbosity=0)
    with pytest.raises(CommandError, match="productie"):
        call_command("demo_data", "--reset", stdout=io.StringIO(), verbosity=0)
    assert demo_organisation() is None
    assert not User.objects.exists()


def test_refuses_when_a_demo_username_is_taken(db):
    UserFactory(username="beheerder", organisation=OrganisationFactory())
    with pytest.raises(DemoDataError, match="beheerder"):
        demo_generate(today=TODAY, progress=False)
    assert demo_organisation() is None


def test_reset_leaves_other_organisations_alone(demo):
    other = OrganisationFactory()
    UserFactory(organisation=other)
    assert demo_reset() is True
    assert demo_reset() is False
    assert Organisation.objects.filter(pk=other.pk).exists()
    assert User.objects.filter(organisation=other).count() == 1
    assert not Participant.objects.exists()


def test_demo_users_can_open_their_pages(db, client):
    """The pages the walk-through in docs/demo.md uses work on the demo data."""
    from django.urls import reverse

    call_command("demo_data", stdout=io.StringIO(), verbosity=0)
    network = Network.objects.get(name="Lunchgroep De Buurtkamer")
    for username, *_rest in content.DEMO_USERS:
        client.force_login(User.objects.get(username=username))
        assert client.get(reverse("home"), follow=True).status_code == 200
    # What the issues' "done when" walk through on the demo data.
    older = Network.objects.order_by("start_date", "pk").first()
    pages = {
        "coordinator": [
            reverse("dashboards:organisation"),
            reverse("questionnaires:organisation_outcomes"),
            reverse("interviews:theme_report"),
            reverse("network_evaluation:subgoals", args=[older.pk]),
            reverse("support:sociogram", args=[older.pk]),
            reverse("reports:municipality"),
        ],
        "evaluator": [reverse("interviews:mine"), reverse("interviews:coding_list")],
        "gemeente": [reverse("reports:municipality")],
        "sociaalwerker": [
            reverse("practice:index"),
            reverse("questionnaires:network_outcomes", args=[network.pk]),
            reverse("exports:index"),
        ],
    }
    for username, urls in pages.items():
        client.force_login(User.objects.get(username=username))
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)
    # The volunteer of the Creaclub records its sessions and sees no other network.
    crea = Network.objects.get(name="Creaclub en Speelgoedpunt")
    client.force_login(User.objects.get(username="vrijwilliger"))
    screen = client.get(reverse("networks:session_current", args=[crea.pk]), follow=True)
    assert screen.status_code == 200
    assert client.get(reverse("networks:detail", args=[network.pk])).status_code == 404
    assert client.get(reverse("participants:followups")).status_code == 403
    client.force_login(network.lead_worker)
    assert client.get(reverse("networks:detail", args=[network.pk])).status_code == 200
    response = client.get(reverse("networks:session_current", args=[network.pk]), follow=True)
    assert response.status_code == 200
    assert "Ria" in response.content.decode() and "Joost" in response.content.decode()


def test_the_coordinator_shared_three_items_in_the_library(demo, client):
    """A lesson, a checklist variant and the evaluation questionnaire, published through the
    library's own service (its personal-data check passed); the reset removes them."""
    from vangnet.library.models import Publication

    organisation = demo_organisation()
    kinds = sorted(
        Publication.objects.filter(organisation=organisation).values_list("kind", flat=True)
    )
    assert kinds == ["checklist", "lesson", "questionnaire"]
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get("/bibliotheek/").content.decode()
    assert "Laat de groep de eerste activiteit zelf kiezen" in page
    demo_reset()
    assert not Publication.objects.exists()
