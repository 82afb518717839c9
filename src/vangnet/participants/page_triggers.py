"""The database triggers that keep `NetworkPageVersion` (networks.page_cache), the sibling of
`NetworkFactVersion` (participants.fact_triggers).

The network page shows, beside the network's facts (sessions, marks, participants, route
events: the fact version), the rows of a dozen other tables: activities, phase
transitions, follow-up tasks, support ties, worker hours, money, house rules, neighbourhood
output, helpers, stakeholders, evaluations, interviews, questionnaire answers, and a few
settings of the organisation. Every statement that inserts, changes or deletes rows of a
table in `PAGE_TABLES` gives each network whose page the rows appear on a new page token,
in the same transaction, whatever the writer (services, `QuerySet.update`, raw SQL,
cascades). A row of the organisation (its settings, its stakeholder parties and meetings,
its questionnaires) renews the token of every network of the organisation: such rows are
written seldom.

Each table names the way from its row to the network ids, as a path: the row's column, then
per step (table, column matched, column taken); the last column taken is a network id.
PostgreSQL runs one trigger per statement with transition tables, SQLite one per row (as for
the fact version; the SQL's building blocks: participants.version_triggers). A row deleted
after the row its path goes through (a cascade that deletes the parent first) renews
nothing; Django deletes children before their parent, and a deleted parent renews the token
itself."""

# ruff: noqa: S608 - every name in this SQL is a constant of this module, nothing comes from input

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from vangnet.participants import version_triggers as sql
from vangnet.participants.version_triggers import EVENTS

VERSION_TABLE = "participants_networkpageversion"
SEQUENCE = "participants_page_token_seq"

Step = tuple[str, str, str]  # (table, column matched against the previous value, column taken)
Path = tuple[str, tuple[Step, ...]]

_SESSION: Step = ("networks_session", "id", "network_id")
_ORGANISATION: Step = ("networks_network", "organisation_id", "id")
_MEETING: Step = ("stakeholders_stakeholdermeeting", "id", "organisation_id")

PAGE_TABLES: dict[str, Path] = {
    # the network's own row (its name, target, start date, workers) and its children
    "networks_network": ("id", ()),
    "networks_activity": ("network_id", ()),
    "networks_session_activities": ("session_id", (_SESSION,)),
    "networks_phasetransition": ("network_id", ()),
    "participants_followuptask": ("network_id", ()),
    "support_supporttie": ("network_id", ()),
    "planning_workerhours": ("network_id", ()),
    "finance_moneyentry": ("network_id", ()),
    "finance_networkbudget": ("network_id", ()),
    "houserules_houserules": ("network_id", ()),
    "neighbourhood_neighbourhoodoutput": ("session_id", (_SESSION,)),
    "neighbourhood_outputitem": (
        "output_id",
        (("neighbourhood_neighbourhoodoutput", "id", "session_id"), _SESSION),
    ),
    "neighbourhood_outputpartner": (
        "output_id",
        (("neighbourhood_neighbourhoodoutput", "id", "session_id"), _SESSION),
    ),
    "volunteers_networkhelper": ("network_id", ()),
    "stakeholders_party_networks": ("network_id", ()),
    "stakeholders_stakeholdermeeting_networks": ("network_id", ()),
    "stakeholders_party": ("organisation_id", (_ORGANISATION,)),
    "stakeholders_stakeholdermeeting": ("organisation_id", (_ORGANISATION,)),
    "stakeholders_agreement": ("meeting_id", (_MEETING, _ORGANISATION)),
    "network_evaluation_networkevaluation": ("network_id", ()),
    "network_evaluation_subgoaljudgement": (
        "evaluation_id",
        (("network_evaluation_networkevaluation", "id", "network_id"),),
    ),
    "interviews_interview": ("network_id", ()),
    "interviews_interviewreport": ("interview_id", (("interviews_interview", "id", "network_id"),)),
    "questionnaires_response": ("network_id", ()),
    "questionnaires_answer": ("response_id", (("questionnaires_response", "id", "network_id"),)),
    "questionnaires_item": (
        "section_id",
        (
            ("questionnaires_section", "id", "version_id"),
            ("questionnaires_questionnaireversion", "id", "template_id"),
            ("questionnaires_questionnairetemplate", "id", "organisation_id"),
            _ORGANISATION,
        ),
    ),
    "planning_planningsettings": ("organisation_id", (_ORGANISATION,)),
    "finance_financesettings": ("organisation_id", (_ORGANISATION,)),
    "organisations_organisation": ("id", (_ORGANISATION,)),
    "organisations_location": ("organisation_id", (_ORGANISATION,)),
}
PREFIX = "page"
_BUMP = sql.perform("vangnet_bump_page")


def _joins(path: Path) -> tuple[str, str]:
    """The JOIN clauses after the row `r` and the expression of the network id."""
    column, steps = path
    joins, previous = [], f"r.{column}"
    for number, (table, matched, taken) in enumerate(steps):
        joins.append(f"JOIN {table} j{number} ON j{number}.{matched} = {previous}")
        previous = f"j{number}.{taken}"
    return " ".join(joins), previous


def _function(table: str, event: str) -> str:
    if table == "networks_network" and event == "DELETE":
        return "vangnet_page_network_gone"  # the network's row goes with the network
    return sql.trigger_name(PREFIX, table)


def postgresql_install(tables: Iterable[str] | None = None) -> list[str]:
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        sql.pg_bump_function(
            "vangnet_bump_page", version_table=VERSION_TABLE, key="network_id", sequence=SEQUENCE
        ),
        # A network's row goes with the network (after its children renewed it).
        sql.pg_rows_gone_function(
            "vangnet_page_network_gone", version_table=VERSION_TABLE, key="network_id"
        ),
    ]
    for table in _chosen(tables):
        joins, network = _joins(PAGE_TABLES[table])
        statements.append(
            sql.pg_table_function(
                sql.trigger_name(PREFIX, table),
                new=f"SELECT {network} FROM new_rows r {joins}",
                old=f"SELECT {network} FROM old_rows r {joins}",
                bump=_BUMP,
            )
        )
        statements += [
            sql.pg_trigger(
                sql.trigger_name(PREFIX, table, event), event, table, _function(table, event)
            )
            for event in EVENTS
        ]
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (network_id, token) "
        f"SELECT id, nextval('{SEQUENCE}') FROM networks_network ON CONFLICT DO NOTHING"
    )
    return statements


def postgresql_remove(tables: Iterable[str] | None = None, *, everything: bool = True) -> list[str]:
    statements = sql.pg_drop_triggers(PREFIX, _chosen(tables))
    if not everything:
        return statements
    statements += [
        "DROP FUNCTION IF EXISTS vangnet_page_network_gone()",
        "DROP FUNCTION IF EXISTS vangnet_bump_page(bigint[])",
        f"DROP SEQUENCE IF EXISTS {SEQUENCE}",
    ]
    return statements


def _sqlite_select(path: Path, row: str) -> str:
    """The network ids of SQLite's `NEW` or `OLD` row along `path`, with fresh tokens."""
    column, steps = path
    if not steps:
        return f"SELECT {row}.{column}, random() WHERE {row}.{column} IS NOT NULL"
    joins, previous = [], ""
    for number, (table, matched, taken) in enumerate(steps):
        if number == 0:
            joins.append(f"FROM {table} j0")
            where = f"WHERE j0.{matched} = {row}.{column}"
        else:
            joins.append(f"JOIN {table} j{number} ON j{number}.{matched} = {previous}")
        previous = f"j{number}.{taken}"
    return f"SELECT {previous}, random() {' '.join(joins)} {where} AND {previous} IS NOT NULL"


def _sqlite_bump(path: Path, row: str) -> str:
    select = _sqlite_select(path, row)
    return f"INSERT OR REPLACE INTO {VERSION_TABLE} (network_id, token) {select};"


def sqlite_install(tables: Iterable[str] | None = None) -> list[str]:
    statements = []
    for table in _chosen(tables):
        path = PAGE_TABLES[table]
        for event in EVENTS:
            if table == "networks_network" and event == "DELETE":
                body = f"DELETE FROM {VERSION_TABLE} WHERE network_id = OLD.id;"
            else:
                body = sql.sqlite_row_bodies(event, partial(_sqlite_bump, path))
            statements.append(
                sql.sqlite_trigger(sql.trigger_name(PREFIX, table, event), event, table, body)
            )
    statements.append(
        f"INSERT OR IGNORE INTO {VERSION_TABLE} (network_id, token) "
        "SELECT id, random() FROM networks_network"
    )
    return statements


def sqlite_remove(tables: Iterable[str] | None = None) -> list[str]:
    return sql.sqlite_drop_triggers(PREFIX, _chosen(tables))


def _chosen(tables: Iterable[str] | None) -> list[str]:
    return list(PAGE_TABLES) if tables is None else list(tables)


def install(connection, *, tables: Iterable[str] | None = None) -> None:
    """Create the triggers of `tables` (all of `PAGE_TABLES` without it; on PostgreSQL also
    the shared functions and sequence), and give every existing network a page version.
    A migration names its tables, so a table added here later needs a migration of its own
    that installs just that table."""
    chosen = _chosen(tables)
    statements = sql.for_vendor(
        connection,
        postgresql=lambda: postgresql_install(chosen),
        sqlite=lambda: sqlite_install(chosen),
        what="page-version",
    )
    sql.run(connection, statements)


def remove(connection, *, tables: Iterable[str] | None = None, everything: bool = True) -> None:
    """Drop the triggers of `tables`; `everything` also the shared functions and sequence
    (the first migration's reversal)."""
    chosen = _chosen(tables)
    statements = sql.for_vendor(
        connection,
        postgresql=lambda: postgresql_remove(chosen, everything=everything),
        sqlite=lambda: sqlite_remove(chosen),
        what="page-version",
    )
    sql.run(connection, statements)
