"""The participant page's one query, compiled once per process (issue 21).

The participant page reads, in one query, the participant with its access check
(`core.permissions.visible_participants`), its relations (`RELATED`) and the five data
versions of its network its body's cache keys on (`TOKENS`, participants.detail_cache).
Building that queryset and compiling it (five subqueries, five joins) cost three quarters of
a cached page's CPU. So the SQL is compiled once per process, database and role, for a
stand-in viewer and participant with ids no row has (`_NO_*`); each read puts the viewer's
organisation and id and the participant's id in their places and makes the rows into
models as the ORM does (`Participant.from_db`, Django's related populators, the backend's
converters), as myspace.self_change_selectors does for its UNION.

Only the shapes of the query without today's date are compiled (the roles that see the
networks of their organisation or the ones they are assigned to); a role whose networks
depend on the day (a network helper's attachment) reads through the ORM (`page_people`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from weakref import WeakKeyDictionary

from django.db import connections, router
from django.db.models import OuterRef, QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]  # not in the stubs
    RelatedPopulator,
    get_related_populators,
)

from vangnet.core.permissions import visible_participants
from vangnet.organisations.models import ASSIGNED_ROLES, ORGANISATION_WIDE_ROLES, User
from vangnet.participants.data_versions import FACTS, PAGE, token_subquery
from vangnet.participants.models import Participant

# The participant's relations the page shows, loaded with it (selectors.DETAIL_RELATED).
RELATED = ("network", "organisation", "referral_partner", "invited_by")
# The versions read with the participant: the fact version, the page version and the data
# versions of kinds person, absences and evaluation (participants.detail_cache).
DATA_KINDS = ("person", "absences", "evaluation")
TOKENS = (
    "page_fact_token",
    "page_view_token",
    *(f"page_{kind}_token" for kind in DATA_KINDS),
)
# Roles whose query has the same shape every day: compiled once.
COMPILED_ROLES = frozenset(ASSIGNED_ROLES | ORGANISATION_WIDE_ROLES)

# Ids no row has (below any database's sequence), replaced by each read's own.
_NO_PARTICIPANT = -(2**52) - 11
_NO_USER = -(2**52) - 13
_NO_ORGANISATION = -(2**52) - 17


def page_people(user: Any) -> QuerySet[Participant]:
    """The participants `user` may see, with their relations and their network's versions."""
    network = OuterRef("network_id")
    kinds = (FACTS, PAGE, *DATA_KINDS)
    tokens = {
        name: token_subquery(kind, network=network)
        for name, kind in zip(TOKENS, kinds, strict=True)
    }
    return visible_participants(user).select_related(*RELATED).annotate(**tokens)


@dataclass(frozen=True)
class Compiled:
    """The SQL with its parameters (stand-ins among them) and how to make a row a model."""

    sql: str
    params: tuple[Any, ...]
    columns: tuple[Any, ...]  # the selected expressions, for the backend's converters
    fields: slice  # the participant's columns
    init_list: tuple[str, ...]
    related: tuple[RelatedPopulator, ...]
    annotations: tuple[tuple[str, int], ...]


_COMPILED: dict[tuple[str, str], Compiled] = {}
# Per connection (each thread has its own) and compiled query: position and converters of
# each column the backend or the field converts (dates on SQLite, JSON, the tokens).
Converters = tuple[tuple[int, tuple[Any, ...]], ...]
_CONVERTERS: WeakKeyDictionary[Any, dict[tuple[str, str], Converters]] = WeakKeyDictionary()


def compiled(alias: str, role: str) -> Compiled:
    """The page's query for viewers of `role` on database `alias`, compiled at first use."""
    key = (alias, str(role))
    if key not in _COMPILED:
        _COMPILED[key] = _compile(alias, role)
    return _COMPILED[key]


def _compile(alias: str, role: str) -> Compiled:
    stand_in = User(pk=_NO_USER, organisation_id=_NO_ORGANISATION, role=role)
    query = page_people(stand_in).filter(pk=_NO_PARTICIPANT).query.chain()
    query.set_limits(high=2)
    compiler = query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    stand_ins = {_NO_PARTICIPANT, _NO_USER, _NO_ORGANISATION}
    # Only the stand-ins and the kinds' names: nothing of this viewer or day may be kept.
    if params.count(_NO_PARTICIPANT) != 1 or any(
        value not in stand_ins and value not in DATA_KINDS for value in params
    ):
        raise AssertionError(f"the participant page's query changed shape: {params}")
    select, klass_info = compiler.select, compiler.klass_info
    first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    return Compiled(
        sql=sql,
        params=tuple(params),
        columns=tuple(column[0] for column in select[: compiler.col_count]),
        fields=slice(first, last),
        init_list=tuple(column[0].target.attname for column in select[first:last]),
        related=tuple(get_related_populators(klass_info, select, alias)),
        annotations=tuple(compiler.annotation_col_map.items()),
    )


def page_participant(*, user: Any, pk: int) -> Participant | None:
    """The participant `pk` if `user` (who may view participants) may see it, with its
    relations and the versions `TOKENS` as attributes; None otherwise."""
    if user.role not in COMPILED_ROLES:
        return page_people(user).filter(pk=pk).first()
    alias = router.db_for_read(Participant)
    key = (alias, str(user.role))
    plan = compiled(*key)
    values = {
        _NO_PARTICIPANT: pk,
        _NO_USER: user.pk,
        _NO_ORGANISATION: user.organisation_id,
    }
    args = [values.get(value, value) for value in plan.params]
    connection = connections[alias]
    with connection.cursor() as cursor:
        cursor.execute(plan.sql, args)
        found = cursor.fetchone()
    if found is None:
        return None
    row = list(found)
    for position, converters in _converters(connection, key, plan):
        column = plan.columns[position]
        for converter in converters:
            row[position] = converter(row[position], column, connection)
    participant = Participant.from_db(alias, list(plan.init_list), row[plan.fields])
    for populator in plan.related:
        populator.populate(row, participant)
    for name, position in plan.annotations:
        setattr(participant, name, row[position])
    return participant


def _converters(connection: Any, key: tuple[str, str], plan: Compiled) -> Converters:
    """As the ORM's compiler finds them (`SQLCompiler.get_converters`), once per connection."""
    kept = _CONVERTERS.setdefault(connection, {})
    if key not in kept:
        kept[key] = tuple(
            (position, tuple(found))
            for position, column in enumerate(plan.columns)
            if (
                found := connection.ops.get_db_converters(column)
                + column.get_db_converters(connection)
            )
        )
    return kept[key]
