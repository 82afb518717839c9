"""Support ties and phase transitions renew the network's fact version too
(participants/fact_triggers.py `LATER_TABLES`): the sociogram's cache keys on it."""

from django.db import migrations

from vangnet.participants import fact_triggers


def install(apps, schema_editor):
    fact_triggers.install_later(schema_editor.connection)


def remove(apps, schema_editor):
    fact_triggers.remove_later(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0006_consent_change_by_person"),
        ("participants", "0004_network_fact_version"),
        ("networks", "0004_announcedabsence_by_participant"),
    ]

    operations = [migrations.RunPython(install, remove)]
