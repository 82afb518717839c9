"""The research export reads the pages' cached routes read-only (issue 21).

Its participants table takes a network's routes from the route cache when an entry for the
network's current facts is there, and derives them otherwise without storing anything. The
files must equal the from-scratch expectation (test_export_fidelity) whether the cache is
cold, warm, stale (facts written after the entry was made: never used) or off.
"""

from __future__ import annotations

import dataclasses

import pytest
from django.core.cache import cache

from tests.exports.helpers import csv_rows, zip_files
from tests.exports.test_export_fidelity import (
    TODAY,
    expected_research,
    in_file,
    make_history,
    sort_key,
)
from tests.factories import SessionFactory, UserFactory
from vangnet.exports import research
from vangnet.exports.scope import Pseudonyms, research_scope
from vangnet.exports.services import export_build
from vangnet.networks.models import Attendance
from vangnet.participants import fact_cache
from vangnet.participants.models import Participant
from vangnet.participants.selectors import network_route_map, route_rules
from vangnet.privacy.models import ConsentKind, ConsentRecord


@pytest.fixture
def codes(monkeypatch):
    monkeypatch.setattr(
        Pseudonyms, "__call__", lambda self, key: "" if key is None else f"{self.prefix}{key}"
    )


@pytest.fixture
def history(db, codes, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    settings.VANGNET_ROUTE_CACHE_SECONDS = 3600
    made = make_history(7)
    made["user"] = UserFactory(organisation=made["organisation"], evaluator=True)
    return made


def exported(history) -> dict[str, list[list[str]]]:
    result = export_build(
        kind="research", file_format="zip", scope=research_scope(history["user"]), today=TODAY
    )
    files = zip_files(result.data)
    return {name: csv_rows(files[f"{name}.csv"])[1:] for name in research.DICTIONARY}


def assert_equals_the_expectation(history) -> dict[str, list[list[str]]]:
    got = exported(history)
    expected = expected_research(history["organisation"], 5)
    assert expected["participants"]
    for name in research.DICTIONARY:
        assert sorted(got[name], key=sort_key) == sorted(
            in_file(expected[name], "csv"), key=sort_key
        ), name
    return got


def route_key(network) -> str:
    version = fact_cache.network_fact_version(network.pk)
    rules = route_rules(network.organisation)
    return fact_cache.cache_key("routes", network.pk, TODAY, rules, version)


def warm(history, capture) -> None:
    """What the network page does: derive the routes and store them when it commits."""
    with capture(execute=True):
        for network in history["networks"]:
            network_route_map(network=network, today=TODAY)
    for network in history["networks"]:
        assert cache.get(route_key(network)) is not None


def poison(network, *, visits: int = 999, drop: int | None = None) -> None:
    """Put routes under the network's current key that a from-scratch derivation never
    gives, so a test sees whether the export read them."""
    key = route_key(network)
    routes = cache.get(key) or network_route_map(network=network, today=TODAY)
    routes = {pk: dataclasses.replace(route, visits=visits) for pk, route in routes.items()}
    if drop is not None:
        routes.pop(drop)
    cache.set(key, routes)


def test_a_cold_cache_gives_the_expectation_and_stores_nothing(
    history, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert_equals_the_expectation(history)
    for network in history["networks"]:
        assert cache.get(route_key(network)) is None  # read-only: the pages' entries stay


def test_a_warm_cache_gives_the_same_rows_as_recomputing(
    history, django_capture_on_commit_callbacks
):
    warm(history, django_capture_on_commit_callbacks)
    assert_equals_the_expectation(history)


def test_the_cached_routes_are_what_the_export_reads(history):
    for network in history["networks"]:
        poison(network)
    visits = research.columns("participants").index("visits")
    rows = exported(history)["participants"]
    assert rows and {row[visits] for row in rows} == {"999"}


def test_a_stale_cache_is_never_used(history, django_capture_on_commit_callbacks):
    warm(history, django_capture_on_commit_callbacks)
    for network in history["networks"]:
        poison(network)  # under the key of the facts as they are now
    # New facts in every network: the poisoned entries belong to older facts now.
    for network in history["networks"]:
        session = SessionFactory(network=network, date=TODAY)
        person = Participant.objects.filter(network=network).order_by("pk").first()
        Attendance.objects.create(session=session, participant=person)
    got = assert_equals_the_expectation(history)
    visits = research.columns("participants").index("visits")
    assert "999" not in {row[visits] for row in got["participants"]}


def test_a_cached_entry_without_every_participant_is_not_used(history):
    withdrawn = ConsentRecord.objects.filter(kind=ConsentKind.RESEARCH_EXPORT).values("participant")
    for network in history["networks"]:
        # Someone the export lists (a withdrawn person is left out, cached or not).
        someone = (
            Participant.objects.filter(network=network)
            .exclude(pk__in=withdrawn)
            .order_by("pk")
            .first()
        )
        poison(network, drop=someone.pk)
    got = assert_equals_the_expectation(history)
    visits = research.columns("participants").index("visits")
    assert "999" not in {row[visits] for row in got["participants"]}


def test_without_a_route_cache_the_export_derives_the_routes(history, settings):
    for network in history["networks"]:
        poison(network)
    settings.VANGNET_ROUTE_CACHE_SECONDS = 0
    assert_equals_the_expectation(history)
