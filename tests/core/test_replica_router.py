"""The read-replica router without a replica server: where reads go, the pin after a write,
and the fall-back to the primary when the replica does not answer (the real streaming
replica: test_replica_streaming.py)."""

from __future__ import annotations

import copy
import time

import pytest
from django.conf import settings
from django.db import connections
from django.urls import reverse

from tests.conftest import login
from vangnet.core import replica
from vangnet.networks.models import Network


@pytest.fixture
def broken_replica(monkeypatch, django_db_blocker):
    """A "replica" alias whose server is not there. No test database: pytest-django's
    block on database access is lifted so the connection attempt really fails."""
    config = copy.deepcopy(connections.settings["default"])
    if config["ENGINE"].endswith("sqlite3"):
        config["NAME"] = "/nonexistent-folder/replica.sqlite3"
    else:
        config.update(HOST="127.0.0.1", PORT="9", NAME="vangnet_replica_absent")
    config["TEST"] = {"MIRROR": "default"}
    monkeypatch.setitem(settings.DATABASES, replica.REPLICA, config)
    monkeypatch.setitem(connections.settings, replica.REPLICA, config)
    with django_db_blocker.unblock():
        yield
    if hasattr(connections._connections, replica.REPLICA):
        connections[replica.REPLICA].close()
        delattr(connections._connections, replica.REPLICA)


def test_without_a_replica_every_read_uses_the_primary():
    router = replica.ReplicaRouter()
    assert not replica.replica_configured()
    with replica.replica_reads() as used:
        assert not used
        assert router.db_for_read(Network) is None
    assert router.db_for_write(Network) == "default"


def test_inside_replica_reads_the_router_names_the_replica(monkeypatch):
    router = replica.ReplicaRouter()
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(replica, "replica_answers", lambda: True)
    with replica.replica_reads() as used:
        assert used
        assert router.db_for_read(Network) == replica.REPLICA
        assert router.db_for_write(Network) == "default"
    assert router.db_for_read(Network) is None
    assert router.allow_migrate(replica.REPLICA, "networks") is False
    assert router.allow_migrate("default", "networks") is None


def test_a_user_who_just_wrote_is_pinned_to_the_primary(monkeypatch):
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    monkeypatch.setattr(replica, "replica_answers", lambda: True)

    class Request:
        session = {replica.PIN_KEY: time.time() + 10}

    with replica.replica_reads(Request()) as used:  # type: ignore[arg-type]
        assert not used
    Request.session = {replica.PIN_KEY: time.time() - 1}  # the pin ran out
    with replica.replica_reads(Request()) as used:  # type: ignore[arg-type]
        assert used


def test_a_replica_that_does_not_answer_is_skipped(broken_replica, caplog):
    assert replica.replica_configured()
    with replica.replica_reads() as used:
        assert not used
        assert replica.ReplicaRouter().db_for_read(Network) is None
    assert "does not answer" in caplog.text


@pytest.mark.django_db
def test_a_write_pins_the_session_only_when_a_replica_is_configured(
    client, coordinator, monkeypatch
):
    login(client, coordinator)
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert replica.PIN_KEY not in client.session  # no replica: nothing to pin
    monkeypatch.setattr(replica, "replica_configured", lambda: True)
    client.get(reverse("home"))
    assert replica.PIN_KEY not in client.session  # reading pins nothing
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert client.session[replica.PIN_KEY] > time.time()
