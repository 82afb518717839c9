"""The dashboard's rows kept per network (`dashboards.row_cache`): after writes to one network
between looks, the body and the API's figures equal those made with every cache off, and
only the networks written to are derived again (the others' rows, and the phase chart when
no phase changed, come from the cache)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import login
from tests.dashboards.factories import database_histories
from tests.dashboards.test_page_cache import (
    _checklist,
    _end_network,
    _hours,
    _organisation,
    _raw_marks,
    _raw_transition,
    _rename_network,
    _target,
    body,
    scratch,
)
from tests.factories import NetworkFactory, UserFactory
from vangnet.dashboards import row_cache
from vangnet.networks.models import Network, Session

pytestmark = pytest.mark.django_db(transaction=True)


def _session_saved(_data, network, _rng):
    """A worker saves a session (the load test's most frequent write)."""
    session = Session.objects.filter(network=network).order_by("-date").first()
    Session.objects.filter(pk=session.pk).update(version=F("version") + 1, note="bewaard")


# Writes that touch one network's data only.
ONE_NETWORK = [
    _session_saved,
    _checklist,
    _hours,
    _target,
    _rename_network,
    _raw_marks,
    _raw_transition,
    _end_network,
]
LOOKS = [{}, {"periode": "q2025-4"}, "location", "worker"]


def _query(data, look) -> dict:
    if look == "location":
        return {"locatie": str(data["networks"][0].location_id)}
    if look == "worker":
        return {"werker": str(data["worker"].pk)}
    return look


@database_histories(6)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(ONE_NETWORK),
            st.integers(0, 50),
            st.integers(0, 10**6),
            st.sampled_from(range(len(LOOKS))),
            st.booleans(),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_rows_equal_scratch_after_writes_to_one_network(steps):
    data = _organisation(networks=3)
    viewers = [data["coordinator"], UserFactory(organisation=data["organisation"], admin=True)]
    for viewer in viewers:
        assert body(viewer) == scratch(viewer)
    for write, which, seed, look, admin in steps:
        networks = list(Network.objects.filter(organisation=data["organisation"]).order_by("pk"))
        write(data, networks[which % len(networks)], random.Random(seed))
        viewer, query = viewers[int(admin)], _query(data, LOOKS[look])
        assert body(viewer, query) == scratch(viewer, query)
        assert body(viewer) == scratch(viewer)


def test_api_figures_equal_scratch_after_writes_to_one_network(client):
    data = _organisation(networks=3)
    login(client, data["coordinator"])
    url = reverse("api:organisation_figures")
    body(data["coordinator"])  # the rows of the dashboard's period are kept
    client.get(url)  # and those of the API's period
    rng = random.Random(11)
    for write in ONE_NETWORK:
        write(data, data["networks"][rng.randrange(3)], rng)
        cached = client.get(url).json()
        with override_settings(VANGNET_DASHBOARD_CACHE_SECONDS=0):
            assert cached == client.get(url).json()


@pytest.fixture
def derived(monkeypatch):
    """The network ids of every call of the row builder (the real one runs)."""
    calls: list[list[int]] = []
    real = row_cache.derive_rows

    def spy(**kwargs):
        calls.append(sorted(kwargs["network_ids"]))
        return real(**kwargs)

    monkeypatch.setattr(row_cache, "derive_rows", spy)
    return calls


@pytest.mark.parametrize("write", ONE_NETWORK, ids=[write.__name__ for write in ONE_NETWORK])
def test_after_a_write_only_that_networks_row_is_derived(derived, write):
    data = _organisation(networks=4)
    coordinator = data["coordinator"]
    everyone = sorted(
        Network.objects.filter(organisation=data["organisation"]).values_list("pk", flat=True)
    )
    body(coordinator)
    assert derived == [everyone]  # cold: every network, in one call
    body(coordinator)
    assert derived == [everyone]  # nothing changed: the whole body from the cache
    network = data["networks"][2]
    write(data, network, random.Random(5))
    assert body(coordinator) == scratch(coordinator)
    assert derived == [everyone, [network.pk]]


def test_a_saved_session_does_not_draw_the_phase_chart_again(derived, monkeypatch):
    data = _organisation(networks=3)
    coordinator = data["coordinator"]
    drawn = []
    real = row_cache.phase_overview_svg

    def spy(rows, **kwargs):
        drawn.append(len(rows))
        return real(rows, **kwargs)

    monkeypatch.setattr(row_cache, "phase_overview_svg", spy)
    body(coordinator)
    _session_saved(data, data["networks"][0], None)
    assert body(coordinator) == scratch(coordinator)
    assert drawn == [4]  # once, when cold: the saved session changed no phase
    _end_network(data, data["networks"][0], None)
    assert body(coordinator) == scratch(coordinator)
    assert drawn == [4, 4]


def test_a_new_network_is_derived_alone(derived):
    data = _organisation(networks=3)
    coordinator = data["coordinator"]
    body(coordinator)
    other = NetworkFactory(
        organisation=data["organisation"], name="Nieuw", start_date=dt.date(2025, 6, 1)
    )
    assert body(coordinator) == scratch(coordinator)
    assert derived[-1] == [other.pk]


def test_the_api_derives_only_the_written_networks_figures(client, monkeypatch):
    data = _organisation(networks=3)
    login(client, data["coordinator"])
    calls: list[list[int]] = []
    real = row_cache.derive_figures

    def spy(**kwargs):
        calls.append(sorted(kwargs["network_ids"]))
        return real(**kwargs)

    monkeypatch.setattr(row_cache, "derive_figures", spy)
    url = reverse("api:organisation_figures")
    client.get(url)
    assert len(calls) == 1 and len(calls[0]) == 4  # cold: every network, in one call
    network = data["networks"][1]
    _session_saved(data, network, None)
    cached = client.get(url).json()
    assert calls[1:] == [[network.pk]]
    with override_settings(VANGNET_DASHBOARD_CACHE_SECONDS=0):
        assert cached == client.get(url).json()
