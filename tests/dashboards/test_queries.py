"""organisation_figures reads in a fixed number of queries, whatever the data size; the
route figures are cached under the data version and never outlive a change of the data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.dashboards.factories import bulk_organisation, small_organisation
from tests.factories import ParticipantFactory
from vangnet.dashboards.selectors import organisation_figures
from vangnet.networks.models import Attendance, Session
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.participants.models import RouteEvent

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)
MISS = 13  # 7 + the route facts' fingerprint + 5 loads (docs/dashboards.md)
HIT = 8


def committed(function, **kwargs):
    """Call `function` as a request would, whose transaction commits: route figures enter
    the cache on commit, and a test's own transaction never commits."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(**kwargs)


def count_queries(organisation, **filters) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        result = committed(
            organisation_figures,
            organisation=organisation,
            start=dt.date(2025, 1, 1),
            end=TODAY,
            today=TODAY,
            **filters,
        )
    return len(captured), result


def test_query_count_does_not_grow_with_networks_or_sessions():
    small = bulk_organisation(networks=2, weeks=8, people=3)
    large = bulk_organisation(networks=6, weeks=40, people=9)
    small_count, small_result = count_queries(small["organisation"])
    large_count, large_result = count_queries(large["organisation"])
    assert len(small_result.rows) == 2 and len(large_result.rows) == 6
    assert large_result.totals.sessions > small_result.totals.sessions
    assert large_result.totals.reached == 54
    assert small_count == large_count == MISS
    # Again: the route figures come from the cache.
    assert count_queries(small["organisation"])[0] == count_queries(large["organisation"])[0]
    assert count_queries(large["organisation"])[0] == HIT


def test_query_count_without_cache(settings):
    settings.VANGNET_DASHBOARD_CACHE_SECONDS = 0
    small = bulk_organisation(networks=2, weeks=8, people=3)
    large = bulk_organisation(networks=6, weeks=40, people=9)
    assert count_queries(small["organisation"])[0] == count_queries(large["organisation"])[0]
    assert count_queries(large["organisation"])[0] == MISS - 1


def test_query_count_with_filters_is_the_same():
    large = bulk_organisation(networks=4, weeks=20, people=5)
    plain, _ = count_queries(large["organisation"])
    cache.clear()  # the route figures are cached per network: compare two cold reads
    filtered, result = count_queries(
        large["organisation"], worker=large["worker"], location=large["networks"][0].location
    )
    assert filtered == plain
    assert len(result.rows) == 4


def test_a_save_in_one_network_derives_only_that_network_again(monkeypatch):
    from vangnet.dashboards import routes

    data = bulk_organisation(networks=4, weeks=12, people=4)
    count_queries(data["organisation"])  # fills the cache
    loaded: list = []
    real = routes.load_route_counts

    def spy(**kwargs):
        loaded.append(kwargs["ids"])
        return real(**kwargs)

    monkeypatch.setattr(routes, "load_route_counts", spy)
    changed = data["networks"][0]
    session = Session.objects.filter(network=changed).order_by("date").first()
    Session.objects.filter(pk=session.pk).update(note="nieuw")  # bypasses updated_at
    session.save()  # a real save bumps updated_at
    _count, result = count_queries(data["organisation"])
    assert loaded == [[changed.pk]]
    assert len(result.rows) == 4


def test_django_assert_num_queries(django_assert_num_queries):
    data = bulk_organisation(networks=3, weeks=12, people=4)
    with django_assert_num_queries(MISS):
        organisation_figures(
            organisation=data["organisation"], start=dt.date(2025, 6, 1), end=TODAY, today=TODAY
        )


def _figures(small):
    result = committed(
        organisation_figures,
        organisation=small["organisation"],
        start=dt.date(2025, 1, 1),
        end=TODAY,
        today=TODAY,
    )
    return {row.name: row for row in result.rows}


def _save_marks(session, worker, *, add=(), remove=()):
    """Change a session's marks as the session screen does."""
    present = set(Attendance.objects.filter(session=session).values_list("participant", flat=True))
    base = AttendanceMarks.build(present)
    session_record_attendance(
        session=session,
        marks=AttendanceMarks.build((present | set(add)) - set(remove)),
        note=session.note,
        base_marks=base,
        base_note=session.note,
        base_version=session.version,
        recorded_by=worker,
    )


def test_cached_figures_follow_every_change_of_the_data():
    small = small_organisation()
    a = small["networks"]["a"]
    worker = a.lead_worker
    assert _figures(small)["A Noord"].reached == 3
    # A new participant marked present on the session screen.
    session = Session.objects.filter(network=a).order_by("date").last()
    newcomer = ParticipantFactory(network=a)
    _save_marks(session, worker, add=[newcomer.pk])
    assert _figures(small)["A Noord"].reached == 4
    # The mark removed again.
    session.refresh_from_db()
    _save_marks(session, worker, remove=[newcomer.pk])
    assert _figures(small)["A Noord"].reached == 3
    # A recorded event: p1 referred on.
    p1 = Attendance.objects.filter(session__network=a).first().participant
    assert _figures(small)["A Noord"].steady == 2
    RouteEvent.objects.create(participant=p1, stage="referred_on", date=dt.date(2025, 12, 30))
    assert _figures(small)["A Noord"].steady == 1
    # A session no longer recorded (saved: its change time moves).
    session.refresh_from_db()
    session.recorded = False
    session.save()
    assert _figures(small)["A Noord"].sessions == 51
    # A participant deleted with their marks.
    newcomer.delete()
    p1.delete()
    assert _figures(small)["A Noord"].reached == 2
