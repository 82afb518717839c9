"""The version of each participant's own route facts, kept by database triggers
(participants/route_triggers.py)."""

from django.db import migrations, models

from vangnet.participants import route_triggers


def install(apps, schema_editor):
    route_triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    route_triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0004_network_fact_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="ParticipantFactVersion",
            fields=[
                ("participant_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "versie van de feiten van een deelnemer",
                "verbose_name_plural": "versies van de feiten van deelnemers",
            },
        ),
        migrations.RunPython(install, remove),
    ]
