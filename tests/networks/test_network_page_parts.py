"""The network page's body in two parts (networks/page_cache.py `SEGMENTS`): the segments
that read facts, kept under the fact and page versions, and the others, kept under the page
version alone. After any random history of writes (attendance saves and other fact-only
writes among them) every viewer's page equals the page rendered without the cache; the page
part reads no fact table; a fact-only write leaves the page part in the cache."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import database_histories
from tests.networks.test_network_page_cache import WRITES, html, page, same_as_from_scratch
from tests.page_compare import raw_sql
from vangnet.networks import page_cache, views
from vangnet.networks.models import Attendance, Session
from vangnet.organisations.models import User
from vangnet.participants import fact_triggers, page_triggers
from vangnet.participants.models import Participant

__all__ = ["page"]  # the fixture, from the page cache's tests

pytestmark = pytest.mark.django_db


def _attendance_added(p, rng) -> None:
    """A present mark added, as a save on the session screen does (fact version only)."""
    session = rng.choice(list(Session.objects.filter(network=p.network)))
    absent = Participant.objects.filter(network=p.network).exclude(attendances__session=session)
    person = absent.first()
    if person is not None:
        Attendance.objects.create(session=session, participant=person)


def _output_session_moved(p, rng) -> None:
    """The session with the neighbourhood output moved out of this year or back (raw SQL,
    the session's row only: a fact write): the year's output on the page changes with it."""
    day = Session.objects.get(pk=p.output.session_id).date
    moved = (
        p.today if day.year < p.today.year else p.today - dt.timedelta(days=400 + rng.randint(0, 9))
    )
    raw_sql("UPDATE networks_session SET date = %s WHERE id = %s", [moved, p.output.session_id])


# Fact-only writes beside the page cache's writes (which reach every section).
FACT_WRITES = {
    "attendance added": _attendance_added,
    "output's session moved (raw SQL)": _output_session_moved,
}
ALL_WRITES = {**WRITES, **FACT_WRITES}


@database_histories(8)
@given(
    names=st.lists(st.sampled_from(sorted(ALL_WRITES)), min_size=1, max_size=8),
    seed=st.integers(0, 10_000),
)
def test_after_random_histories_every_page_equals_the_page_without_cache(
    page, settings, names, seed
):
    rng = random.Random(seed)
    same_as_from_scratch(page, settings)
    for name in names:
        ALL_WRITES[name](page, rng)
        same_as_from_scratch(page, settings)


@pytest.mark.parametrize("name", sorted(FACT_WRITES))
def test_each_fact_write_gives_the_page_from_scratch(page, settings, name):
    before = same_as_from_scratch(page, settings)
    FACT_WRITES[name](page, random.Random(3))
    assert same_as_from_scratch(page, settings) != before


def _user(client) -> User:
    return User.objects.get(pk=int(client.session["_auth_user_id"]))


def _tables(queries) -> set[str]:
    read: set[str] = set()
    for query in queries:
        if query["sql"].lstrip().upper().startswith("SELECT"):
            read |= set(re.findall(r'(?:FROM|JOIN) "(\w+)"', query["sql"]))
    return read


def test_the_page_part_reads_no_fact_table(page, monkeypatch):
    """A segment of the page part that read a fact table would show stale figures after a
    save on the session screen: move it to the fact part (page_cache.SEGMENTS)."""
    read: set[str] = set()

    def measured(template, context=None, *args, **kwargs):
        with CaptureQueriesContext(connection) as queries:
            text = render_to_string(template, context, *args, **kwargs)
        if (page_cache.PAGE_PART, template) in page_cache.SEGMENTS:
            read.update(_tables(queries))
        return text

    monkeypatch.setattr(views, "render_to_string", measured)
    factory = RequestFactory()
    for client in page.clients.values():
        request = factory.get("/")
        request.user = _user(client)
        views._network_body(request, page.network, page.today, set(page_cache.PARTS))
    assert read, "the page part reads its sections' tables"
    assert not read & set(fact_triggers.FACT_TABLES), read
    assert read <= set(page_triggers.PAGE_TABLES) | {"organisations_user"}, read


def test_the_page_part_sees_no_figure_of_the_facts(page):
    """Only the network, its phases and activities enter the page part's context."""
    request = RequestFactory().get("/")
    request.user = _user(page.clients["coordinator"])
    parts = views._network_body(request, page.network, page.today, set(page_cache.PARTS))
    context_keys = set()
    original = render_to_string

    def spy(template, context=None, *args, **kwargs):
        if (page_cache.PAGE_PART, template) in page_cache.SEGMENTS:
            context_keys.update(context)
        return original(template, context, *args, **kwargs)

    views.render_to_string = spy
    try:
        again = views._network_body(request, page.network, page.today, set(page_cache.PARTS))
    finally:
        views.render_to_string = original
    assert again == parts
    assert {"route_counts", "weeks", "steady", "followups", "participant_routes"}.isdisjoint(
        context_keys
    )


def test_a_fact_only_write_renders_only_the_fact_part_again(page, settings):
    client = page.clients["coordinator"]
    html(client, page.network, settings, cached=True)
    _attendance_added(page, random.Random(1))
    with CaptureQueriesContext(connection) as queries:
        after = html(client, page.network, settings, cached=True)
    read = _tables(queries)
    # The page part's sections were read back, not derived: no house rules, no parties.
    assert not read & {"houserules_houserules", "stakeholders_party", "volunteers_networkhelper"}
    assert "networks_attendance" in read  # the fact part was derived again
    assert after == html(client, page.network, settings, cached=False)


def test_the_parts_are_stored_apart(page, settings):
    """Two entries per body, the page part's key without the fact version."""
    network = page_cache.network_for_page(
        user=_user(page.clients["worker"]), network_id=page.network.pk
    )
    keys = {
        part: page_cache.part_key(part, network=network, user=network.lead_worker, today=page.today)
        for part in page_cache.PARTS
    }
    network.page_fact_token += 1
    moved = {
        part: page_cache.part_key(part, network=network, user=network.lead_worker, today=page.today)
        for part in page_cache.PARTS
    }
    assert moved[page_cache.PAGE_PART] == keys[page_cache.PAGE_PART]
    assert moved[page_cache.FACTS_PART] != keys[page_cache.FACTS_PART]
    network.page_view_token += 1
    assert (
        page_cache.part_key(
            page_cache.PAGE_PART, network=network, user=network.lead_worker, today=page.today
        )
        != keys[page_cache.PAGE_PART]
    )
