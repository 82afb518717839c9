"""The version of what each network's page shows beside its facts, kept by database
triggers (participants/page_triggers.py) on the tables of every app the page shows."""

from django.db import migrations, models

from vangnet.participants import page_triggers

# The tables this migration watches (page_triggers.PAGE_TABLES when it was written); a table
# added to PAGE_TABLES later is installed by a migration of its own.
TABLES = [
    "networks_network",
    "networks_activity",
    "networks_session_activities",
    "networks_phasetransition",
    "participants_followuptask",
    "support_supporttie",
    "planning_workerhours",
    "finance_moneyentry",
    "finance_networkbudget",
    "houserules_houserules",
    "neighbourhood_neighbourhoodoutput",
    "neighbourhood_outputitem",
    "neighbourhood_outputpartner",
    "volunteers_networkhelper",
    "stakeholders_party_networks",
    "stakeholders_stakeholdermeeting_networks",
    "stakeholders_party",
    "stakeholders_stakeholdermeeting",
    "stakeholders_agreement",
    "network_evaluation_networkevaluation",
    "network_evaluation_subgoaljudgement",
    "interviews_interview",
    "interviews_interviewreport",
    "questionnaires_response",
    "questionnaires_answer",
    "questionnaires_item",
    "planning_planningsettings",
    "finance_financesettings",
    "organisations_organisation",
    "organisations_location",
]


def install(apps, schema_editor):
    page_triggers.install(schema_editor.connection, tables=TABLES)


def remove(apps, schema_editor):
    page_triggers.remove(schema_editor.connection, tables=TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0006_network_data_version"),
        ("networks", "0004_announcedabsence_by_participant"),
        ("support", "0006_consent_change_by_person"),
        ("planning", "0001_initial"),
        ("finance", "0001_initial"),
        ("houserules", "0001_initial"),
        ("neighbourhood", "0001_initial"),
        ("volunteers", "0002_networkhelper_user"),
        ("stakeholders", "0001_initial"),
        ("network_evaluation", "0001_initial"),
        ("interviews", "0003_member_check_by_participant"),
        ("questionnaires", "0003_response_self_filled"),
        ("organisations", "0004_alter_user_role"),
    ]

    operations = [
        migrations.CreateModel(
            name="NetworkPageVersion",
            fields=[
                ("network_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "versie van de netwerkpagina",
                "verbose_name_plural": "versies van netwerkpagina's",
            },
        ),
        migrations.RunPython(install, remove),
    ]
