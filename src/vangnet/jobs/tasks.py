"""The jobs app's own task: one piece of periodic work (see periodic.py)."""

from django_tasks import task


@task()
def run_periodic_task(name: str) -> str:
    from vangnet.jobs.services import periodic_run

    return periodic_run(name=name)
