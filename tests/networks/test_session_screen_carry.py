"""The session screen's base carried forward (networks/sessions/screen_carry.py): after any
sequence of writes (marks here and at another network's session, sessions added, moved or
unrecorded, people added, renamed, invited, given route events, moved to another network,
rules changed), looked at on a few session days in any order, the kept base renewed person
by person equals the base derived from scratch without any cache. After a save that
changes one person's marks only that person is derived again."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.participants.factories import RouteEventFactory
from tests.participants.test_route_carry import START, change_rules, fresh_network
from tests.participants.test_route_carry import people as people  # noqa: F401 (fixture)
from tests.participants.test_route_versions import _write
from vangnet.networks.models import Attendance, Session
from vangnet.networks.sessions import screen_cache, screen_carry
from vangnet.participants.models import Participant
from vangnet.participants.route_cache import cache_seconds

pytestmark = pytest.mark.django_db

DAYS = [START + dt.timedelta(days=n) for n in (0, 28, 70, 71, 133, 400)]


def _more(kind: str, network, other, n: int) -> None:
    """Writes the route tests do not make: a rename, a mark at another network's session,
    a referral or a dropout recorded long ago (hidden from the screen)."""
    people = list(Participant.objects.filter(network=network).order_by("pk"))
    person = people[n % len(people)] if people else None
    if person is None:
        return
    if kind == "rename":
        with connection.cursor() as cursor:  # around the ORM: the trigger must see it
            cursor.execute(
                "UPDATE participants_participant SET display_name = %s WHERE id = %s",
                [["Aa", "Zz", "Mm", "aa"][n % 4] + str(n % 3), person.pk],
            )
    elif kind == "elsewhere":
        session = Session.objects.filter(network=other).order_by("date").first()
        if session is not None:
            Attendance.objects.get_or_create(session=session, participant=person)
        # A mark elsewhere renews the person's version, not this network's fact version,
        # which the screen's base (as the route cache) trusts while it is unchanged: a save
        # in this network (its session's row written) comes with it here.
        Session.objects.filter(network=network).update(note=f"elders {n}")
    elif kind in ("referred_on", "long_gone"):
        stage = "referred_on" if kind == "referred_on" else "dropped_out"
        RouteEventFactory(participant=person, stage=stage, date=START + dt.timedelta(weeks=n % 4))


KINDS = ["mark", "unmark", "mark", "unmark", "session", "move", "unrecord", "person"]
KINDS += ["invite", "event", "leave", "rename", "elsewhere", "referred_on", "long_gone"]
WRITES = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 30)), min_size=1, max_size=3)
LOOKS = st.lists(
    st.tuples(st.sampled_from(DAYS), WRITES, st.one_of(st.none(), st.integers(0, 3))),
    min_size=1,
    max_size=8,
)


def write(kind: str, network, other, n: int) -> None:
    if kind in ("rename", "elsewhere", "referred_on", "long_gone"):
        _more(kind, network, other, n)
    else:
        _write(kind, network, other, n)


def kept_base(network_id: int, on: dt.date):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return screen_cache.screen_base(network=fresh_network(network_id), on=on)


def scratch(network_id: int, on: dt.date, django_settings):
    seconds = django_settings.VANGNET_ROUTE_CACHE_SECONDS
    django_settings.VANGNET_ROUTE_CACHE_SECONDS = 0
    try:
        assert cache_seconds() == 0
        return screen_cache.screen_base(network=fresh_network(network_id), on=on)
    finally:
        django_settings.VANGNET_ROUTE_CACHE_SECONDS = seconds


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(looks=LOOKS)
def test_the_carried_base_equals_the_base_from_scratch(people, looks, settings):  # noqa: F811
    settings.VANGNET_ROUTE_CACHE_SECONDS = 3600
    cache.clear()
    network_id, other = people[0].network_id, people[4].network
    for on, writes, rules in looks:
        kept_base(network_id, on)  # kept before the writes: they are carried forward
        network = fresh_network(network_id)
        for kind, n in writes:
            write(kind, network, other, n)
        if rules is not None:
            change_rules(network_id, rules)
        assert kept_base(network_id, on) == scratch(network_id, on, settings), (on, writes)
        assert kept_base(network_id, on) == scratch(network_id, on, settings)  # kept as is


def counting(monkeypatch) -> dict[str, list]:
    calls: dict[str, list] = {"whole": [], "facts": []}
    whole, facts = screen_cache._whole, screen_carry.person_facts

    def counted_whole(*args, **kwargs):
        calls["whole"].append(1)
        return whole(*args, **kwargs)

    def counted_facts(ids, on):
        calls["facts"].append(sorted(ids))
        return facts(ids, on)

    monkeypatch.setattr(screen_cache, "_whole", counted_whole)
    monkeypatch.setattr(screen_carry, "person_facts", counted_facts)
    return calls


def test_a_save_derives_only_the_person_whose_marks_changed(
    people,  # noqa: F811
    settings,
    monkeypatch,
    django_assert_max_num_queries,
):
    settings.VANGNET_ROUTE_CACHE_SECONDS = 3600
    cache.clear()
    anna, bert = people[0], people[1]
    network_id = anna.network_id
    session = Session.objects.filter(network_id=network_id).order_by("-date").first()
    kept_base(network_id, session.date)
    calls = counting(monkeypatch)
    Attendance.objects.filter(session=session, participant=bert).delete()
    Attendance.objects.create(session=session, participant=bert)
    Session.objects.filter(pk=session.pk).update(note="opgeslagen")  # a save writes the row
    network = fresh_network(network_id)
    with django_assert_max_num_queries(4):  # fact version, people, sessions, Bert's facts
        with TestCase.captureOnCommitCallbacks(execute=True):
            got = screen_cache.screen_base(network=network, on=session.date)
    assert calls == {"whole": [], "facts": [[bert.pk]]}
    assert got == scratch(network_id, session.date, settings)
    # A session recorded anew changes what every route sees: derived whole.
    Session.objects.filter(pk=session.pk).update(recorded=False)
    assert kept_base(network_id, session.date) == scratch(network_id, session.date, settings)
    assert calls["whole"] == [1]
