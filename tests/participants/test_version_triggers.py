"""Every table a trigger-kept version watches has its triggers on a migrated database: a
table added to one of the modules' lists without a migration that installs it would
silently leave its caches stale."""

import pytest
from django.db import connection

from vangnet.participants import data_triggers, fact_triggers, page_triggers, route_triggers
from vangnet.participants.version_triggers import EVENTS, trigger_name

pytestmark = pytest.mark.django_db


def _trigger_names() -> set[str]:
    if connection.vendor == "postgresql":
        sql = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return {row[0] for row in cursor.fetchall()}


def _expected() -> set[str]:
    watched = [
        ("facts", [*fact_triggers.FACT_TABLES, *fact_triggers.LATER_TABLES], lambda _: EVENTS),
        ("people", route_triggers.PERSON_TABLES, lambda _: EVENTS),
        ("page", page_triggers.PAGE_TABLES, lambda _: EVENTS),
        (
            "data",
            [table for tables in data_triggers.KINDS.values() for table in tables],
            data_triggers._events,
        ),
    ]
    return {
        trigger_name(prefix, table, event)
        for prefix, tables, events in watched
        for table in tables
        for event in events(table)
    }


def test_every_watched_table_has_its_triggers():
    missing = _expected() - _trigger_names()
    assert not missing, f"tables without their version triggers (a migration?): {sorted(missing)}"


def test_the_check_sees_a_missing_trigger():
    """The check above can fail: with one trigger dropped it names it."""
    name = trigger_name("page", "houserules_houserules", "UPDATE")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER {name} ON houserules_houserules")
        else:
            cursor.execute(f"DROP TRIGGER {name}")
    assert _expected() - _trigger_names() == {name}
