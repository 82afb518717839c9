"""Audit rows are append-only in the database: a trigger refuses UPDATE and DELETE
(vangnet.audit.append_only explains the exceptions)."""

from django.db import migrations

from vangnet.audit import append_only


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(append_only.POSTGRES_CREATE, params=None)
    elif vendor == "sqlite":
        for statement in append_only.SQLITE_CREATE:
            schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(append_only.POSTGRES_DROP, params=None)
    elif vendor == "sqlite":
        for statement in append_only.SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
