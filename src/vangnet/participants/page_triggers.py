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

Each table names the way from its row to the network ids, as a path: the row's column,
then per step (table, column matched, column taken); the last column taken is a network id.
PostgreSQL runs one trigger per statement with transition tables, SQLite one per row (as
for the fact version). A row deleted after the row its path goes through (a cascade that
deletes the parent first) renews nothing; Django deletes children before their parent, and
a deleted parent renews the token itself.
"""

# ruff: noqa: S608 - every name in this SQL is a constant of this module, nothing comes from input

from __future__ import annotations

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
EVENTS = ("INSERT", "UPDATE", "DELETE")


def _name(table: str, event: str = "") -> str:
    return f"vangnet_page_{table}_{event.lower()}".rstrip("_")


def _joins(path: Path) -> tuple[str, str]:
    """The JOIN clauses after the row `r` and the expression of the network id."""
    column, steps = path
    joins, previous = [], f"r.{column}"
    for number, (table, matched, taken) in enumerate(steps):
        joins.append(f"JOIN {table} j{number} ON j{number}.{matched} = {previous}")
        previous = f"j{number}.{taken}"
    return " ".join(joins), previous


def postgresql_install() -> list[str]:
    statements = [
        f"CREATE SEQUENCE IF NOT EXISTS {SEQUENCE}",
        f"""CREATE OR REPLACE FUNCTION vangnet_bump_page(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
INSERT INTO {VERSION_TABLE} (network_id, token)
SELECT n, nextval('{SEQUENCE}') FROM (
    SELECT DISTINCT n FROM unnest(ids) AS n WHERE n IS NOT NULL ORDER BY n
) AS d
ON CONFLICT (network_id) DO UPDATE SET token = EXCLUDED.token
$$""",
        # A network's row goes with the network (after its children renewed it).
        f"""CREATE OR REPLACE FUNCTION vangnet_page_network_gone() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {VERSION_TABLE} WHERE network_id IN (SELECT id FROM old_rows);
    RETURN NULL;
END $$""",
    ]
    for table, path in PAGE_TABLES.items():
        joins, network = _joins(path)
        new = f"SELECT {network} FROM new_rows r {joins}"
        old = f"SELECT {network} FROM old_rows r {joins}"
        statements.append(
            f"""CREATE OR REPLACE FUNCTION {_name(table)}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM vangnet_bump_page(ARRAY({new}));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM vangnet_bump_page(ARRAY({old}));
    ELSE
        PERFORM vangnet_bump_page(ARRAY({new} UNION {old}));
    END IF;
    RETURN NULL;
END $$"""
        )
        for event in EVENTS:
            if table == "networks_network" and event == "DELETE":
                function = "vangnet_page_network_gone"
            else:
                function = _name(table)
            tables = {
                "INSERT": "NEW TABLE AS new_rows",
                "DELETE": "OLD TABLE AS old_rows",
                "UPDATE": "NEW TABLE AS new_rows OLD TABLE AS old_rows",
            }[event]
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {table} "
                f"REFERENCING {tables} FOR EACH STATEMENT EXECUTE FUNCTION {function}()"
            )
    statements.append(
        f"INSERT INTO {VERSION_TABLE} (network_id, token) "
        f"SELECT id, nextval('{SEQUENCE}') FROM networks_network ON CONFLICT DO NOTHING"
    )
    return statements


def postgresql_remove() -> list[str]:
    statements = [
        f"DROP TRIGGER IF EXISTS {_name(table, event)} ON {table}"
        for table in PAGE_TABLES
        for event in EVENTS
    ]
    statements += [f"DROP FUNCTION IF EXISTS {_name(table)}()" for table in PAGE_TABLES]
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


def sqlite_install() -> list[str]:
    def bump(select: str) -> str:
        return f"INSERT OR REPLACE INTO {VERSION_TABLE} (network_id, token) {select};"

    statements = []
    for table, path in PAGE_TABLES.items():
        for event in EVENTS:
            if table == "networks_network" and event == "DELETE":
                body = f"DELETE FROM {VERSION_TABLE} WHERE network_id = OLD.id;"
            else:
                rows = {"INSERT": ["NEW"], "DELETE": ["OLD"], "UPDATE": ["NEW", "OLD"]}[event]
                body = " ".join(bump(_sqlite_select(path, row)) for row in rows)
            statements.append(
                f"CREATE TRIGGER {_name(table, event)} AFTER {event} ON {table} BEGIN {body} END"
            )
    statements.append(
        f"INSERT OR IGNORE INTO {VERSION_TABLE} (network_id, token) "
        "SELECT id, random() FROM networks_network"
    )
    return statements


def sqlite_remove() -> list[str]:
    names = [_name(table, event) for table in PAGE_TABLES for event in EVENTS]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in names]


def install(connection) -> None:
    """Create the triggers (and on PostgreSQL their functions and sequence), and give every
    existing network a page version."""
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
    raise NotImplementedError(f"no page-version triggers for {connection.vendor}")
