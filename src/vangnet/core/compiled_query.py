"""A hot page's one query, compiled once per process, database and shape (issue 21).

Building a queryset with an access check, relations and version subqueries and compiling
it to SQL costs more CPU than the database spends running it. A `CompiledQuery` builds and
compiles it once per (process, database alias, key), where the key names the query's shape
(for example the viewer's role) and never a viewer: the queryset is built with stand-in
values (ids no row has, `stand_in`) where each read has its own. Each read puts its values
in the stand-ins' places, runs the SQL and makes the rows into models as the ORM does
(`Model.from_db`, Django's related populators for `select_related`, annotations as
attributes, the backend's and fields' converters, found once per connection), as
participants.page_query first did for the participant page.

Compiling checks that every parameter of the SQL is a stand-in or one of the `constants`
the caller names (nothing of a viewer or a day is kept), and that every `required`
stand-in is among them (the query still filters on it). A queryset that is empty whatever
the values (`QuerySet.none()`: a role that sees nothing) compiles to no SQL and reads None.
Only querysets whose shape is the same for every value may be compiled: a shape that
depends on today's date, or on a value in a way the stand-in does not show, reads through
the ORM.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Hashable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.models.query import (  # type: ignore[attr-defined]  # not in the stubs
    RelatedPopulator,
    get_related_populators,
)

M = TypeVar("M", bound=Model)

# Stand-ins: ids below any database's sequence, distinct per use (`stand_in()`).
_NEXT = itertools.count(11)


def stand_in() -> int:
    """A new stand-in id: negative, beyond any row's id, never given twice in a process."""
    return -(2**52) - next(_NEXT)


@dataclass(frozen=True)
class Plan:
    """The SQL with its parameters (stand-ins among them) and how to make a row a model."""

    sql: str
    params: tuple[Any, ...]
    columns: tuple[Any, ...]  # the selected expressions, for the converters
    fields: slice  # the model's own columns
    init_list: tuple[str, ...]
    related: tuple[RelatedPopulator, ...]
    annotations: tuple[tuple[str, int], ...]


# Per connection (each thread has its own): position and converters of each column the
# backend or the field converts (dates on SQLite, JSON, the tokens).
Converters = tuple[tuple[int, tuple[Any, ...]], ...]


class CompiledQuery(Generic[M]):
    """The queryset `build(key)` (with stand-ins for each read's values), compiled once per
    database alias and key; `first` reads one row with the real values, `all` (a query
    made with `many=True`) every row."""

    def __init__(
        self,
        model: type[M],
        build: Callable[[Any], QuerySet[M]],
        *,
        stand_ins: Collection[Any],
        required: Collection[Any] = (),
        constants: Collection[Any] = (),
        name: str = "",
        many: bool = False,
    ) -> None:
        self.model = model
        self.many = many  # read with `all` (every row), else with `first` (at most one)
        self.build = build
        self.stand_ins = frozenset(stand_ins)
        self.required = tuple(required)
        self.constants = frozenset(constants)
        self.name = name or model.__name__
        self.plans: dict[tuple[str, Hashable], Plan | None] = {}
        self.converters: WeakKeyDictionary[Any, dict[tuple[str, Hashable], Converters]] = (
            WeakKeyDictionary()
        )

    def clear(self) -> None:
        """Forget every compiled plan (tests)."""
        self.plans.clear()
        self.converters = WeakKeyDictionary()

    def plan(self, alias: str, key: Hashable) -> Plan | None:
        """The query of shape `key` on database `alias`, compiled at first use (None: it
        reads no row whatever the values)."""
        found = (alias, key)
        if found not in self.plans:
            self.plans[found] = self._compile(alias, key)
        return self.plans[found]

    def _compile(self, alias: str, key: Hashable) -> Plan | None:
        query = self.build(key).query.chain()
        if not self.many:
            query.set_limits(high=2)
        compiler = query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return None
        # Only the stand-ins and the caller's constants: nothing of a viewer or day is kept.
        strange = [v for v in params if v not in self.stand_ins and v not in self.constants]
        missing = [v for v in self.required if v not in params]
        if strange or missing:
            raise AssertionError(f"the {self.name} query changed shape: {params}")
        select, klass_info = compiler.select, compiler.klass_info
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        return Plan(
            sql=sql,
            params=tuple(params),
            columns=tuple(column[0] for column in select[: compiler.col_count]),
            fields=slice(first, last),
            init_list=tuple(column[0].target.attname for column in select[first:last]),
            related=tuple(get_related_populators(klass_info, select, alias)),
            annotations=tuple(compiler.annotation_col_map.items()),
        )

    def first(self, key: Hashable, values: Mapping[Any, Any]) -> M | None:
        """The first row of the query of shape `key` with `values` (stand-in -> value) in
        the stand-ins' places, as the ORM makes it; None when there is none."""
        found = self._read(key, values, many=False)
        return found[0] if found else None

    def all(self, key: Hashable, values: Mapping[Any, Any]) -> list[M]:
        """Every row of the query of shape `key` with `values` in the stand-ins' places, in
        the query's order, as the ORM makes them (a query made with `many=True`)."""
        return self._read(key, values, many=True)

    def _read(self, key: Hashable, values: Mapping[Any, Any], *, many: bool) -> list[M]:
        if many != self.many:
            raise TypeError(f"the {self.name} query reads {'every' if self.many else 'one'} row")
        alias = router.db_for_read(self.model)
        plan = self.plan(alias, key)
        if plan is None:
            return []
        args = [values.get(value, value) for value in plan.params]
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, args)
            rows = cursor.fetchall() if many else cursor.fetchmany(1)
        converters = self._converters(connection, (alias, key), plan)
        return [self._model(connection, alias, plan, converters, found) for found in rows]

    def _model(
        self, connection: Any, alias: str, plan: Plan, converters: Converters, found: Any
    ) -> M:
        """A row made into a model as the ORM makes it."""
        row = list(found)
        for position, column_converters in converters:
            column = plan.columns[position]
            for converter in column_converters:
                row[position] = converter(row[position], column, connection)
        obj = self.model.from_db(alias, list(plan.init_list), row[plan.fields])
        for populator in plan.related:
            populator.populate(row, obj)
        for name, position in plan.annotations:
            setattr(obj, name, row[position])
        return obj

    def _converters(self, connection: Any, key: tuple[str, Hashable], plan: Plan) -> Converters:
        """As the ORM's compiler finds them (`SQLCompiler.get_converters`), once per
        connection."""
        kept = self.converters.setdefault(connection, {})
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
