"""The database triggers that keep `ParticipantFactVersion` (participants.route_cache).

A participant's route is derived from the network's session dates and from the
participant's own facts: their row (invitation date, network), their attendance marks and
their recorded route events. Every statement that inserts, changes or deletes rows of
those tables gives each participant whose rows it touched a new token, in the same
transaction, whoever writes (services, offline sync, imports, bulk loads,
`QuerySet.update`, raw SQL, deletions by cascade). The session dates are not versioned
here: the route cache compares them itself (they are few per network).

PostgreSQL runs one trigger per statement with its transition tables and takes its tokens
from the sequence of the network versions (participants.fact_triggers); SQLite (tests,
development) one per row, with random 64-bit tokens (the SQL's building blocks:
participants.version_triggers). Deleting a participant deletes their
row. `TRUNCATE` fires nothing (the application never truncates).
"""

# ruff: noqa: S608 - every name in this SQL is a constant of this module, nothing comes from input

from __future__ import annotations

from functools import partial

from vangnet.participants import version_triggers as sql
from vangnet.participants.fact_triggers import SEQUENCE
from vangnet.participants.version_triggers import EVENTS

VERSION_TABLE = "participants_participantfactversion"

# Per table: the SQL for the participant id of a row `r` of it.
PERSON_TABLES: dict[str, str] = {
    "participants_participant": "r.id",
    "networks_attendance": "r.participant_id",
    "participants_routeevent": "r.participant_id",
}
BUMP = "vangnet_bump_people"
PREFIX = "people"
_SELF = "participants_participant"  # a deleted participant's version goes with them


def postgresql_install() -> list[str]:
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        sql.pg_bump_function(
            BUMP, version_table=VERSION_TABLE, key="participant_id", sequence=SEQUENCE
        ),
    ]
    for table, person in PERSON_TABLES.items():
        new, old = f"SELECT {person} FROM new_rows r", f"SELECT {person} FROM old_rows r"
        on_delete = (
            f"DELETE FROM {VERSION_TABLE} WHERE participant_id IN ({old});"
            if table == _SELF
            else ""
        )
        statements.append(
            sql.pg_table_function(
                sql.trigger_name(PREFIX, table),
                new=new,
                old=old,
                bump=sql.perform(BUMP),
                on_delete=on_delete,
            )
        )
        statements += sql.pg_table_triggers(PREFIX, table)
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (participant_id, token) "
        f"SELECT id, nextval('{SEQUENCE}') FROM participants_participant ON CONFLICT DO NOTHING"
    )
    return statements


def postgresql_remove() -> list[str]:
    statements = sql.pg_drop_triggers(PREFIX, PERSON_TABLES)
    statements.append(f"DROP FUNCTION IF EXISTS {BUMP}(bigint[])")
    return statements


def _sqlite_bump(table: str, row: str) -> str:
    person = PERSON_TABLES[table].replace("r.", f"{row}.")
    return (
        f"INSERT OR REPLACE INTO {VERSION_TABLE} (participant_id, token) "
        f"SELECT {person}, random() WHERE {person} IS NOT NULL;"
    )


def sqlite_install() -> list[str]:
    statements = []
    for table in PERSON_TABLES:
        for event in EVENTS:
            if table == _SELF and event == "DELETE":
                body = f"DELETE FROM {VERSION_TABLE} WHERE participant_id = OLD.id;"
            else:
                body = sql.sqlite_row_bodies(event, partial(_sqlite_bump, table))
            statements.append(
                sql.sqlite_trigger(sql.trigger_name(PREFIX, table, event), event, table, body)
            )
    statements.append(
        f"INSERT OR IGNORE INTO {VERSION_TABLE} (participant_id, token) "
        "SELECT id, random() FROM participants_participant"
    )
    return statements


def sqlite_remove() -> list[str]:
    return sql.sqlite_drop_triggers(PREFIX, PERSON_TABLES)


def install(connection) -> None:
    """Create the triggers (and on PostgreSQL their functions), and give every existing
    participant a version."""
    sql.run(
        connection,
        sql.for_vendor(
            connection,
            postgresql=postgresql_install,
            sqlite=sqlite_install,
            what="participant-version",
        ),
    )


def remove(connection) -> None:
    sql.run(
        connection,
        sql.for_vendor(
            connection,
            postgresql=postgresql_remove,
            sqlite=sqlite_remove,
            what="participant-version",
        ),
    )
