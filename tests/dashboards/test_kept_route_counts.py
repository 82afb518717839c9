"""The dashboard's route figures take a network's routes from the route cache's entry when
there is one (`dashboards.routes.route_counts` -> `participants.route_cache.kept_routes`):
after random writes (marks toggled, a person marked in another network's session, new
people, route events, saved sessions) and entries opened at random moments, the figures
equal those derived from scratch (`load_route_counts` without the cache), for the whole
organisation and for some networks, on several days; after a save that changes one mark,
only that person's route is derived again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest
from django.core.cache import cache
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import database_histories
from tests.dashboards.test_page_cache import _organisation, _raw_marks
from tests.dashboards.test_row_cache import ONE_NETWORK
from vangnet.dashboards import routes as dashboard_routes
from vangnet.dashboards.routes import load_route_counts, route_counts
from vangnet.networks.models import Attendance, Network, Session
from vangnet.participants import selectors as participant_selectors
from vangnet.participants.models import Participant, RouteEvent
from vangnet.participants.selectors import network_route_map

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2025, 12, 31)
STARTS = [dt.date(2025, 1, 1), dt.date(2025, 10, 1), dt.date(2025, 12, 1)]
DAYS = [TODAY, dt.date(2025, 12, 15), dt.date(2025, 11, 20)]


def plain(counts) -> dict:
    return {pk: dataclasses.asdict(row) for pk, row in sorted(counts.items())}


def _toggle_mark(_data, network, rng):
    """A saved session screen: one box ticked or cleared."""
    sessions = list(Session.objects.filter(network=network).order_by("date"))
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    if not sessions or not people:
        return
    session, person = rng.choice(sessions[-8:]), rng.choice(people)
    mark = Attendance.objects.filter(session=session, participant=person)
    if mark.exists():
        mark.delete()
    else:
        Attendance.objects.create(session=session, participant=person)


def _mark_elsewhere(_data, network, rng):
    """A person of `network` marked present in another network's session."""
    other = Session.objects.exclude(network=network).filter(
        network__organisation=network.organisation
    )
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    sessions = list(other.order_by("date"))
    if people and sessions:
        person, session = rng.choice(people), rng.choice(sessions[-30:])
        Attendance.objects.get_or_create(session=session, participant=person)


def _new_person(_data, network, rng):
    Participant.objects.create(
        organisation=network.organisation,
        network=network,
        display_name=f"Nieuw {rng.randint(0, 999)}",
        invited_on=dt.date(2025, 12, 29) - dt.timedelta(days=rng.randint(0, 200)),
    )


def _route_event(_data, network, rng):
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    if people:
        RouteEvent.objects.create(
            participant=rng.choice(people),
            stage=rng.choice(["dropped_out", "steady", "referred_on"]),
            date=dt.date(2025, 12, 29) - dt.timedelta(days=rng.randint(0, 120)),
        )


WRITES = [*ONE_NETWORK, _raw_marks, _toggle_mark, _toggle_mark, _mark_elsewhere]
WRITES += [_new_person, _route_event]


@database_histories(8)
@given(
    steps=st.lists(
        st.tuples(
            st.sampled_from(WRITES),
            st.integers(0, 50),
            st.integers(0, 10**6),
            st.sets(st.integers(0, 3), max_size=4),  # networks whose route entry is opened
            st.sampled_from(range(len(STARTS))),
            st.sampled_from(range(len(DAYS))),
            st.booleans(),  # all networks, or the first two
        ),
        min_size=1,
        max_size=6,
    )
)
def test_counts_with_kept_routes_equal_scratch_after_random_writes(steps):
    data = _organisation(networks=3)
    organisation = data["organisation"]
    networks = list(Network.objects.filter(organisation=organisation).order_by("pk"))
    for network in networks:
        network_route_map(network=network, today=TODAY)
    for write, which, seed, opened, start_index, day_index, everyone in steps:
        write(data, networks[which % len(networks)], random.Random(seed))
        as_of = DAYS[day_index]
        for index in sorted(opened):
            network_route_map(network=networks[index % len(networks)], today=as_of)
        ids = None if everyone else [network.pk for network in networks[:2]]
        start = min(STARTS[start_index], as_of)
        kept = route_counts(organisation=organisation, ids=ids, start=start, as_of=as_of)
        fresh = load_route_counts(organisation=organisation, ids=ids, start=start, as_of=as_of)
        assert plain(kept) == plain(fresh)


def test_after_a_save_only_the_changed_persons_route_is_derived(monkeypatch):
    cache.clear()
    data = _organisation(networks=2)
    organisation = data["organisation"]
    network = Network.objects.filter(organisation=organisation).order_by("pk").first()
    network_route_map(network=network, today=TODAY)
    route_counts(organisation=organisation, ids=None, start=STARTS[0], as_of=TODAY)
    _toggle_mark(data, network, random.Random(3))
    derived: list[int] = []
    real = participant_selectors.derive_route

    def counting(**kwargs):
        derived.append(1)
        return real(**kwargs)

    monkeypatch.setattr(participant_selectors, "derive_route", counting)
    monkeypatch.setattr(dashboard_routes, "derive_route", counting)
    kept = route_counts(organisation=organisation, ids=None, start=STARTS[0], as_of=TODAY)
    assert len(derived) == 1
    fresh = load_route_counts(organisation=organisation, ids=None, start=STARTS[0], as_of=TODAY)
    assert plain(kept) == plain(fresh)


def test_a_mark_in_another_networks_session_counts_as_on_the_persons_page():
    """The route the dashboard counts is the person's route (every mark of theirs), whichever
    networks are derived together: equal with the cache's entry and from scratch."""
    cache.clear()
    data = _organisation(networks=2)
    organisation = data["organisation"]
    mine, other = Network.objects.filter(organisation=organisation).order_by("pk")[:2]
    person = Participant.objects.create(
        organisation=organisation, network=mine, display_name="Nieuw", invited_on=STARTS[2]
    )
    session = Session.objects.filter(network=other, date__gte=STARTS[2]).order_by("date").first()
    Attendance.objects.create(session=session, participant=person)
    network_route_map(network=mine, today=TODAY)
    alone = load_route_counts(
        organisation=organisation, ids=[mine.pk], start=STARTS[0], as_of=TODAY
    )
    kept = route_counts(organisation=organisation, ids=[mine.pk], start=STARTS[0], as_of=TODAY)
    together = load_route_counts(organisation=organisation, ids=None, start=STARTS[0], as_of=TODAY)
    assert plain(kept) == plain(alone)
    assert plain(alone)[mine.pk] == plain(together)[mine.pk]
