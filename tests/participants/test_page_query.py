"""The participant page's one query compiled once per process (participants/page_query.py):
compiled once per database and role, and giving after random writes exactly what the ORM
gives for the same queryset (the participant, its relations and its network's versions),
for viewers who may and may not see the participant."""

from __future__ import annotations

import random

import pytest

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from tests.page_compare import counted_compilations
from tests.participants import test_detail_cache
from vangnet.organisations.models import Role
from vangnet.participants import detail_cache, page_query
from vangnet.participants.models import Participant

pytestmark = pytest.mark.django_db

page = test_detail_cache.page  # the fixture: a participant with rows of every kind
WRITES = test_detail_cache.WRITES  # writes of every kind the page shows


def _values(obj) -> tuple | None:
    if obj is None:
        return None
    return (type(obj), obj._state.db, *(getattr(obj, f.attname) for f in obj._meta.concrete_fields))


def snapshot(participant: Participant | None) -> tuple | None:
    """Everything the page reads of what the query loads."""
    if participant is None:
        return None
    for name in page_query.RELATED:
        assert getattr(Participant, name).is_cached(participant), name
    return (
        _values(participant),
        *(_values(getattr(participant, name)) for name in page_query.RELATED),
        tuple(getattr(participant, name) for name in page_query.TOKENS),
    )


def _viewers(page) -> list:
    colleague = UserFactory(organisation=page.org, role=Role.SOCIAL_WORKER)
    elsewhere = UserFactory(role=Role.SOCIAL_WORKER)
    return [page.network.lead_worker, page.network.backup_worker, colleague, elsewhere]


def assert_same_as_the_orm(page, viewers) -> None:
    people = list(Participant.objects.filter(organisation=page.org).values_list("pk", flat=True))
    for user in viewers:
        for pk in [*people, max(people) + 1000]:
            compiled = page_query.page_participant(user=user, pk=pk)
            orm = page_query.page_people(user).filter(pk=pk).first()
            assert snapshot(compiled) == snapshot(orm), (user.role, pk)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_after_random_writes_the_compiled_query_gives_what_the_orm_gives(page, seed):
    rng = random.Random(seed)
    NetworkFactory(organisation=page.org)  # a network without versions of any kind yet
    ParticipantFactory(network=NetworkFactory(organisation=page.org), invited_by=page.anna)
    viewers = _viewers(page)
    assert_same_as_the_orm(page, viewers)
    seen = []
    for _step in range(8):
        WRITES[rng.choice(sorted(WRITES))](page, rng)
        assert_same_as_the_orm(page, viewers)
        anna = page_query.page_participant(user=page.network.lead_worker, pk=page.anna.pk)
        seen.append(snapshot(anna))
    assert any(one != seen[0] for one in seen)  # the writes changed what the query reads


def test_the_query_is_compiled_once_per_database_and_role(page, monkeypatch):
    compiled = counted_compilations(monkeypatch, page_query.QUERY)
    viewers = [page.network.lead_worker, page.network.backup_worker]  # two roles
    viewers += [UserFactory(organisation=page.org, role=Role.SOCIAL_WORKER) for _ in range(2)]
    people = [page.anna, page.bert]
    per_round = []
    for _ in range(3):
        compiled.clear()
        for user in viewers:
            for person in people:
                if user.pk in (page.network.lead_worker_id, page.network.backup_worker_id):
                    detail_cache.participant_for_page(user=user, participant_id=person.pk)
                else:
                    assert page_query.page_participant(user=user, pk=person.pk) is None
        per_round.append(compiled.count(Participant))
        assert per_round[0] or not compiled  # nothing at all compiled after the first round
    assert per_round == [2, 0, 0]  # once for each role (with its subqueries), never again
    assert set(page_query.QUERY.plans) == {
        ("default", str(Role.SOCIAL_WORKER)),
        ("default", str(Role.BACKUP_WORKER)),
    }


def test_nothing_of_a_viewer_is_kept_in_the_compiled_query(page):
    lead = page.network.lead_worker
    page_query.page_participant(user=lead, pk=page.anna.pk)
    plan = page_query.compiled("default", lead.role)
    assert plan is not None
    for value in (lead.pk, lead.organisation_id, page.anna.pk):
        assert value not in plan.params
