"""The benchmark's background work (django-tasks; run by `vangnet worker`)."""

from django.utils import timezone
from django_tasks import task


@task()
def benchmark_changed_task(organisation_id: int | None) -> str:
    """After taking part (refresh that organisation's snapshots) or withdrawing."""
    from vangnet.benchmark.services import snapshot_refresh
    from vangnet.organisations.models import Organisation

    if organisation_id is None:
        return "withdrawn"
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        return "organisation gone"
    done = snapshot_refresh(organisation=organisation, today=timezone.localdate())
    return f"{done} quarter(s) refreshed"
