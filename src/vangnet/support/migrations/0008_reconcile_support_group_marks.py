"""Marks "hoort bij de steungroep" set on a client's map before the mark went through the
steungroep timeline (support.group_services.group_mark_set) have no period in the
timeline. Each such person on the client's newest map (not taken off it) gets an open
period, starting on the date of the first wave in a row in which they were marked; a
person whose period is open already is left alone. Marks on participants' maps have no
timeline and stay as they are. Reversal keeps the periods (they are the truth since)."""

from django.db import migrations


def reconcile(apps, schema_editor):
    Alter = apps.get_model("support", "Alter")
    NetworkMap = apps.get_model("support", "NetworkMap")
    SupportGroupMember = apps.get_model("support", "SupportGroupMember")
    newest: dict[int, int] = {}
    for map_id, client_id in (
        NetworkMap.objects.filter(client__isnull=False)
        .order_by("client_id", "-wave_date", "-pk")
        .values_list("pk", "client_id")
    ):
        newest.setdefault(client_id, map_id)
    marked = Alter.objects.filter(
        network_map_id__in=newest.values(), in_support_group=True, removed_at__isnull=True
    ).select_related("network_map")
    for alter in marked:
        client_id = alter.network_map.client_id
        chain, start, in_a_row = [alter.pk], alter.network_map.wave_date, True
        earlier = alter.origin_id
        while earlier is not None and earlier not in chain:
            before = Alter.objects.select_related("network_map").get(pk=earlier)
            chain.append(before.pk)
            in_a_row = in_a_row and before.in_support_group
            if in_a_row:
                start = min(start, before.network_map.wave_date)
            earlier = before.origin_id
        if SupportGroupMember.objects.filter(
            client_id=client_id, alter_id__in=chain, end__isnull=True
        ).exists():
            continue
        SupportGroupMember.objects.create(
            client_id=client_id, name=alter.name[:80], alter_id=alter.pk, start=start
        )


class Migration(migrations.Migration):
    dependencies = [("support", "0007_fact_version_triggers")]

    operations = [migrations.RunPython(reconcile, migrations.RunPython.noop)]
