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
development) one per row, with random 64-bit tokens. Deleting a participant deletes their
row. `TRUNCATE` fires nothing (the application never truncates).
"""

# ruff: noqa: S608 - every name in this SQL is a constant of this module, nothing comes from input

from __future__ import annotations

from vangnet.participants.fact_triggers import SEQUENCE

VERSION_TABLE = "participants_participantfactversion"

# Per table: the SQL for the participant id of a row `r` of it.
PERSON_TABLES: dict[str, str] = {
    "participants_participant": "r.id",
    "networks_attendance": "r.participant_id",
    "participants_routeevent": "r.participant_id",
}
EVENTS = ("INSERT", "UPDATE", "DELETE")
BUMP = "vangnet_bump_people"


def _name(table: str, event: str = "") -> str:
    return f"vangnet_people_{table}_{event.lower()}".rstrip("_")


def postgresql_install() -> list[str]:
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        f"""CREATE OR REPLACE FUNCTION {BUMP}(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
INSERT INTO {VERSION_TABLE} (participant_id, token)
SELECT n, nextval('{SEQUENCE}') FROM (
    SELECT DISTINCT n FROM unnest(ids) AS n WHERE n IS NOT NULL ORDER BY n
) AS d
ON CONFLICT (participant_id) DO UPDATE SET token = EXCLUDED.token
$$""",
    ]
    for table, person in PERSON_TABLES.items():
        new, old = f"SELECT {person} FROM new_rows r", f"SELECT {person} FROM old_rows r"
        if table == "participants_participant":
            on_delete = f"DELETE FROM {VERSION_TABLE} WHERE participant_id IN ({old});"
        else:
            on_delete = f"PERFORM {BUMP}(ARRAY({old}));"
        statements.append(
            f"""CREATE OR REPLACE FUNCTION {_name(table)}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM {BUMP}(ARRAY({new}));
    ELSIF TG_OP = 'DELETE' THEN
        {on_delete}
    ELSE
        PERFORM {BUMP}(ARRAY({new} UNION {old}));
    END IF;
    RETURN NULL;
END $$"""
        )
        for event in EVENTS:
            tables = {
                "INSERT": "NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
                "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
            }[event]
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {table} "
                f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {_name(table)}()"
            )
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (participant_id, token) "
        f"SELECT id, nextval('{SEQUENCE}') FROM participants_participant ON CONFLICT DO NOTHING"
    )
    return statements


def postgresql_remove() -> list[str]:
    statements = [
        f"DROP TRIGGER IF EXISTS {_name(table, event)} ON {table}"
        for table in PERSON_TABLES
        for event in EVENTS
    ]
    statements += [f"DROP FUNCTION IF EXISTS {_name(table)}()" for table in PERSON_TABLES]
    statements.append(f"DROP FUNCTION IF EXISTS {BUMP}(bigint[])")
    return statements


def sqlite_install() -> list[str]:
    def bump(row: str, table: str) -> str:
        person = PERSON_TABLES[table].replace("r.", f"{row}.")
        return (
            f"INSERT OR REPLACE INTO {VERSION_TABLE} (participant_id, token) "
            f"SELECT {person}, random() WHERE {person} IS NOT NULL;"
        )

    statements = []
    for table in PERSON_TABLES:
        for event in EVENTS:
            if table == "participants_participant" and event == "DELETE":
                body = f"DELETE FROM {VERSION_TABLE} WHERE participant_id = OLD.id;"
            else:
                rows = {"INSERT": ["NEW"], "DELETE": ["OLD"], "UPDATE": ["NEW", "OLD"]}[event]
                body = " ".join(bump(row, table) for row in rows)
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {table} BEGIN {body} END"
            )
    statements.append(
        f"INSERT OR IGNORE INTO {VERSION_TABLE} (participant_id, token) "
        "SELECT id, random() FROM participants_participant"
    )
    return statements


def sqlite_remove() -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {_name(table, event)}"
        for table in PERSON_TABLES
        for event in EVENTS
    ]


def install(connection) -> None:
    """Create the triggers (and on PostgreSQL their functions), and give every existing
    participant a version."""
    for statement in _statements(connection, install=True):
        with connection.cursor() as cursor:
            cursor.execute(statement)


def remove(connection) -> None:
    for statement in _statements(connection, install=False):
        with connection.cursor() as cursor:
            cursor.execute(statement)


def _statements(connection, *, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return postgresql_install() if install else postgresql_remove()
    if connection.vendor == "sqlite":
        return sqlite_install() if install else sqlite_remove()
    raise NotImplementedError(f"no participant-version triggers for {connection.vendor}")
