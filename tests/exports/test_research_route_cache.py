"""The research export reads the pages' cached routes read-only (issue 21).

Its participants table takes a network's routes from the route cache when an entry for the
network's current facts is there, and derives them otherwise without storing anything. The
files must equal the from-scratch expectation (test_export_fidelity) whether the cache is
cold, warm, stale (facts written after the entry was made: never used) or off.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

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
from vangnet.participants.models import Participant, RouteEvent, RouteStage
from vangnet.participants.route_cache import routes_key
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
    return routes_key(network.pk, route_rules(network.organisation))


def warm(history, capture) -> None:
    """What the network page does: derive the routes and store them when it commits."""
    with capture(execute=True):
        for network in history["networks"]:
            network_route_map(network=network, today=TODAY)
    for network in history["networks"]:
        assert cache.get(route_key(network)) is not None


def poison(network, *, only: int | None = None, drop: int | None = None) -> None:
    """Change the network's (warm) entry so its routes say 999 visits, which a derivation
    from scratch never gives (only for participant `only`, if given), and leave participant
    `drop` out; a test then sees whether the export read them."""
    key = route_key(network)
    entry = cache.get(key)
    assert entry is not None
    entry["routes"] = {
        pk: (
            token,
            through,
            dataclasses.replace(route, visits=999) if only in (None, pk) else route,
        )
        for pk, (token, through, route) in entry["routes"].items()
        if pk != drop
    }
    cache.set(key, entry)


def someone(network) -> Participant:
    """A participant the export lists (a withdrawn person is left out, cached or not)."""
    withdrawn = ConsentRecord.objects.filter(kind=ConsentKind.RESEARCH_EXPORT).values("participant")
    person = (
        Participant.objects.filter(network=network).exclude(pk__in=withdrawn).order_by("pk").first()
    )
    assert person is not None
    return person


VISITS = research.columns("participants").index("visits")


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


def test_the_cached_routes_are_what_the_export_reads(history, django_capture_on_commit_callbacks):
    warm(history, django_capture_on_commit_callbacks)
    for network in history["networks"]:
        poison(network)
    rows = exported(history)["participants"]
    assert rows and {row[VISITS] for row in rows} == {"999"}


def test_a_stale_cache_is_never_used(history, django_capture_on_commit_callbacks):
    warm(history, django_capture_on_commit_callbacks)
    for network in history["networks"]:
        poison(network)  # for the facts as they are now
    # A new session in every network: no route of the entries holds any more.
    for network in history["networks"]:
        session = SessionFactory(network=network, date=TODAY)
        Attendance.objects.create(session=session, participant=someone(network))
    got = assert_equals_the_expectation(history)
    assert "999" not in {row[VISITS] for row in got["participants"]}


def test_the_route_of_a_participant_whose_facts_changed_is_derived_again(
    history, django_capture_on_commit_callbacks
):
    warm(history, django_capture_on_commit_callbacks)
    changed = {}
    for network in history["networks"]:
        person = someone(network)
        poison(network, only=person.pk)  # only their route is wrong
        changed[network.pk] = person
    # New facts of that person alone: a recorded route event.
    for person in changed.values():
        RouteEvent.objects.create(
            participant=person, stage=RouteStage.DROPPED_OUT, date=dt.date(2025, 8, 1)
        )
    got = assert_equals_the_expectation(history)
    assert "999" not in {row[VISITS] for row in got["participants"]}


def test_a_cached_entry_without_every_participant_is_not_used(
    history, django_capture_on_commit_callbacks
):
    warm(history, django_capture_on_commit_callbacks)
    for network in history["networks"]:
        poison(network, drop=someone(network).pk)
    got = assert_equals_the_expectation(history)
    assert "999" not in {row[VISITS] for row in got["participants"]}


def test_without_a_route_cache_the_export_derives_the_routes(
    history, settings, django_capture_on_commit_callbacks
):
    warm(history, django_capture_on_commit_callbacks)
    for network in history["networks"]:
        poison(network)
    settings.VANGNET_ROUTE_CACHE_SECONDS = 0
    assert_equals_the_expectation(history)
