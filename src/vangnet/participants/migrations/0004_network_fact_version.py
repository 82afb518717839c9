"""The version of each network's route facts, kept by database triggers
(participants/fact_triggers.py)."""

from django.db import migrations, models

from vangnet.participants import fact_triggers


def install(apps, schema_editor):
    fact_triggers.install(schema_editor.connection)


def remove(apps, schema_editor):
    fact_triggers.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0003_wishes_by_participant_at"),
        ("networks", "0004_announcedabsence_by_participant"),
    ]

    operations = [
        migrations.CreateModel(
            name="NetworkFactVersion",
            fields=[
                ("network_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "versie van de feiten van een netwerk",
                "verbose_name_plural": "versies van de feiten van netwerken",
            },
        ),
        migrations.RunPython(install, remove),
    ]
