"""The export job as a background task (django-tasks; run by `vangnet worker`)."""

from django_tasks import task

TASK_PATH = "vangnet.exports.tasks.export_job_task"


@task()
def export_job_task(job_id: int) -> None:
    from vangnet.exports.services import export_job_run

    export_job_run(job_id=job_id)


def on_job_abandoned(*, task_path: str, args: list, kwargs: dict, **_signal) -> None:
    """jobs.signals.job_abandoned: a worker died running this export and it is not retried."""
    if task_path != TASK_PATH:
        return
    from vangnet.exports.services import export_job_abandoned

    job_id = kwargs.get("job_id", args[0] if args else None)
    if job_id is not None:
        export_job_abandoned(job_id=int(job_id))
