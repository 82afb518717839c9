"""The data version of kind "person" (participants/data_triggers.py): what the participant
page shows of a person beside the route facts."""

from django.db import migrations

from vangnet.participants import data_triggers

TABLES = list(data_triggers.KINDS["person"])


def install(apps, schema_editor):
    data_triggers.install(schema_editor.connection, tables=TABLES)


def remove(apps, schema_editor):
    data_triggers.remove(schema_editor.connection, tables=TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0008_absences_data_version"),
        ("networks", "0004_announcedabsence_by_participant"),
        ("privacy", "0003_consent_for_clients"),
        ("support", "0007_fact_version_triggers"),
        ("myspace", "0003_erasure_request"),
    ]

    operations = [migrations.RunPython(install, remove)]
