"""The dashboard's body cached whole (`dashboards.page_cache`): always equal to the body made
without any cache after random writes of every kind (services, `QuerySet.update`, raw SQL,
renamed locations and workers, new, ended and deleted networks), every write shown at once,
never one organisation's, language's or role's body served to another, and a number of
queries that does not grow with the networks."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import login
from tests.dashboards.factories import bulk_organisation, database_histories
from tests.factories import LocationFactory, NetworkFactory, UserFactory
from vangnet.dashboards.forms import filter_form
from vangnet.dashboards.page_cache import body_key, dashboard_body
from vangnet.network_evaluation.checklist import ITEM_KEYS
from vangnet.network_evaluation.services import checklist_assessment_create
from vangnet.networks.models import Network, PhaseTransition
from vangnet.organisations.models import Location, User
from vangnet.planning.models import PlanningSettings
from vangnet.planning.services import worker_hours_record

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2025, 12, 31)


def _form(organisation, query=None):
    form = filter_form(query or {}, organisation=organisation, today=TODAY)
    assert form.is_valid(), form.errors
    return form


def body(user, query=None) -> str:
    return str(dashboard_body(form=_form(user.organisation, query), user=user, today=TODAY))


def scratch(user, query=None) -> str:
    """The body with every cache of the dashboard off (routes, fidelity column, body)."""
    with override_settings(VANGNET_DASHBOARD_CACHE_SECONDS=0):
        return body(user, query)


# -- writes of every kind ------------------------------------------------------------------


def _checklist(data, network, rng):
    checklist_assessment_create(
        network=network,
        actor=data["coordinator"],
        date=dt.date(2025, 12, rng.randint(1, 28)),
        answers={key: (rng.choice(["ja", "deels", "nee"]), "") for key in ITEM_KEYS[:6]},
    )


def _hours(data, network, rng):
    monday = dt.date(2025, 12, 1) + dt.timedelta(weeks=rng.randint(0, 3))
    worker_hours_record(
        network=network,
        worker=data["worker"],
        hours_by_week={monday: rng.choice([None, Decimal(rng.randint(0, 30))])},
        today=TODAY,
    )


def _target(_data, network, rng):
    Network.objects.filter(pk=network.pk).update(target_core_size=rng.randint(1, 20))


def _rename_network(_data, network, rng):
    Network.objects.filter(pk=network.pk).update(name=f"Netwerk {rng.randint(0, 10**9)}")


def _raw_marks(_data, network, rng):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM networks_attendance WHERE session_id IN "
            "(SELECT id FROM networks_session WHERE network_id = %s AND date >= %s)",
            [network.pk, dt.date(2025, 12, 29) - dt.timedelta(weeks=rng.randint(1, 10))],
        )


def _raw_transition(_data, network, rng):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE networks_phasetransition SET date = %s WHERE network_id = %s",
            [dt.date(2025, 12, 29) - dt.timedelta(days=rng.randint(1, 120)), network.pk],
        )


def _rename_location(_data, network, rng):
    Location.objects.filter(pk=network.location_id).update(name=f"Buurthuis {rng.randint(0, 999)}")


def _rename_worker(_data, network, rng):
    User.objects.filter(pk=network.lead_worker_id).update(
        first_name=f"Werker{rng.randint(0, 999)}", last_name="Jansen"
    )


def _end_network(_data, network, _rng):
    """The network goes into evaluation and then continuation (its end as a network)."""
    for phase, day in (("deepening", 1), ("evaluation", 10)):
        PhaseTransition.objects.create(
            network=network, phase=phase, date=dt.date(2025, 12, day), reason="verder"
        )
    PhaseTransition.objects.create(
        network=network, phase="continuation", date=dt.date(2025, 12, 20), reason="voorziening"
    )


def _new_network(data, _network, rng):
    NetworkFactory(
        organisation=data["organisation"],
        name=f"Nieuw {rng.randint(0, 10**9)}",
        start_date=dt.date(2025, 6, 1),
    )


def _delete_network(data, _network, _rng):
    """A network without participants goes (one with participants cannot be deleted)."""
    empty = Network.objects.filter(organisation=data["organisation"], participants__isnull=True)
    Network.objects.filter(pk__in=list(empty.values_list("pk", flat=True)[:1])).delete()


def _threshold(data, _network, rng):
    PlanningSettings.objects.update_or_create(
        organisation=data["organisation"], defaults={"second_worker_above": rng.choice([1, 2])}
    )


WRITES = [
    _checklist,
    _hours,
    _target,
    _rename_network,
    _raw_marks,
    _raw_transition,
    _rename_location,
    _rename_worker,
    _end_network,
    _new_network,
    _delete_network,
    _threshold,
]


def _organisation(networks: int = 3) -> dict:
    data = bulk_organisation(networks=networks, weeks=20, people=4)
    data["coordinator"] = UserFactory(organisation=data["organisation"], coordinator=True)
    # One network without participants yet (the one `_delete_network` can delete).
    NetworkFactory(
        organisation=data["organisation"],
        location=data["networks"][0].location,
        lead_worker=data["worker"],
        name="Nog leeg",
        start_date=dt.date(2025, 9, 1),
    )
    return data


@database_histories(6)
@given(
    writes=st.lists(
        st.tuples(st.sampled_from(WRITES), st.integers(0, 50), st.integers(0, 10**6)),
        min_size=1,
        max_size=6,
    )
)
def test_cached_body_equals_scratch_after_random_writes(writes):
    data = _organisation()
    coordinator = data["coordinator"]
    assert body(coordinator) == scratch(coordinator)
    for write, which, seed in writes:
        networks = list(Network.objects.filter(organisation=data["organisation"]).order_by("pk"))
        write(data, networks[which % len(networks)], random.Random(seed))
        assert body(coordinator) == scratch(coordinator)


@pytest.mark.parametrize("write", WRITES, ids=[write.__name__ for write in WRITES])
def test_every_kind_of_write_shows_at_once(write):
    data = _organisation(networks=2)
    coordinator = data["coordinator"]
    before = body(coordinator)
    assert body(coordinator) == before  # from the cache now
    write(data, data["networks"][0], random.Random(7))
    after = body(coordinator)
    assert after == scratch(coordinator)
    assert after != before


def test_renamed_location_and_worker_are_shown():
    data = _organisation(networks=2)
    coordinator, network = data["coordinator"], data["networks"][0]
    body(coordinator)
    Location.objects.filter(pk=network.location_id).update(name="Het Anker")
    User.objects.filter(pk=network.lead_worker_id).update(first_name="Fatima", last_name="Bakr")
    text = body(coordinator)
    assert "Het Anker" in text
    assert "Fatima Bakr" in text


def test_filters_are_part_of_the_key():
    data = _organisation(networks=2)
    coordinator = data["coordinator"]
    other = NetworkFactory(
        organisation=data["organisation"],
        location=LocationFactory(organisation=data["organisation"]),
        name="Aan de andere kant",
    )
    everything = body(coordinator)
    assert other.name in everything
    there = {"locatie": str(data["networks"][0].location_id)}
    assert other.name not in body(coordinator, there)
    assert body(coordinator, there) == scratch(coordinator, there)
    worker = {"werker": str(data["worker"].pk)}
    assert body(coordinator, worker) == scratch(coordinator, worker)
    quarter = {"periode": "q2025-3"}
    assert body(coordinator, quarter) == scratch(coordinator, quarter)
    assert body(coordinator, quarter) != everything


def test_no_body_of_another_organisation():
    first, second = _organisation(networks=2), _organisation(networks=2)
    Network.objects.filter(pk=first["networks"][0].pk).update(name="Alleen van de eerste")
    assert "Alleen van de eerste" in body(first["coordinator"])
    text = body(second["coordinator"])
    assert "Alleen van de eerste" not in text
    assert text == scratch(second["coordinator"])


def test_language_and_role_are_part_of_the_key():
    data = _organisation(networks=2)
    coordinator = data["coordinator"]
    with translation.override("nl"):
        dutch = body(coordinator)
    with translation.override("en"):
        english = body(coordinator)
        assert english == scratch(coordinator)
    assert english != dutch
    form = _form(data["organisation"])
    keys = {
        body_key(organisation=data["organisation"], role=role, filters=form.filters(), today=TODAY)
        for role in ("coordinator", "org_admin", "social_worker")
    }
    assert len(keys) == 3


@pytest.mark.parametrize("role", ["worker", "municipality", "evaluator"])
def test_viewer_without_the_dashboard_never_gets_the_cached_body(client, role):
    data = _organisation(networks=2)
    name = data["networks"][0].name
    text = login(client, data["coordinator"]).get(reverse("dashboards:organisation"))
    assert name in text.content.decode()  # the body is cached now
    client.logout()
    traits = {} if role == "worker" else {role: True}
    viewer = UserFactory(organisation=data["organisation"], **traits)
    response = login(client, viewer).get(reverse("dashboards:organisation"))
    assert response.status_code in (302, 403)
    assert name not in response.content.decode()


def _queries(client, networks: int) -> list[int]:
    data = bulk_organisation(networks=networks, weeks=10, people=3)
    login(client, UserFactory(organisation=data["organisation"], coordinator=True))
    counts = []
    for _request in range(2):  # cold, then warm
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("dashboards:organisation"))
        assert response.status_code == 200
        counts.append(len(captured))
    client.logout()
    return counts


def test_query_count_does_not_grow_with_networks(client):
    small, large = _queries(client, 2), _queries(client, 7)
    assert small == large
    assert large[1] < large[0]


def test_api_figures_from_the_cache_equal_scratch_after_writes(client):
    data = _organisation(networks=2)
    login(client, data["coordinator"])
    url = reverse("api:organisation_figures")
    first = client.get(url).json()
    assert client.get(url).json() == first  # from the cache now
    rng = random.Random(3)
    for write in (_rename_location, _rename_network, _raw_marks, _hours, _new_network):
        write(data, data["networks"][0], rng)
        cached = client.get(url).json()
        with override_settings(VANGNET_DASHBOARD_CACHE_SECONDS=0):
            assert cached == client.get(url).json()
    assert cached != first
