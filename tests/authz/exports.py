"""Authorization routes of the exports area (see tests/authz/__init__.py)."""

import datetime as dt

from django.utils import timezone

from tests.authz import Route
from vangnet.core.permissions import Cap

# The page is for everyone with export_data or research_export (the Route takes one
# capability, so the allowed world users are listed); a job is only its requester's.
EXPORTERS = ("lead", "other_worker", "coordinator", "evaluator", "foreign_worker")

ROUTES: dict[str, Route] = {
    "exports:index": Route(None, "none", only=EXPORTERS),
    "exports:data_start": Route(Cap.EXPORT_DATA, "none", ("get", "post")),
    "exports:research_start": Route(Cap.RESEARCH_EXPORT, "none", ("get", "post")),
    "exports:job": Route(None, "none", only=("coordinator",)),
    "exports:job_status": Route(None, "none", only=("coordinator",)),
    "exports:download": Route(None, "none", only=("coordinator",)),
}


def extend_world(world: dict) -> None:
    """A finished export of the world's coordinator (only they may see and download it)."""
    from vangnet.exports.models import ExportJob, JobStatus

    now = timezone.now()
    job = ExportJob.objects.create(
        organisation=world["organisation"],
        requested_by=world["users"]["coordinator"],
        kind="routes",
        file_format="csv",
        params={},
        status=JobStatus.DONE,
        progress_done=1,
        progress_total=1,
        file=b"Vangnetwerk\r\n",
        filename="routes-organisatie.csv",
        content_type="text/csv; charset=utf-8",
        size=13,
        finished_at=now,
        expires_at=now + dt.timedelta(hours=24),
    )
    world["kwargs"]["job_id"] = job.pk
