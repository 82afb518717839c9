"""A data version for the absences announced before sessions (participants/data_triggers.py,
kind "absences"): the follow-up list refreshes a network's tasks only when it changed."""

from django.db import migrations

from vangnet.participants import data_triggers

TABLES = ["networks_announcedabsence"]


def install(apps, schema_editor):
    data_triggers.install(schema_editor.connection, tables=TABLES)


def remove(apps, schema_editor):
    data_triggers.remove(schema_editor.connection, tables=TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0007_network_page_version"),
        ("networks", "0004_announcedabsence_by_participant"),
    ]

    operations = [migrations.RunPython(install, remove)]
