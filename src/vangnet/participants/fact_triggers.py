"""The database triggers that keep `NetworkFactVersion` (participants.fact_cache).

Every statement that inserts, changes or deletes rows of the tables in `FACT_TABLES` (and,
since support migration 0007, `LATER_TABLES`: support ties and phase transitions) gives
each network whose rows it touched a new token, in the same transaction: the application's
services, bulk loads (`bulk_create`, the demo generator, imports), `QuerySet.update`, raw
SQL and deletions by cascade alike, so no writer can forget it. PostgreSQL runs one trigger
per statement (with its transition tables: a bulk load of a million marks bumps each of its
networks once per statement), its tokens from one sequence; SQLite (tests, development) one
per row, its tokens random 64-bit numbers. A network's row is made when the network is made
and deleted with it. `TRUNCATE` fires nothing (the application never truncates).

The upsert locks the network's version row until the transaction ends: two transactions
that write the same network's facts take turns from their first such write on.
"""

# ruff: noqa: S608 - every name in this SQL is a constant of this module, nothing comes from input

from __future__ import annotations

VERSION_TABLE = "participants_networkfactversion"
SEQUENCE = "participants_fact_token_seq"

# table: (SQL for the network id of a row `r`, FROM clause joined to it) per fact table.
FACT_TABLES: dict[str, tuple[str, str]] = {
    "networks_session": ("r.network_id", ""),
    "participants_participant": ("r.network_id", ""),
    "networks_attendance": ("s.network_id", "JOIN networks_session s ON s.id = r.session_id"),
    "participants_routeevent": (
        "p.network_id",
        "JOIN participants_participant p ON p.id = r.participant_id",
    ),
}
# Added later (support migration 0007, after these tables exist): the facts the sociogram
# reads beside the routes' (its support ties, the phases that split its small pictures).
# Their triggers bump the same token, so one read keys every cache of a network's figures.
LATER_TABLES: dict[str, tuple[str, str]] = {
    "support_supporttie": ("r.network_id", ""),
    "networks_phasetransition": ("r.network_id", ""),
}
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _name(table: str, event: str = "") -> str:
    return f"vangnet_facts_{table}_{event.lower()}".rstrip("_")


def postgresql_install() -> list[str]:
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        f"""CREATE OR REPLACE FUNCTION vangnet_bump_facts(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
INSERT INTO {VERSION_TABLE} (network_id, token)
SELECT n, nextval('{SEQUENCE}') FROM (
    SELECT DISTINCT n FROM unnest(ids) AS n WHERE n IS NOT NULL ORDER BY n
) AS d
ON CONFLICT (network_id) DO UPDATE SET token = EXCLUDED.token
$$""",
        f"""CREATE OR REPLACE FUNCTION vangnet_network_made() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM vangnet_bump_facts(ARRAY(SELECT id FROM new_rows));
    ELSE
        DELETE FROM {VERSION_TABLE} WHERE network_id IN (SELECT id FROM old_rows);
    END IF;
    RETURN NULL;
END $$""",
        "CREATE TRIGGER vangnet_facts_network_insert AFTER INSERT ON networks_network "
        "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION vangnet_network_made()",
        "CREATE TRIGGER vangnet_facts_network_delete AFTER DELETE ON networks_network "
        "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT "
        "EXECUTE FUNCTION vangnet_network_made()",
    ]
    statements += postgresql_table_triggers(FACT_TABLES)
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (network_id, token) "
        f"SELECT id, nextval('{SEQUENCE}') FROM networks_network ON CONFLICT DO NOTHING"
    )
    return statements


def postgresql_table_triggers(tables: dict[str, tuple[str, str]]) -> list[str]:
    """Per table of `tables`: its function and its three statement triggers."""
    statements: list[str] = []
    for table, (network, join) in tables.items():
        new = f"SELECT {network} FROM new_rows r {join}"
        old = f"SELECT {network} FROM old_rows r {join}"
        statements.append(
            f"""CREATE OR REPLACE FUNCTION {_name(table)}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM vangnet_bump_facts(ARRAY({new}));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM vangnet_bump_facts(ARRAY({old}));
    ELSE
        PERFORM vangnet_bump_facts(ARRAY({new} UNION {old}));
    END IF;
    RETURN NULL;
END $$"""
        )
        for event in EVENTS:
            transition = {
                "INSERT": "NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
                "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
            }[event]
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {table} "
                f"REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION {_name(table)}()"
            )
    return statements


def postgresql_remove() -> list[str]:
    statements = postgresql_table_remove(FACT_TABLES)
    statements += [
        "DROP TRIGGER IF EXISTS vangnet_facts_network_insert ON networks_network",
        "DROP TRIGGER IF EXISTS vangnet_facts_network_delete ON networks_network",
        "DROP FUNCTION IF EXISTS vangnet_network_made()",
        "DROP FUNCTION IF EXISTS vangnet_bump_facts(bigint[])",
        f"DROP SEQUENCE IF EXISTS {SEQUENCE}",
    ]
    return statements


def postgresql_table_remove(tables: dict[str, tuple[str, str]]) -> list[str]:
    statements = [
        f"DROP TRIGGER IF EXISTS {_name(table, event)} ON {table}"
        for table in tables
        for event in EVENTS
    ]
    return statements + [f"DROP FUNCTION IF EXISTS {_name(table)}()" for table in tables]


def sqlite_install() -> list[str]:
    statements = [
        "CREATE TRIGGER vangnet_facts_network_insert AFTER INSERT ON networks_network "
        f"BEGIN {_sqlite_bump('SELECT NEW.id, random()')} END",
        "CREATE TRIGGER vangnet_facts_network_delete AFTER DELETE ON networks_network "
        f"BEGIN DELETE FROM {VERSION_TABLE} WHERE network_id = OLD.id; END",
    ]
    statements += sqlite_table_triggers(FACT_TABLES)
    statements.append(
        f"INSERT OR IGNORE INTO {VERSION_TABLE} (network_id, token) "
        "SELECT id, random() FROM networks_network"
    )
    return statements


def _sqlite_bump(select: str) -> str:
    return f"INSERT OR REPLACE INTO {VERSION_TABLE} (network_id, token) {select};"


def sqlite_table_triggers(tables: dict[str, tuple[str, str]]) -> list[str]:
    statements = []
    for table in tables:
        for event in EVENTS:
            rows = {"INSERT": ["NEW"], "DELETE": ["OLD"], "UPDATE": ["NEW", "OLD"]}[event]
            body = " ".join(_sqlite_bump(_sqlite_select(table, row)) for row in rows)
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {table} BEGIN {body} END"
            )
    return statements


def _sqlite_select(table: str, row: str) -> str:
    """The network id of SQLite's `NEW` or `OLD` row of `table`, with a fresh token."""
    if table in ("networks_session", "participants_participant", *LATER_TABLES):
        return f"SELECT {row}.network_id, random() WHERE {row}.network_id IS NOT NULL"
    if table == "networks_attendance":
        return f"SELECT network_id, random() FROM networks_session WHERE id = {row}.session_id"
    return (
        f"SELECT network_id, random() FROM participants_participant WHERE id = {row}.participant_id"
    )


def sqlite_remove() -> list[str]:
    names = [_name(table, event) for table in FACT_TABLES for event in EVENTS]
    names += ["vangnet_facts_network_insert", "vangnet_facts_network_delete"]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def sqlite_table_remove(tables: dict[str, tuple[str, str]]) -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {_name(table, event)}" for table in tables for event in EVENTS]


def install(connection) -> None:
    """Create the triggers (and on PostgreSQL their functions and sequence), and give every
    existing network a version."""
    _run(connection, _statements(connection, install=True))


def remove(connection) -> None:
    _run(connection, _statements(connection, install=False))


def install_later(connection) -> None:
    """The triggers of `LATER_TABLES` (support migration 0007); the functions and the
    sequence `install` made are used."""
    if connection.vendor == "postgresql":
        _run(connection, postgresql_table_triggers(LATER_TABLES))
    elif connection.vendor == "sqlite":
        _run(connection, sqlite_table_triggers(LATER_TABLES))
    else:
        raise NotImplementedError(f"no fact-version triggers for {connection.vendor}")


def remove_later(connection) -> None:
    if connection.vendor == "postgresql":
        _run(connection, postgresql_table_remove(LATER_TABLES))
    elif connection.vendor == "sqlite":
        _run(connection, sqlite_table_remove(LATER_TABLES))


def _run(connection, statements: list[str]) -> None:
    for statement in statements:
        with connection.cursor() as cursor:
            cursor.execute(statement)


def _statements(connection, *, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return postgresql_install() if install else postgresql_remove()
    if connection.vendor == "sqlite":
        return sqlite_install() if install else sqlite_remove()
    raise NotImplementedError(f"no fact-version triggers for {connection.vendor}")
