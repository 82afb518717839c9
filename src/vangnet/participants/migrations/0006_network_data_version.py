"""A version per network and kind of data (support ties, neighbourhood outputs, the plan,
the evaluation), kept by database triggers (participants/data_triggers.py)."""

from django.db import migrations, models

from vangnet.participants import data_triggers

# The tables this migration watches (data_triggers.KINDS when it was written); a table added
# to KINDS later is installed by a migration of its own.
TABLES = [
    "support_supporttie",
    "neighbourhood_neighbourhoodoutput",
    "neighbourhood_outputitem",
    "neighbourhood_outputpartner",
    "networks_network",
    "networks_phasetransition",
    "networks_activity",
    "planning_workerhours",
    "network_evaluation_networkevaluation",
    "network_evaluation_subgoaljudgement",
    "network_evaluation_checklistassessment",
    "network_evaluation_checklistanswer",
    "participants_followuptask",
    "interviews_interview",
    "interviews_interviewreport",
    "interviews_reportversion",
    "interviews_membercheckevent",
    "interviews_codedpassage",
    "questionnaires_response",
    "questionnaires_answer",
]


def install(apps, schema_editor):
    data_triggers.install(schema_editor.connection, tables=TABLES)


def remove(apps, schema_editor):
    data_triggers.remove(schema_editor.connection, tables=TABLES, everything=True)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0005_participant_fact_version"),
        ("networks", "0004_announcedabsence_by_participant"),
        ("support", "0006_consent_change_by_person"),
        ("neighbourhood", "0001_initial"),
        ("planning", "0001_initial"),
        ("network_evaluation", "0001_initial"),
        ("interviews", "0003_member_check_by_participant"),
        ("questionnaires", "0003_response_self_filled"),
    ]

    operations = [
        migrations.CreateModel(
            name="NetworkDataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("network_id", models.BigIntegerField()),
                ("kind", models.CharField(max_length=32)),
                ("token", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "versie van gegevens van een netwerk",
                "verbose_name_plural": "versies van gegevens van netwerken",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("network_id", "kind"), name="network_data_version_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(install, remove),
    ]
