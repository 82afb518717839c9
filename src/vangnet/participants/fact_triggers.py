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

The SQL's building blocks are shared with the other trigger-kept versions
(participants.version_triggers).

The upsert locks the network's version row until the transaction ends: two transactions
that write the same network's facts take turns from their first such write on.
"""

# ruff: noqa: S608 - every name in this SQL is a constant of this module, nothing comes from input

from __future__ import annotations

from functools import partial

from vangnet.participants import version_triggers as sql
from vangnet.participants.version_triggers import EVENTS

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
PREFIX = "facts"
_BUMP = sql.perform("vangnet_bump_facts")


def postgresql_install() -> list[str]:
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        sql.pg_bump_function(
            "vangnet_bump_facts", version_table=VERSION_TABLE, key="network_id", sequence=SEQUENCE
        ),
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
        sql.pg_trigger(
            "vangnet_facts_network_insert", "INSERT", "networks_network", "vangnet_network_made"
        ),
        sql.pg_trigger(
            "vangnet_facts_network_delete", "DELETE", "networks_network", "vangnet_network_made"
        ),
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
        statements.append(
            sql.pg_table_function(
                sql.trigger_name(PREFIX, table),
                new=f"SELECT {network} FROM new_rows r {join}",
                old=f"SELECT {network} FROM old_rows r {join}",
                bump=_BUMP,
            )
        )
        statements += sql.pg_table_triggers(PREFIX, table)
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
    return sql.pg_drop_triggers(PREFIX, tables)


def sqlite_install() -> list[str]:
    statements = [
        sql.sqlite_trigger(
            "vangnet_facts_network_insert",
            "INSERT",
            "networks_network",
            _sqlite_bump("SELECT NEW.id, random()"),
        ),
        sql.sqlite_trigger(
            "vangnet_facts_network_delete",
            "DELETE",
            "networks_network",
            f"DELETE FROM {VERSION_TABLE} WHERE network_id = OLD.id;",
        ),
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
    return [
        sql.sqlite_trigger(
            sql.trigger_name(PREFIX, table, event),
            event,
            table,
            sql.sqlite_row_bodies(event, partial(_sqlite_row_bump, table)),
        )
        for table in tables
        for event in EVENTS
    ]


def _sqlite_row_bump(table: str, row: str) -> str:
    return _sqlite_bump(_sqlite_select(table, row))


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
    statements = sql.sqlite_drop_triggers(PREFIX, FACT_TABLES)
    return statements + [
        "DROP TRIGGER IF EXISTS vangnet_facts_network_insert",
        "DROP TRIGGER IF EXISTS vangnet_facts_network_delete",
    ]


def sqlite_table_remove(tables: dict[str, tuple[str, str]]) -> list[str]:
    return sql.sqlite_drop_triggers(PREFIX, tables)


def install(connection) -> None:
    """Create the triggers (and on PostgreSQL their functions and sequence), and give every
    existing network a version."""
    sql.run(
        connection,
        sql.for_vendor(
            connection, postgresql=postgresql_install, sqlite=sqlite_install, what="fact-version"
        ),
    )


def remove(connection) -> None:
    sql.run(
        connection,
        sql.for_vendor(
            connection, postgresql=postgresql_remove, sqlite=sqlite_remove, what="fact-version"
        ),
    )


def install_later(connection) -> None:
    """The triggers of `LATER_TABLES` (support migration 0007); the functions and the
    sequence `install` made are used."""
    statements = sql.for_vendor(
        connection,
        postgresql=lambda: postgresql_table_triggers(LATER_TABLES),
        sqlite=lambda: sqlite_table_triggers(LATER_TABLES),
        what="fact-version",
    )
    sql.run(connection, statements)


def remove_later(connection) -> None:
    statements = sql.for_vendor(
        connection,
        postgresql=lambda: postgresql_table_remove(LATER_TABLES),
        sqlite=lambda: sqlite_table_remove(LATER_TABLES),
        what="fact-version",
    )
    sql.run(connection, statements)
