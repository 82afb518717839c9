"""A task for the worker-process tests: notes each attempt in a file, then waits until the
test lets it finish (a release file), so the test can kill the worker in the middle."""

import time
from pathlib import Path

from django_tasks import task


@task()
def hold(directory: str, name: str) -> int:
    folder = Path(directory)
    with (folder / f"{name}.started").open("a") as attempts:
        attempts.write("x")
    while not (folder / f"{name}.release").exists():
        time.sleep(0.05)
    return len((folder / f"{name}.started").read_text())
