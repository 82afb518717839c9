"""Database triggers that keep `NetworkDataVersion`: a token per network and *kind* of data.

The same scheme as `participants.fact_triggers` (sessions, marks, participants and route
events: `NetworkFactVersion`), for the other data that caches of derived figures read: every
statement that inserts, changes or deletes rows of a table in `KINDS` gives each network
whose rows it touched a new token of that table's kind, in the same transaction. Services,
bulk loads, `QuerySet.update`, raw SQL and deletions by cascade alike, so no writer can
forget it (the SQL's building blocks: participants.version_triggers). PostgreSQL runs one
trigger per statement (transition tables), its tokens from one sequence; SQLite one per row,
its tokens random 64-bit numbers. A network without a row of a kind has token None for it
(nothing of that kind was ever written); deleting a network deletes its rows.

A kind groups the tables one cache reads together (a network page's section, the
dashboard's row). A table belongs to one kind. To add one: a table here (with the SQL for
its network id, `{r}` standing for the row), and a migration that calls `install(...,
tables=[...])` with it (an applied migration keeps the tables it installed). Read the
tokens with `participants.data_versions.network_data_versions`.

`TRUNCATE` fires nothing (the application never truncates).
"""

# ruff: noqa: S608 - every name in this SQL is a constant of this module, nothing comes from input

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from vangnet.participants import version_triggers as sql
from vangnet.participants.version_triggers import EVENTS

VERSION_TABLE = "participants_networkdataversion"
SEQUENCE = "participants_data_token_seq"

_OUTPUT_NETWORK = (
    "(SELECT s.network_id FROM neighbourhood_neighbourhoodoutput o "
    "JOIN networks_session s ON s.id = o.session_id WHERE o.id = {r}.output_id)"
)
_REPORT_NETWORK = (
    "(SELECT i.network_id FROM interviews_interviewreport p "
    "JOIN interviews_interview i ON i.id = p.interview_id WHERE p.id = {r}.report_id)"
)
_PARTICIPANT_NETWORK = (
    "(SELECT p.network_id FROM participants_participant p WHERE p.id = {r}.participant_id)"
)

# kind: {table: SQL expression for the network id of the row `{r}`}
KINDS: dict[str, dict[str, str]] = {
    # Support ties between participants (the municipality report, the support figures).
    "ties": {"support_supporttie": "{r}.network_id"},
    # Absences announced before a session (afgemeld): the follow-up rule counts them
    # (participants.followup_services.followups_refresh_networks).
    "absences": {
        "networks_announcedabsence": (
            "(SELECT s.network_id FROM networks_session s WHERE s.id = {r}.session_id)"
        ),
    },
    # What the sessions for the neighbourhood produced (the municipality report).
    "neighbourhood": {
        "neighbourhood_neighbourhoodoutput": (
            "(SELECT s.network_id FROM networks_session s WHERE s.id = {r}.session_id)"
        ),
        "neighbourhood_outputitem": _OUTPUT_NETWORK,
        "neighbourhood_outputpartner": _OUTPUT_NETWORK,
    },
    # The network's plan: its own row (UPDATE only), phases, activities, registered hours.
    "plan": {
        "networks_network": "{r}.id",
        "networks_phasetransition": "{r}.network_id",
        "networks_activity": "{r}.network_id",
        "planning_workerhours": "{r}.network_id",
    },
    # The evaluation of the method: network evaluations, sub-goal judgements, checklists,
    # follow-up tasks, interviews with their reports, member checks and coding, and the
    # questionnaire responses (the dashboard's fidelity, sub-goal and outcome columns).
    "evaluation": {
        "network_evaluation_networkevaluation": "{r}.network_id",
        "network_evaluation_subgoaljudgement": (
            "(SELECT e.network_id FROM network_evaluation_networkevaluation e "
            "WHERE e.id = {r}.evaluation_id)"
        ),
        "network_evaluation_checklistassessment": "{r}.network_id",
        "network_evaluation_checklistanswer": (
            "(SELECT a.network_id FROM network_evaluation_checklistassessment a "
            "WHERE a.id = {r}.assessment_id)"
        ),
        "participants_followuptask": "{r}.network_id",
        "interviews_interview": "{r}.network_id",
        "interviews_interviewreport": (
            "(SELECT i.network_id FROM interviews_interview i WHERE i.id = {r}.interview_id)"
        ),
        "interviews_reportversion": _REPORT_NETWORK,
        "interviews_membercheckevent": _REPORT_NETWORK,
        "interviews_codedpassage": (
            "(SELECT i.network_id FROM interviews_reportversion v "
            "JOIN interviews_interviewreport p ON p.id = v.report_id "
            "JOIN interviews_interview i ON i.id = p.interview_id WHERE v.id = {r}.version_id)"
        ),
        "questionnaires_response": "{r}.network_id",
        "questionnaires_answer": (
            "(SELECT q.network_id FROM questionnaires_response q WHERE q.id = {r}.response_id)"
        ),
    },
    # What the participant page shows of a person beside the route facts, the absences and
    # the evaluation (participants migration 0009, participants.detail_cache):
    # contributions, consents (per kind, and per person on the network map), requests for
    # erasure, and invitations (a participant's row renews the token of the network of the
    # one who invited them, whose page lists their invitees).
    "person": {
        "networks_contribution": _PARTICIPANT_NETWORK,
        "privacy_consentrecord": _PARTICIPANT_NETWORK,
        "support_consentchange": (
            "(SELECT p.network_id FROM support_alter a "
            "JOIN support_networkmap m ON m.id = a.network_map_id "
            "JOIN participants_participant p ON p.id = m.participant_id WHERE a.id = {r}.alter_id)"
        ),
        "myspace_erasurerequest": _PARTICIPANT_NETWORK,
        "participants_participant": (
            "(SELECT p.network_id FROM participants_participant p WHERE p.id = {r}.invited_by_id)"
        ),
    },
}
NETWORK_TABLE = "networks_network"
PREFIX = "data"


def kind_of(table: str) -> str:
    return next(kind for kind, tables in KINDS.items() if table in tables)


def _events(table: str) -> tuple[str, ...]:
    # A network's own row: made with no data yet, its deletion removes its versions.
    return ("UPDATE",) if table == NETWORK_TABLE else EVENTS


def _expression(table: str, row: str) -> str:
    return KINDS[kind_of(table)][table].format(r=row)


def postgresql_install(tables: Iterable[str]) -> list[str]:
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        sql.pg_bump_function(
            "vangnet_bump_data",
            version_table=VERSION_TABLE,
            key="network_id",
            sequence=SEQUENCE,
            kind=True,
        ),
        sql.pg_rows_gone_function(
            "vangnet_network_data_gone", version_table=VERSION_TABLE, key="network_id"
        ),
        # Made again by every migration that installs more tables: replaced, not doubled.
        sql.pg_trigger(
            "vangnet_data_network_delete",
            "DELETE",
            NETWORK_TABLE,
            "vangnet_network_data_gone",
            replace=True,
        ),
    ]
    for table in tables:
        statements.append(
            sql.pg_table_function(
                sql.trigger_name(PREFIX, table),
                new=f"SELECT {_expression(table, 'r')} FROM new_rows r",
                old=f"SELECT {_expression(table, 'r')} FROM old_rows r",
                bump=sql.perform("vangnet_bump_data", f"'{kind_of(table)}'"),
            )
        )
        statements += sql.pg_table_triggers(PREFIX, table, _events(table))
    return statements


def postgresql_remove(tables: Iterable[str]) -> list[str]:
    return sql.pg_drop_triggers(PREFIX, tables, _events)


def postgresql_remove_all() -> list[str]:
    return [
        "DROP TRIGGER IF EXISTS vangnet_data_network_delete ON networks_network",
        "DROP FUNCTION IF EXISTS vangnet_network_data_gone()",
        "DROP FUNCTION IF EXISTS vangnet_bump_data(text, bigint[])",
        f"DROP SEQUENCE IF EXISTS {SEQUENCE}",
    ]


def _sqlite_bump(table: str, row: str) -> str:
    return (
        f"INSERT INTO {VERSION_TABLE} (network_id, kind, token) "
        f"SELECT n, '{kind_of(table)}', random() FROM (SELECT {_expression(table, row)} AS n) "
        "WHERE n IS NOT NULL "
        "ON CONFLICT (network_id, kind) DO UPDATE SET token = excluded.token;"
    )


def sqlite_install(tables: Iterable[str]) -> list[str]:
    statements = [
        "CREATE TRIGGER IF NOT EXISTS vangnet_data_network_delete AFTER DELETE ON "
        f"networks_network BEGIN DELETE FROM {VERSION_TABLE} WHERE network_id = OLD.id; END",
    ]
    for table in tables:
        for event in _events(table):
            body = sql.sqlite_row_bodies(event, partial(_sqlite_bump, table))
            statements.append(
                sql.sqlite_trigger(sql.trigger_name(PREFIX, table, event), event, table, body)
            )
    return statements


def sqlite_remove(tables: Iterable[str]) -> list[str]:
    return sql.sqlite_drop_triggers(PREFIX, tables, _events)


def install(connection, *, tables: Iterable[str]) -> None:
    """Create the triggers of `tables` (and the shared functions, sequence and the
    network's delete trigger)."""
    tables = list(tables)
    statements = sql.for_vendor(
        connection,
        postgresql=lambda: postgresql_install(tables),
        sqlite=lambda: sqlite_install(tables),
        what="data-version",
    )
    sql.run(connection, statements)


def remove(connection, *, tables: Iterable[str], everything: bool = False) -> None:
    """Drop the triggers of `tables`; `everything` also the shared parts (the first
    migration's reversal)."""
    tables = list(tables)
    statements = sql.for_vendor(
        connection,
        postgresql=lambda: (
            postgresql_remove(tables) + (postgresql_remove_all() if everything else [])
        ),
        sqlite=lambda: (
            sqlite_remove(tables)
            + (["DROP TRIGGER IF EXISTS vangnet_data_network_delete"] if everything else [])
        ),
        what="data-version",
    )
    sql.run(connection, statements)
