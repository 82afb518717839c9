"""Coordinators looking at the dashboard at the same time after a write: the changed
network's row is derived by one of them, the others wait for it (`core.single_flight`), and
every look shows the same body as one made without any cache."""

from __future__ import annotations

import random
import threading
import time

import pytest
from django.db import connection

from tests.dashboards.test_page_cache import _organisation, _raw_marks, body, scratch
from vangnet.dashboards import row_cache

pytestmark = pytest.mark.django_db(transaction=True)


def test_looks_at_once_after_a_write_derive_the_changed_row_once(monkeypatch):
    data = _organisation(networks=3)
    coordinator, changed = data["coordinator"], data["networks"][1]
    body(coordinator)  # every row kept
    _raw_marks(data, changed, random.Random(3))
    derived: list[list[int]] = []
    first_started, others_waiting = threading.Event(), threading.Event()
    derive_rows = row_cache.derive_rows

    def slow_derive_rows(**kwargs):
        derived.append(list(kwargs["network_ids"]))
        first_started.set()
        assert others_waiting.wait(5)  # the other looks start while this one derives
        return derive_rows(**kwargs)

    monkeypatch.setattr(row_cache, "derive_rows", slow_derive_rows)
    bodies: list[str] = []

    def look():
        try:
            bodies.append(body(coordinator))
        finally:
            connection.close()

    looks = [threading.Thread(target=look) for _ in range(3)]
    looks[0].start()
    assert first_started.wait(5)
    for thread in looks[1:]:
        thread.start()
    time.sleep(0.2)
    others_waiting.set()
    for thread in looks:
        thread.join(10)
    assert derived == [[changed.pk]]
    monkeypatch.setattr(row_cache, "derive_rows", derive_rows)
    expected = scratch(coordinator)
    assert bodies == [expected] * 3
