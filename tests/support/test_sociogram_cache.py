"""The sociogram's content comes from the cache only while nothing it shows changed
(support/sociogram_page.py): equal to a fresh render after random writes through services,
`QuerySet.update` and raw rows; never another viewer's (names, buttons), language or day."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client, TestCase
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from tests.participants.factories import attend, weekly_sessions
from tests.support.factories import SupportTieFactory
from vangnet.networks.models import Attendance, Network, PhaseTransition, Session
from vangnet.participants.models import Participant
from vangnet.participants.services import participant_update
from vangnet.support import sociogram_page
from vangnet.support.models import SupportTie
from vangnet.support.services import support_tie_create, support_tie_delete

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
TODAY = dt.date(2025, 6, 30)
QUERIES = ["", "split=quarter&copresence=on", "support_type=practical&start=2025-02-01"]
VIEWERS = [(True, True), (True, False), (False, False)]  # (with names, can edit)


def content(network, query="", *, with_names=True, can_edit=True, cached=True):
    """As the page makes it (the request's transaction commits, so the cache is filled),
    or from scratch."""
    network = Network.objects.get(pk=network.pk)  # as a request reads it
    kwargs = {
        "network": network,
        "query": QueryDict(query),
        "today": TODAY,
        "with_names": with_names,
        "can_edit": can_edit,
    }
    if not cached:
        return str(sociogram_page.render_content(**kwargs))
    with TestCase.captureOnCommitCallbacks(execute=True):
        return str(sociogram_page.sociogram_content(**kwargs))


@pytest.fixture
def grown(network):
    sessions = weekly_sessions(network, START, 12)
    people = [ParticipantFactory(network=network, display_name=n) for n in ("Anne", "Bram", "Cor")]
    for index, person in enumerate(people):
        attend(person, sessions[index::2])
    SupportTieFactory(network=network, giver=people[0], receiver=people[1], date=START)
    return network


def test_a_second_read_comes_from_the_cache(grown, django_assert_num_queries, monkeypatch):
    first = content(grown)
    assert "Anne" in first
    network = Network.objects.get(pk=grown.pk)

    def fail(**kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(sociogram_page, "render_content", fail)
    with django_assert_num_queries(1):  # the fact version
        again = sociogram_page.sociogram_content(
            network=network, query=QueryDict(""), today=TODAY, with_names=True, can_edit=True
        )
    assert str(again) == first


def test_the_setting_zero_turns_it_off(grown, settings):
    settings.VANGNET_SOCIOGRAM_CACHE_SECONDS = 0
    content(grown)
    SupportTie.objects.update(support_type="practical")  # a token bump is not needed now
    assert content(grown) == content(grown, cached=False)


def test_a_viewer_without_names_never_gets_the_named_content(grown, client, coordinator):
    """The worker's page (names, the record button) is cached first; the coordinator
    (numbers only, no button) asks for the same network, filter, day and language."""
    worker_client = login(Client(), grown.lead_worker)
    url = reverse("support:sociogram", kwargs={"network_id": grown.pk})
    for query in ({}, {"split": "quarter"}):
        with TestCase.captureOnCommitCallbacks(execute=True):
            named = worker_client.get(url, query).content.decode()
        assert "Anne" in named and "Steun vastleggen" in named
        with TestCase.captureOnCommitCallbacks(execute=True):
            html = login(client, coordinator).get(url, query).content.decode()
        assert "Anne" not in html and "Bram" not in html and "Cor" not in html
        assert "Steun vastleggen" not in html
        assert 'class="node-label">1<' in html
    # a viewer with every right but the names (no such role today): still numbers only
    for query in QUERIES:
        assert "Anne" in content(grown, query, with_names=True, can_edit=True)
        anonymous = content(grown, query, with_names=False, can_edit=True)
        assert "Anne" not in anonymous and "Bram" not in anonymous
    # and the other way round: the coordinator's numbers first, then the worker
    cache.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        login(client, coordinator).get(url)
        named = worker_client.get(url).content.decode()
    assert "Anne" in named


def test_each_viewer_language_and_day_has_its_own_content(grown):
    seen = {}
    for with_names, can_edit in VIEWERS:
        seen[with_names, can_edit] = content(grown, with_names=with_names, can_edit=can_edit)
        assert seen[with_names, can_edit] == content(
            grown, with_names=with_names, can_edit=can_edit, cached=False
        )
    assert len(set(seen.values())) == len(VIEWERS)
    dutch = content(grown)
    with translation.override("en"):
        english = content(grown)
        assert english == content(grown, cached=False)
    assert english != dutch
    network = Network.objects.get(pk=grown.pk)
    keys = {
        sociogram_page.content_key(
            network=network, query=QueryDict(""), today=day, with_names=True, can_edit=True
        )
        for day in (TODAY, TODAY + dt.timedelta(days=1))
    }
    assert len(keys) == 2


def test_the_networks_own_row_is_in_the_key(grown):
    content(grown)
    Network.objects.filter(pk=grown.pk).update(name="Nieuwe naam", build_up_months=1)
    assert "Nieuwe naam" in content(grown)
    assert content(grown) == content(grown, cached=False)


WRITES = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "tie",
                "tie_delete",
                "tie_update",
                "mark",
                "unmark",
                "session",
                "rename",
                "rename_update",
                "person",
                "phase",
                "phase_update",
            ]
        ),
        st.integers(0, 30),
    ),
    min_size=1,
    max_size=4,
)


def _write(kind, network, n, worker):
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    sessions = list(Session.objects.filter(network=network).order_by("date"))
    ties = list(SupportTie.objects.filter(network=network).order_by("pk"))
    person, other = people[n % len(people)], people[(n + 1) % len(people)]
    session = sessions[n % len(sessions)] if sessions else None
    day = START + dt.timedelta(days=3 * n)
    if kind == "tie":
        support_tie_create(
            network=network,
            giver=person,
            receiver=other,
            support_type=["emotional", "practical", "companionship"][n % 3],
            date=day,
            actor=worker,
        )
    elif kind == "tie_delete" and ties:
        support_tie_delete(tie=ties[n % len(ties)], actor=worker)
    elif kind == "tie_update" and ties:
        SupportTie.objects.filter(pk=ties[n % len(ties)].pk).update(
            support_type="practical", date=day
        )
    elif kind == "mark" and session:
        Attendance.objects.get_or_create(session=session, participant=person)
    elif kind == "unmark" and session:
        Attendance.objects.filter(session=session, participant=person).delete()
    elif kind == "session":
        SessionFactory(network=network, date=START + dt.timedelta(weeks=n, days=1))
    elif kind == "rename":
        participant_update(
            participant=person,
            actor=worker,
            version=person.version,
            changes={"display_name": f"Naam {n}"},
        )
    elif kind == "rename_update":
        Participant.objects.filter(pk=person.pk).update(display_name=f"Ander {n}")
    elif kind == "person":
        ParticipantFactory(network=network, display_name=f"Nieuw {n}")
    elif kind == "phase":
        phase = ["build_up", "deepening", "evaluation"][n % 3]
        PhaseTransition.objects.create(network=network, phase=phase, date=day, reason="r")
    elif kind == "phase_update":
        PhaseTransition.objects.filter(network=network).update(date=day)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rounds=st.lists(WRITES, min_size=1, max_size=3))
def test_cached_content_equals_a_fresh_render_after_random_writes(grown, worker, rounds):
    cache.clear()
    other = NetworkFactory(organisation=grown.organisation)
    ParticipantFactory(network=other, display_name="Elders")
    for writes in rounds:
        for query in QUERIES:  # warm the cache first
            for with_names, can_edit in VIEWERS:
                content(grown, query, with_names=with_names, can_edit=can_edit)
        for kind, n in writes:
            _write(kind, grown, n, worker)
        _write("tie_update", other, 0, worker)  # another network's writes change nothing here
        for query in QUERIES:
            for with_names, can_edit in VIEWERS:
                assert content(grown, query, with_names=with_names, can_edit=can_edit) == content(
                    grown, query, with_names=with_names, can_edit=can_edit, cached=False
                )
