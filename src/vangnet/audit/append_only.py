"""Audit rows are append-only in the database itself, not only in the application.

A trigger (migration audit 0003) refuses every UPDATE and DELETE of `audit_auditevent`,
whoever sends it: the application's own database user included. Two exceptions:

- the ORM's SET NULL when a user or an organisation is deleted (`actor_id` or
  `organisation_id` becomes NULL and nothing else changes), so accounts can still be removed;
- `audit_purge()`: the one documented path that may delete rows, used by
  `vangnet apply-retention --audit-months N` (rows older than the retention period) and by
  `flush` (tests, `vangnet restore`). On PostgreSQL it sets the transaction-local setting
  `vangnet.audit_purge`; on SQLite the trigger asks the SQL function `vangnet_audit_purge()`,
  which every connection of the application registers. PostgreSQL's `flush` is a TRUNCATE,
  which row triggers do not see.

Stronger still (docs/privacy.md): let the application connect as a role that has only
SELECT and INSERT on the table, and run retention as the owner.
"""

from __future__ import annotations

import contextlib
import threading

from django.db import connection, transaction

_state = threading.local()

TABLE = "audit_auditevent"
UNCHANGED = (
    "id",
    "at",
    "actor_username",
    "action",
    "object_type",
    "object_id",
    "detail",
    "path",
    "ip_address",
)

POSTGRES_CREATE = f"""
CREATE OR REPLACE FUNCTION vangnet_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('vangnet.audit_purge', true) = 'on' THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE'
        AND ({", ".join(f"NEW.{c}" for c in UNCHANGED)})
            IS NOT DISTINCT FROM ({", ".join(f"OLD.{c}" for c in UNCHANGED)})
        AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
        AND (NEW.organisation_id IS NULL
             OR NEW.organisation_id IS NOT DISTINCT FROM OLD.organisation_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit rows are append-only (%): see docs/privacy.md', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_append_only ON {TABLE};
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION vangnet_audit_append_only();
"""
POSTGRES_DROP = f"""
DROP TRIGGER IF EXISTS audit_append_only ON {TABLE};
DROP FUNCTION IF EXISTS vangnet_audit_append_only();
"""

_SQLITE_SAME = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in UNCHANGED)
SQLITE_CREATE = [
    f"""
CREATE TRIGGER IF NOT EXISTS audit_append_only_update BEFORE UPDATE ON {TABLE}
WHEN NOT ({_SQLITE_SAME}
          AND (NEW.actor_id IS NULL OR NEW.actor_id IS OLD.actor_id)
          AND (NEW.organisation_id IS NULL OR NEW.organisation_id IS OLD.organisation_id))
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only (UPDATE): see docs/privacy.md');
END;
""",
    f"""
CREATE TRIGGER IF NOT EXISTS audit_append_only_delete BEFORE DELETE ON {TABLE}
WHEN vangnet_audit_purge() IS NOT 1
BEGIN
    SELECT RAISE(ABORT, 'audit rows are append-only (DELETE): see docs/privacy.md');
END;
""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_append_only_update;",
    "DROP TRIGGER IF EXISTS audit_append_only_delete;",
]


def purge_allowed() -> int:
    return 1 if getattr(_state, "purging", 0) else 0


def register_sqlite_function(sender, connection, **kwargs) -> None:
    """`connection_created` receiver: SQLite asks this function in the delete trigger."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("vangnet_audit_purge", 0, purge_allowed)


@contextlib.contextmanager
def audit_purge():
    """The one way to delete audit rows (retention of the audit trail, flush). On
    PostgreSQL it opens a transaction (or savepoint) and allows deletes until it ends."""
    previous = getattr(_state, "purging", 0)
    _state.purging = previous + 1
    try:
        if connection.vendor == "postgresql":
            with transaction.atomic():
                _set_purge("on")
                yield
                if not previous:
                    _set_purge("off")
        else:
            yield
    finally:
        _state.purging = previous


def _set_purge(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('vangnet.audit_purge', %s, true)", [value])
