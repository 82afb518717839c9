"""A network with its access check, relations and versions compiled once per process
(core/network_query.py, core/compiled_query.py): the network page's query
(`page_cache.network_for_page`) and the session screen's (`network_for` with
`screen_body.versions_with_network`) give after random writes exactly what the ORM gives,
404 and 403 included, for every kind of viewer; each is compiled once per database and
role; nothing of a viewer is kept in the compiled query; one query per read."""

from __future__ import annotations

import random
from functools import partial

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from tests.factories import NetworkFactory, UserFactory
from tests.networks import test_network_page_cache as network_page
from tests.networks import test_session_screen_cache as session_screen
from tests.page_compare import counted_compilations
from vangnet.core import network_query
from vangnet.core.permissions import Cap, has_cap, network_for, visible_networks
from vangnet.networks import page_cache
from vangnet.networks.models import Network
from vangnet.networks.sessions import screen_body
from vangnet.organisations.models import Role
from vangnet.participants import fact_cache

pytestmark = pytest.mark.django_db

page = network_page.page  # the network page's fixture: rows in most sections
screen = session_screen.screen  # the session screen's fixture: marks of every kind


def _values(obj) -> tuple | None:
    if obj is None:
        return None
    return (type(obj), obj._state.db, *(getattr(obj, f.attname) for f in obj._meta.concrete_fields))


def snapshot(network: Network, related: tuple[str, ...], tokens: tuple[str, ...]) -> tuple:
    """Everything a page reads of what the query loads."""
    for name in related:
        assert getattr(Network, name).is_cached(network), name
    return (
        _values(network),
        *(_values(getattr(network, name)) for name in related),
        tuple(getattr(network, name) for name in tokens),
        getattr(network, fact_cache.READ_ONLY_VERSION, None),
    )


def outcome(read, related: tuple[str, ...], tokens: tuple[str, ...]) -> object:
    try:
        return snapshot(read(), related, tokens)
    except Http404:
        return 404
    except PermissionDenied:
        return 403


def orm_network_for_page(*, user, network_id) -> Network:
    """`network_for_page` as it was before it was compiled: the ORM's queryset."""
    networks = visible_networks(user).select_related(*page_cache.RELATED)
    try:
        network = networks.annotate(**page_cache.page_tokens()).get(pk=network_id)
    except Network.DoesNotExist as exc:
        raise Http404 from exc
    if not has_cap(user, Cap.VIEW_NETWORK):
        raise PermissionDenied
    setattr(network, fact_cache.READ_ONLY_VERSION, network.page_fact_token or 0)
    return network


def _viewers(org, network) -> list:
    elsewhere = NetworkFactory()  # another organisation, with its own workers
    return [
        network.lead_worker,
        network.backup_worker,
        UserFactory(organisation=org, role=Role.COORDINATOR),
        UserFactory(organisation=org, role=Role.ORG_ADMIN),
        UserFactory(organisation=org, role=Role.SOCIAL_WORKER),  # not assigned: 404
        UserFactory(organisation=org, role=Role.NETWORK_HELPER),  # not attached: 404
        UserFactory(organisation=org, role=Role.MUNICIPALITY),  # no networks: 404
        elsewhere.lead_worker,
        UserFactory(organisation=elsewhere.organisation, role=Role.COORDINATOR),
    ]


def _network_ids(org, network) -> list[int]:
    ids = list(Network.objects.filter(organisation=org).values_list("pk", flat=True))
    return [*ids, max(ids) + 1000, network.pk]


def _reassigned(network, rng, viewers) -> None:
    """A write that changes who may see the network: its workers."""
    workers = [v for v in viewers if v.role in (Role.SOCIAL_WORKER, Role.BACKUP_WORKER)]
    Network.objects.filter(pk=network.pk).update(
        lead_worker=rng.choice(workers), backup_worker=rng.choice([None, *workers])
    )


PAGE_TOKENS = ("page_fact_token", "page_view_token")


def assert_network_page_same_as_the_orm(page, viewers) -> None:
    for user in viewers:
        for pk in _network_ids(page.org, page.network):
            compiled = outcome(
                partial(page_cache.network_for_page, user=user, network_id=pk),
                page_cache.RELATED,
                PAGE_TOKENS,
            )
            orm = outcome(
                partial(orm_network_for_page, user=user, network_id=pk),
                page_cache.RELATED,
                PAGE_TOKENS,
            )
            assert compiled == orm, (user.role, pk)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_network_page_after_random_writes_the_compiled_query_gives_what_the_orm_gives(page, seed):
    rng = random.Random(seed)
    NetworkFactory(organisation=page.org)  # a network without versions of any kind yet
    viewers = _viewers(page.org, page.network)
    writes = {**network_page.WRITES, "reassigned": lambda p, r: _reassigned(p.network, r, viewers)}
    assert_network_page_same_as_the_orm(page, viewers)
    seen = []
    for _step in range(8):
        writes[rng.choice(sorted(writes))](page, rng)
        assert_network_page_same_as_the_orm(page, viewers)
        coordinator = viewers[2]
        seen.append(
            outcome(
                partial(page_cache.network_for_page, user=coordinator, network_id=page.network.pk),
                page_cache.RELATED,
                PAGE_TOKENS,
            )
        )
    assert any(one != seen[0] for one in seen)  # the writes changed what the query reads


SCREEN_TOKENS = tuple(screen_body.versions_with_network())


def assert_screen_same_as_the_orm(screen, viewers) -> None:
    for related in ((), ("organisation",)):
        for user in viewers:
            for pk in _network_ids(screen.org, screen.network):

                def read(annotations, user=user, pk=pk, related=related):
                    return lambda: network_for(
                        user, pk, Cap.RECORD_SESSIONS, related=related, annotate=annotations
                    )

                compiled = read(screen_body.versions_with_network())
                orm = read(dict(screen_body.versions_with_network()))  # a plain dict: the ORM
                assert outcome(compiled, related, SCREEN_TOKENS) == outcome(
                    orm, related, SCREEN_TOKENS
                ), (user.role, pk, related)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_session_screen_after_random_writes_the_compiled_query_gives_what_the_orm_gives(
    screen, seed
):
    rng = random.Random(seed)
    NetworkFactory(organisation=screen.org)
    viewers = _viewers(screen.org, screen.network)
    writes = {
        **session_screen.WRITES,
        "reassigned": lambda s, r: _reassigned(s.network, r, viewers),
    }
    assert_screen_same_as_the_orm(screen, viewers)
    seen = []
    for _step in range(8):
        writes[rng.choice(sorted(writes))](screen, rng)
        assert_screen_same_as_the_orm(screen, viewers)
        network = network_for(
            viewers[2], screen.network.pk, annotate=screen_body.versions_with_network()
        )
        seen.append(snapshot(network, (), SCREEN_TOKENS))
    assert any(one != seen[0] for one in seen)


def test_each_query_is_compiled_once_per_database_and_role(screen, monkeypatch):
    compiled = counted_compilations(monkeypatch, network_query.QUERY)
    network = screen.network
    viewers = [network.lead_worker, network.backup_worker]  # two roles
    viewers += [UserFactory(organisation=screen.org, role=Role.SOCIAL_WORKER) for _ in range(2)]
    other = NetworkFactory(organisation=screen.org)  # seen by none of them: 404
    per_round = []
    for _ in range(3):
        compiled.clear()
        for user in viewers:
            for pk in (network.pk, other.pk):
                for read in (
                    partial(page_cache.network_for_page, user=user, network_id=pk),
                    partial(
                        network_for,
                        user,
                        pk,
                        Cap.RECORD_SESSIONS,
                        related=(),
                        annotate=screen_body.versions_with_network(),
                    ),
                ):
                    try:
                        read()
                    except Http404:
                        pass
        per_round.append(compiled.count(Network))
    assert per_round == [4, 0, 0]  # two shapes for each of two roles, never again
    roles = {key[1][0] for key in network_query.QUERY.plans}
    assert roles == {str(Role.SOCIAL_WORKER), str(Role.BACKUP_WORKER)}


def test_one_query_per_read_and_nothing_of_a_viewer_kept(page):
    lead = page.network.lead_worker
    page_cache.network_for_page(user=lead, network_id=page.network.pk)  # compiled
    with CaptureQueriesContext(connection) as queries:
        network = page_cache.network_for_page(user=lead, network_id=page.network.pk)
    assert len(queries) == 1
    assert network.location.pk and network.lead_worker == lead  # relations in that query
    for plan in network_query.QUERY.plans.values():
        assert plan is not None
        for value in (lead.pk, lead.organisation_id, page.network.pk):
            assert value not in plan.params
