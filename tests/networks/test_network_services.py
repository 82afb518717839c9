"""Services of networks/services.py: networks, phase transitions and activities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import (
    ActivityFactory,
    LocationFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
)
from vangnet.networks import services
from vangnet.networks.activities import services as activity_services
from vangnet.networks.models import Activity, Network, Phase, PhaseTransition, Session
from vangnet.networks.phases import network_phases

D = dt.date


@pytest.fixture
def people(organisation):
    return {
        "lead": UserFactory(organisation=organisation),
        "backup": UserFactory(organisation=organisation, backup=True),
        "location": LocationFactory(organisation=organisation),
    }


def create(organisation, actor, people, **overrides):
    kwargs = {
        "organisation": organisation,
        "actor": actor,
        "name": "Lunchgroep Zuid",
        "start_date": D(2025, 1, 6),
        "lead_worker": people["lead"],
        "backup_worker": people["backup"],
        "location": people["location"],
        "neighbourhood": "Zuid",
    }
    kwargs.update(overrides)
    return services.network_create(**kwargs)


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


# --------------------------------------------------------------------------- networks


def test_coordinator_creates_a_network_with_the_method_defaults(organisation, coordinator, people):
    network = create(organisation, coordinator, people)
    assert network.pk and network.organisation == organisation
    assert (network.target_core_size, network.exploration_months) == (15, 3)
    assert (network.build_up_months, network.deepening_months) == (9, 6)


def test_org_admin_may_create_but_a_worker_may_not(organisation, org_admin, people):
    assert create(organisation, org_admin, people).pk
    with pytest.raises(PermissionDenied):
        create(organisation, people["lead"], people, name="Andere naam")


def test_a_coordinator_cannot_create_in_another_organisation(coordinator, people):
    other = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        create(other, coordinator, people)
    assert not Network.objects.filter(organisation=other).exists()


def test_workers_and_location_of_another_organisation_are_refused(organisation, coordinator):
    other = OrganisationFactory()
    foreign = {
        "lead": UserFactory(organisation=other),
        "backup": UserFactory(organisation=other, backup=True),
        "location": LocationFactory(organisation=other),
    }
    with pytest.raises(ValidationError) as excinfo:
        create(organisation, coordinator, foreign)
    assert set(errors_of(excinfo)) == {"lead_worker", "backup_worker", "location"}
    assert not Network.objects.exists()


def test_lead_must_be_a_social_worker_and_backup_someone_else(organisation, coordinator, people):
    with pytest.raises(ValidationError) as excinfo:
        create(organisation, coordinator, people, lead_worker=people["backup"])
    assert "lead_worker" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        create(organisation, coordinator, people, backup_worker=people["lead"])
    assert errors_of(excinfo)["backup_worker"] == [
        "De achterwacht moet iemand anders zijn dan de sociaal werker."
    ]
    # A coordinator cannot be the backup; another social worker can.
    with pytest.raises(ValidationError) as excinfo:
        create(organisation, coordinator, people, backup_worker=coordinator)
    assert "backup_worker" in errors_of(excinfo)
    second = UserFactory(organisation=organisation)
    assert create(organisation, coordinator, people, backup_worker=second).backup_worker == second


def test_numbers_are_checked(organisation, coordinator, people):
    with pytest.raises(ValidationError) as excinfo:
        create(
            organisation,
            coordinator,
            people,
            target_core_size=0,
            exploration_months=0,
            build_up_months=37,
            deepening_months=36,
        )
    assert set(errors_of(excinfo)) == {"target_core_size", "exploration_months", "build_up_months"}


def test_name_is_unique_in_the_organisation(organisation, coordinator, people):
    create(organisation, coordinator, people)
    with pytest.raises(ValidationError) as excinfo:
        create(organisation, coordinator, people, name="lunchgroep zuid")
    assert "name" in errors_of(excinfo)
    # Another organisation may use the same name.
    other = OrganisationFactory()
    other_people = {
        "lead": UserFactory(organisation=other),
        "backup": None,
        "location": None,
    }
    boss = UserFactory(organisation=other, coordinator=True)
    assert create(other, boss, other_people).pk


def test_update_changes_fields_and_refuses_out_of_order_start(network, coordinator):
    services.network_update(network=network, actor=coordinator, target_core_size=20)
    network.refresh_from_db()
    assert network.target_core_size == 20
    services.phase_transition_record(
        network=network,
        phase=Phase.BUILD_UP,
        date=D(2025, 3, 1),
        reason="eerste groep",
        actor=coordinator,
        today=D(2025, 3, 2),
    )
    with pytest.raises(ValidationError) as excinfo:
        services.network_update(network=network, actor=coordinator, start_date=D(2025, 3, 15))
    assert "start_date" in errors_of(excinfo)
    network.refresh_from_db()
    assert network.start_date == D(2025, 1, 6)


def test_update_by_coordinator_of_another_organisation_is_refused(network):
    stranger = UserFactory(coordinator=True)
    with pytest.raises(PermissionDenied):
        services.network_update(network=network, actor=stranger, name="Overgenomen")


# --------------------------------------------------------------------------- transitions


LATER = D(2027, 1, 1)


def record(network, actor, phase, day, reason="omdat het zo is", today=LATER):
    return services.phase_transition_record(
        network=network, phase=phase, date=day, reason=reason, actor=actor, today=today
    )


def test_record_transition_changes_the_current_phase(network, coordinator):
    record(network, coordinator, Phase.BUILD_UP, D(2025, 3, 1))
    timeline = network_phases(network=network, on=D(2025, 3, 1))
    assert timeline.current == Phase.BUILD_UP
    saved = PhaseTransition.objects.get()
    assert saved.recorded_by == coordinator and saved.reason == "omdat het zo is"


def test_transition_needs_date_phase_and_reason(network, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        services.phase_transition_record(
            network=network, phase="", date=None, reason="  ", actor=coordinator
        )
    assert set(errors_of(excinfo)) == {"phase", "date", "reason"}


def test_transition_out_of_order_is_refused_in_dutch(network, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        record(network, coordinator, Phase.BUILD_UP, D(2025, 1, 1))
    (message,) = errors_of(excinfo)["date"]
    assert "Opbouw" in message and "Verkenning" in message
    # Deepening before build-up's (planned) start is refused too.
    with pytest.raises(ValidationError):
        record(network, coordinator, Phase.DEEPENING, D(2025, 3, 1))
    assert not PhaseTransition.objects.exists()


def test_a_new_transition_may_not_push_a_recorded_one_out_of_order(network, coordinator):
    record(network, coordinator, Phase.DEEPENING, D(2025, 12, 1))
    with pytest.raises(ValidationError):
        record(network, coordinator, Phase.BUILD_UP, D(2025, 12, 15))
    assert PhaseTransition.objects.count() == 1


def test_no_transition_in_the_future_or_to_exploration(network, coordinator):
    with pytest.raises(ValidationError) as excinfo:
        record(network, coordinator, Phase.BUILD_UP, D(2025, 5, 1), today=D(2025, 4, 1))
    assert "date" in errors_of(excinfo)
    with pytest.raises(ValidationError) as excinfo:
        record(network, coordinator, Phase.EXPLORATION, D(2025, 1, 10))
    assert "phase" in errors_of(excinfo)


def test_continuation_only_in_or_after_evaluation(network, coordinator):
    # By the plan evaluation starts on 6 July 2026.
    with pytest.raises(ValidationError) as excinfo:
        record(network, coordinator, Phase.CONTINUATION, D(2026, 5, 1), today=D(2026, 6, 1))
    assert "phase" in errors_of(excinfo)
    record(network, coordinator, Phase.CONTINUATION, D(2026, 9, 1), today=D(2026, 9, 2))
    assert network_phases(network=network, on=D(2026, 9, 2)).current == Phase.CONTINUATION


def test_only_managers_record_transitions(network):
    with pytest.raises(PermissionDenied):
        record(network, network.lead_worker, Phase.BUILD_UP, D(2025, 3, 1))


# --------------------------------------------------------------------------- activities


def activity_kwargs(**overrides):
    kwargs = {
        "name": "Soepgroep",
        "audience": "group",
        "weekday": 2,
        "start_time": dt.time(11, 0),
        "duration_minutes": 120,
        "tasks": "koken, afwassen,  , Koken, tafel dekken",
        "active_from": D(2025, 1, 8),
    }
    kwargs.update(overrides)
    return kwargs


def test_activity_create_parses_tasks_and_warns_above_two_and_a_half_hours(network, worker):
    outcome = activity_services.activity_create(network=network, actor=worker, **activity_kwargs())
    assert outcome.activity.tasks == ["koken", "afwassen", "tafel dekken"]
    assert outcome.warnings == []
    long = activity_services.activity_create(
        network=network, actor=worker, **activity_kwargs(name="Uitje", duration_minutes=180)
    )
    assert long.activity.pk and long.activity.duration_minutes == 180
    assert len(long.warnings) == 1 and "2,5 uur" in long.warnings[0]
    assert (
        activity_services.activity_create(
            network=network, actor=worker, **activity_kwargs(name="Net", duration_minutes=150)
        ).warnings
        == []
    )


def test_activity_create_validates(network, worker):
    with pytest.raises(ValidationError) as excinfo:
        activity_services.activity_create(
            network=network,
            actor=worker,
            **activity_kwargs(
                name=" ",
                audience="iedereen",
                weekday=9,
                duration_minutes=0,
                active_from=D(2024, 12, 1),
                tasks=["x" * 121],
            ),
        )
    assert set(errors_of(excinfo)) == {
        "name",
        "audience",
        "weekday",
        "duration_minutes",
        "active_from",
        "tasks",
    }
    assert not Activity.objects.exists()


def test_activity_change_ends_the_old_one_and_links_the_successor(network, worker):
    soup = activity_services.activity_create(
        network=network, actor=worker, **activity_kwargs()
    ).activity
    outcome = activity_services.activity_change(
        activity=soup,
        actor=worker,
        from_date=D(2025, 6, 1),
        name="Lunchgroep",
        audience="group",
        weekday=3,
        start_time=dt.time(12, 0),
        duration_minutes=150,
        tasks=["koken", "boodschappen"],
    )
    lunch = outcome.activity
    soup.refresh_from_db()
    assert soup.active_until == D(2025, 5, 31)
    assert lunch.replaces == soup and lunch.active_from == D(2025, 6, 1)
    assert lunch.active_until is None and lunch.tasks == ["koken", "boodschappen"]
    # A replaced activity cannot be changed or ended again.
    with pytest.raises(ValidationError):
        activity_services.activity_change(
            activity=soup,
            actor=worker,
            from_date=D(2025, 7, 1),
            **{k: v for k, v in activity_kwargs().items() if k != "active_from"},
        )
    with pytest.raises(ValidationError):
        activity_services.activity_end(activity=soup, actor=worker, until=D(2025, 8, 1))


def test_activity_change_date_must_be_after_the_start(network, worker):
    soup = ActivityFactory(network=network, active_from=D(2025, 2, 1))
    with pytest.raises(ValidationError) as excinfo:
        activity_services.activity_change(
            activity=soup,
            actor=worker,
            from_date=D(2025, 2, 1),
            **{k: v for k, v in activity_kwargs().items() if k != "active_from"},
        )
    assert "from_date" in errors_of(excinfo)
    soup.refresh_from_db()
    assert soup.active_until is None
    assert Activity.objects.count() == 1


def test_activity_change_moves_sessions_generated_ahead(network, worker):
    soup = ActivityFactory(network=network, weekday=2, active_from=D(2025, 1, 8))
    ahead = SessionFactory(network=network, date=D(2025, 3, 12))  # a Wednesday, not filled in
    ahead.activities.add(soup)
    done = SessionFactory(network=network, date=D(2025, 3, 5), recorded=True)
    done.activities.add(soup)
    lunch = activity_services.activity_change(
        activity=soup,
        actor=worker,
        from_date=D(2025, 3, 10),
        **{k: v for k, v in activity_kwargs(name="Lunch").items() if k != "active_from"},
    ).activity
    assert list(Session.objects.get(pk=ahead.pk).activities.all()) == [lunch]
    assert list(Session.objects.get(pk=done.pk).activities.all()) == [soup]


def test_activity_end_and_update(network, worker):
    soup = ActivityFactory(network=network, active_from=D(2025, 2, 1))
    with pytest.raises(ValidationError):
        activity_services.activity_end(activity=soup, actor=worker, until=D(2025, 1, 31))
    activity_services.activity_end(activity=soup, actor=worker, until=D(2025, 9, 30))
    soup.refresh_from_db()
    assert soup.active_until == D(2025, 9, 30)
    outcome = activity_services.activity_update(
        activity=soup, actor=worker, name="Soep!", duration_minutes=200, tasks="soep"
    )
    assert outcome.warnings and outcome.activity.tasks == ["soep"]
    with pytest.raises(ValidationError):
        activity_services.activity_update(activity=soup, actor=worker, active_from=D(2025, 10, 1))


def test_parse_tasks():
    assert activity_services.parse_tasks(" koken ,  tafel   dekken,,KOKEN ") == [
        "koken",
        "tafel dekken",
    ]
    assert activity_services.parse_tasks("") == []
    assert activity_services.parse_tasks(None) == []
