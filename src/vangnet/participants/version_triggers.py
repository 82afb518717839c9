"""The SQL that every trigger-kept data version shares (the building blocks).

Four versions are kept by the database's own triggers, each in its module with the tables
it watches: a network's route facts (`fact_triggers`, `NetworkFactVersion`), a participant's
own facts (`route_triggers`, `ParticipantFactVersion`), other kinds of a network's data
(`data_triggers`, `NetworkDataVersion`) and what the network page shows (`page_triggers`,
`NetworkPageVersion`). They work alike:

- PostgreSQL: one trigger per statement with its transition tables (`new_rows`,
  `old_rows`); the trigger function collects the keys (network or participant ids) of the
  rows the statement touched and calls a *bump* function, which upserts a new token from a
  sequence for each distinct key, in key order (so two transactions lock version rows in
  the same order).
- SQLite (tests, development): one trigger per row (`NEW`, `OLD`), random 64-bit tokens.

The modules say *what* is watched; this module says *how*, once. Every name in this SQL is
a constant of the calling module: nothing comes from input.
"""

# ruff: noqa: S608 - every name in this SQL is a constant, nothing comes from input

from __future__ import annotations

from collections.abc import Callable, Iterable

EVENTS = ("INSERT", "UPDATE", "DELETE")
# PostgreSQL: the transition tables a statement trigger of each event gets.
TRANSITIONS = {
    "INSERT": "NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
    "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
}
# SQLite: the rows a row trigger of each event sees.
SQLITE_ROWS = {"INSERT": ("NEW",), "DELETE": ("OLD",), "UPDATE": ("NEW", "OLD")}


def trigger_name(prefix: str, table: str, event: str = "") -> str:
    """`vangnet_<prefix>_<table>[_<event>]`: a table's trigger function and its triggers."""
    return f"vangnet_{prefix}_{table}_{event.lower()}".rstrip("_")


def pg_bump_function(
    name: str, *, version_table: str, key: str, sequence: str, kind: bool = False
) -> str:
    """The function that gives each distinct id of `ids` a new token (and, with `kind`, per
    kind of data: `name(data_kind, ids)`)."""
    arguments = "data_kind text, ids bigint[]" if kind else "ids bigint[]"
    columns = f"{key}, kind, token" if kind else f"{key}, token"
    values = "n, data_kind, nextval" if kind else "n, nextval"
    conflict = f"{key}, kind" if kind else key
    return f"""CREATE OR REPLACE FUNCTION {name}({arguments}) RETURNS void
LANGUAGE sql AS $$
INSERT INTO {version_table} ({columns})
SELECT {values}('{sequence}') FROM (
    SELECT DISTINCT n FROM unnest(ids) AS n WHERE n IS NOT NULL ORDER BY n
) AS d
ON CONFLICT ({conflict}) DO UPDATE SET token = EXCLUDED.token
$$"""


def pg_rows_gone_function(name: str, *, version_table: str, key: str) -> str:
    """A statement trigger function that deletes the versions of the deleted rows."""
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {version_table} WHERE {key} IN (SELECT id FROM old_rows);
    RETURN NULL;
END $$"""


def pg_table_function(
    name: str, *, new: str, old: str, bump: Callable[[str], str], on_delete: str = ""
) -> str:
    """A table's statement trigger function: `bump(select)` with the keys of the new rows,
    the old rows or both (`on_delete` replaces the bump on DELETE)."""
    return f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {bump(new)}
    ELSIF TG_OP = 'DELETE' THEN
        {on_delete or bump(old)}
    ELSE
        {bump(f"{new} UNION {old}")}
    END IF;
    RETURN NULL;
END $$"""


def perform(function: str, *arguments: str) -> Callable[[str], str]:
    """`bump` for `pg_table_function`: `PERFORM function(arguments..., ARRAY(select));`."""
    leading = "".join(f"{argument}, " for argument in arguments)
    return lambda select: f"PERFORM {function}({leading}ARRAY({select}));"


def pg_trigger(name: str, event: str, table: str, function: str, *, replace: bool = False) -> str:
    """A statement trigger; `replace` for one that a later migration's install makes again
    (PostgreSQL 14 and later)."""
    create = "CREATE OR REPLACE TRIGGER" if replace else "CREATE TRIGGER"
    return (
        f"{create} {name} AFTER {event} ON {table} "
        f"REFERENCING {TRANSITIONS[event]} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
    )


def pg_table_triggers(
    prefix: str, table: str, events: Iterable[str] = EVENTS, function: str = ""
) -> list[str]:
    """The statement triggers of `table`, calling its function (or `function`)."""
    called = function or trigger_name(prefix, table)
    return [
        pg_trigger(trigger_name(prefix, table, event), event, table, called) for event in events
    ]


def pg_drop_triggers(
    prefix: str, tables: Iterable[str], events: Callable[[str], Iterable[str]] = lambda _: EVENTS
) -> list[str]:
    """Drop the triggers of `tables`, then their functions."""
    tables = list(tables)
    statements = [
        f"DROP TRIGGER IF EXISTS {trigger_name(prefix, table, event)} ON {table}"
        for table in tables
        for event in events(table)
    ]
    return statements + [
        f"DROP FUNCTION IF EXISTS {trigger_name(prefix, table)}()" for table in tables
    ]


def sqlite_trigger(name: str, event: str, table: str, body: str) -> str:
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {body} END"


def sqlite_row_bodies(event: str, bump: Callable[[str], str]) -> str:
    """The body of a row trigger: `bump(row)` for each row the event sees."""
    return " ".join(bump(row) for row in SQLITE_ROWS[event])


def sqlite_drop_triggers(
    prefix: str, tables: Iterable[str], events: Callable[[str], Iterable[str]] = lambda _: EVENTS
) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {trigger_name(prefix, table, event)}"
        for table in tables
        for event in events(table)
    ]


def for_vendor(
    connection,
    *,
    postgresql: Callable[[], list[str]],
    sqlite: Callable[[], list[str]],
    what: str,
) -> list[str]:
    """The statements for the connection's database (PostgreSQL or SQLite)."""
    if connection.vendor == "postgresql":
        return postgresql()
    if connection.vendor == "sqlite":
        return sqlite()
    raise NotImplementedError(f"no {what} triggers for {connection.vendor}")


def run(connection, statements: list[str]) -> None:
    for statement in statements:
        with connection.cursor() as cursor:
            cursor.execute(statement)
