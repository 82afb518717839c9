"""`core.single_flight.derive_once`: a missing value derived by one request at a time, the
others waiting for it; derived by the waiter when the claim goes without a value or outlives
the wait; inside a transaction every request derives, storing on commit."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection

from vangnet.core import single_flight
from vangnet.core.single_flight import claim_key, derive_once

# Outside a transaction, as a request in production is (the requests are threads here).
pytestmark = pytest.mark.django_db(transaction=True)


class Deriver:
    """A `derive` that records what it was asked and can hold until released."""

    def __init__(self, value: str, hold: threading.Event | None = None) -> None:
        self.value, self.hold, self.calls = value, hold, []
        self.started = threading.Event()

    def __call__(self, items):
        self.calls.append(list(items))
        self.started.set()
        if self.hold is not None:
            assert self.hold.wait(5)
        return {item: f"{self.value}-{item}" for item in items if item != "nothing"}


def in_thread(function):
    """Run `function` in a thread (its own database connection, as another request has);
    the thread and a box that gets its result."""
    box: dict = {}

    def run():
        try:
            box["result"] = function()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, box


def test_a_value_another_request_derives_is_awaited_not_derived_again():
    release = threading.Event()
    first, second = Deriver("first", hold=release), Deriver("second")
    owner, owner_box = in_thread(lambda: derive_once({1: "k:1", 2: "k:2"}, first, seconds=60))
    assert first.started.wait(5)
    waiter, waiter_box = in_thread(lambda: derive_once({2: "k:2", 3: "k:3"}, second, seconds=60))
    time.sleep(0.1)  # the waiter has claimed 3, derived it and polls for 2
    release.set()
    owner.join(5)
    waiter.join(5)
    assert owner_box["result"] == {1: "first-1", 2: "first-2"}
    assert waiter_box["result"] == {2: "first-2", 3: "second-3"}
    assert second.calls == [[3]]  # 2 was awaited, not derived again
    assert cache.get_many(["k:1", "k:2", "k:3"]) == {
        "k:1": "first-1",
        "k:2": "first-2",
        "k:3": "second-3",
    }
    assert cache.get(claim_key("k:1")) is None  # the claims are let go


def test_a_claim_let_go_without_a_value_is_derived_by_the_waiter(monkeypatch):
    monkeypatch.setattr(single_flight, "WAIT_SECONDS", 4.0)
    cache.add(claim_key("k:1"), "another request")
    waiter = Deriver("waiter")
    thread, box = in_thread(lambda: derive_once({1: "k:1"}, waiter, seconds=60))
    time.sleep(0.1)
    assert waiter.calls == []  # still waiting for the other request
    cache.delete(claim_key("k:1"))  # it failed: no value
    let_go = time.monotonic()
    thread.join(5)
    assert box["result"] == {1: "waiter-1"}
    assert waiter.calls == [[1]]
    assert time.monotonic() - let_go < 2.0  # at once, not at the end of the wait


def test_a_claim_held_past_the_wait_is_derived_by_the_waiter(monkeypatch):
    monkeypatch.setattr(single_flight, "WAIT_SECONDS", 0.2)
    cache.add(claim_key("k:1"), "a request that died")
    waiter = Deriver("waiter")
    started = time.monotonic()
    assert derive_once({1: "k:1"}, waiter, seconds=60) == {1: "waiter-1"}
    assert time.monotonic() - started >= 0.2
    assert cache.get("k:1") == "waiter-1"


def test_a_failed_derivation_lets_its_claims_go():
    def failing(_items):
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        derive_once({1: "k:1"}, failing, seconds=60)
    assert cache.get(claim_key("k:1")) is None
    assert cache.get("k:1") is None


def test_nothing_is_remembered_only_when_asked():
    asked = Deriver("x")
    assert derive_once({"nothing": "k:none"}, asked, seconds=60) == {}
    assert "k:none" not in cache.get_many(["k:none"])
    assert derive_once({"nothing": "k:none"}, asked, seconds=60, remember_none=True) == {
        "nothing": None
    }
    assert cache.get_many(["k:none"]) == {"k:none": None}


@pytest.mark.django_db
def test_inside_a_transaction_every_request_derives_and_stores_on_commit(
    django_capture_on_commit_callbacks,
):
    cache.add(claim_key("k:1"), "another request")  # would make a request outside wait
    deriver = Deriver("here")
    with django_capture_on_commit_callbacks(execute=True):
        assert derive_once({1: "k:1"}, deriver, seconds=60) == {1: "here-1"}
        assert cache.get("k:1") is None  # not before the commit
    assert cache.get("k:1") == "here-1"
    assert deriver.calls == [[1]]
