"""The session save's locked read compiled once per role (`selectors.session_for_save`,
core/compiled_query.py): after random writes it gives what the ORM's queryset gives (the
session, its network and organisation, the neighbourhood flag; 404 and 403), locked or not,
for every kind of viewer; compiled once per role and lock."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from tests.core.test_network_query import _reassigned, _values, _viewers
from tests.factories import NetworkFactory, SessionFactory
from tests.networks import test_session_screen_cache as session_screen
from tests.page_compare import counted_compilations
from vangnet.core.permissions import Cap, has_cap, network_for
from vangnet.neighbourhood.selectors import NEIGHBOURHOOD_FLAG
from vangnet.networks.models import Session
from vangnet.networks.sessions import selectors

pytestmark = pytest.mark.django_db

screen = session_screen.screen


def orm_session_for_save(*, user, network_id, session_id, lock):
    found = (
        selectors.sessions_for_save(user, lock=lock)
        .filter(pk=session_id, network_id=network_id)
        .first()
    )
    if found is None or not has_cap(user, Cap.RECORD_SESSIONS):
        network_for(user, network_id, Cap.RECORD_SESSIONS)  # 404 or 403, as the screen
        raise Http404
    return found


def outcome(read, **kwargs) -> object:
    try:
        with transaction.atomic():
            session = read(**kwargs)
    except Http404:
        return 404
    except PermissionDenied:
        return 403
    return (
        _values(session),
        _values(session.network),
        _values(session.network.organisation),
        getattr(session, NEIGHBOURHOOD_FLAG),
    )


def assert_same_as_the_orm(screen, viewers) -> None:
    elsewhere = Session.objects.exclude(network=screen.network).first()
    pairs = [(screen.network.pk, s.pk) for s in screen.sessions]
    pairs += [(screen.network.pk, elsewhere.pk), (elsewhere.network_id, elsewhere.pk)]
    pairs += [(screen.network.pk, screen.target.pk + 10**6)]
    for user in viewers:
        for network_id, session_id in pairs:
            for lock in (False, True):
                how = {"user": user, "network_id": network_id, "session_id": session_id}
                compiled = outcome(selectors.session_for_save, lock=lock, **how)
                try:
                    orm = outcome(orm_session_for_save, lock=lock, **how)
                except Http404:
                    orm = 404
                assert compiled == orm, (user.role, network_id, session_id, lock)


@pytest.mark.parametrize("seed", [1, 2])
def test_after_random_writes_the_compiled_read_gives_what_the_orm_gives(screen, seed):
    rng = random.Random(seed)
    SessionFactory(network=NetworkFactory(organisation=screen.org), date=screen.target.date)
    viewers = _viewers(screen.org, screen.network)
    writes = {
        **session_screen.WRITES,
        "reassigned": lambda s, r: _reassigned(s.network, r, viewers),
    }
    assert_same_as_the_orm(screen, viewers)
    for _step in range(6):
        writes[rng.choice(sorted(writes))](screen, rng)
        assert_same_as_the_orm(screen, viewers)


def test_compiled_once_per_role_and_lock(screen, monkeypatch):
    compiled = counted_compilations(monkeypatch, selectors.SAVE_QUERY)
    network = screen.network
    per_round = []
    for _ in range(3):
        compiled.clear()
        for user in (network.lead_worker, network.backup_worker):
            for lock in (False, True):
                with transaction.atomic():
                    selectors.session_for_save(
                        user=user, network_id=network.pk, session_id=screen.target.pk, lock=lock
                    )
        per_round.append(compiled.count(Session))
    assert per_round == [4, 0, 0]


def test_the_locked_read_locks_the_session_and_its_network(screen):
    from django.db import connection

    lead = screen.network.lead_worker
    with transaction.atomic():
        selectors.session_for_save(
            user=lead, network_id=screen.network.pk, session_id=screen.target.pk, lock=True
        )
    plan = selectors.SAVE_QUERY.plan("default", (str(lead.role), True))
    unlocked = selectors.SAVE_QUERY.plan("default", (str(lead.role), False))
    assert plan is not None and unlocked is not None
    assert "FOR UPDATE" not in unlocked.sql
    if connection.features.has_select_for_update_of:
        assert "FOR UPDATE OF" in plan.sql
